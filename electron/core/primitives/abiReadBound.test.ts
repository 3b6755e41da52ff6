import { AbiCoder, ParamType, concat, getBytes, toBeHex } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGuardianError } from '../errors.js';
import { assertAbiReadBound } from './abiReadBound.js';

const coder = AbiCoder.defaultAbiCoder();
const types = (...t: string[]) => t.map((s) => ParamType.from(s));
const word = (x: number) => toBeHex(x, 32);

/** A bytes[] of `items` entries whose offsets all point at one blob of `blobSize` bytes. */
function aliasedBytesArray(items: number, blobSize: number): Uint8Array {
  return getBytes(
    concat([
      word(32),
      word(items),
      ...Array.from({ length: items }, () => word(items * 32)),
      word(blobSize),
      new Uint8Array(Math.ceil(blobSize / 32) * 32),
    ]),
  );
}

describe('the ABI read bound', () => {
  it('lets honest encodings of nested dynamic shapes through, as ethers decodes them', () => {
    const shapes = types('(address to, uint256 value, bytes data)[]', 'string', 'uint256[2][]', 'bytes[3]');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })), {
          maxLength: 6,
        }),
        fc.string(),
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 9n })), { maxLength: 5 }),
        fc.tuple(fc.uint8Array({ maxLength: 70 }), fc.uint8Array(), fc.uint8Array({ maxLength: 3 })),
        (calls, text, pairs, three) => {
          const values = [calls.map(([data, value]) => [`0x${'ab'.repeat(20)}`, value, data]), text, pairs, three];
          const data = getBytes(coder.encode(shapes, values));
          expect(() => assertAbiReadBound(shapes, data)).not.toThrow();
          expect(coder.decode(shapes, data)).toHaveLength(4);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses offsets aliased onto one blob past four times the data, which ethers alone would decode', () => {
    const bytesArray = types('bytes[]');
    // 3 items on a 3 KB blob: about 2.9 times the data, honest enough to decode.
    const mild = aliasedBytesArray(3, 3_000);
    expect(() => assertAbiReadBound(bytesArray, mild)).not.toThrow();
    // 40 items on a 3 KB blob read 120 KB from 4.4 KB of data.
    const hostile = aliasedBytesArray(40, 3_000);
    expect(coder.decode(bytesArray, hostile)[0]).toHaveLength(40);
    const refusal = (() => {
      try {
        assertAbiReadBound(bytesArray, hostile);
      } catch (error) {
        return error;
      }
    })();
    expect(isGuardianError(refusal, 'DECODE_FAILED')).toBe(true);
    expect((refusal as Error).message).toMatch(/more than 4 times/);
  });

  it('leaves data that runs out, or an absurd length, to the decoder to refuse', () => {
    const shapes = types('bytes', 'uint256[]');
    const short = getBytes(concat([word(64), word(96), word(2 ** 40)]));
    expect(() => assertAbiReadBound(shapes, short)).not.toThrow();
    expect(() => coder.decode(shapes, short)[0]).toThrow();
    const absurd = getBytes(concat([word(64), word(64), toBeHex(2n ** 255n, 32)]));
    expect(() => assertAbiReadBound(shapes, absurd)).not.toThrow();
  });
});
