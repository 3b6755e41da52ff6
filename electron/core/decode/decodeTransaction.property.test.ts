import { concat, dataLength, Interface, toBeHex, ZeroAddress, zeroPadValue } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../primitives/multiSendEncoding.js';
import { decodeTransaction } from './decodeTransaction.js';
import { DEFAULT_DECODE_LIMITS } from './decodeLimits.js';
import type { DecodedAction } from './decodedTransaction.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const multiSend = '0x40A2aCCbd92BCA938b02010E17A5b8929b49130D';
const multiSendIface = new Interface(['function multiSend(bytes)']);
const known = new Interface([
  'function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
  'function multiSend(bytes)',
  'function schedule(address,uint256,bytes,bytes32,bytes32,uint256)',
  'function scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)',
  'function upgradeAndCall(address,address,bytes)',
]);

function count(actions: readonly DecodedAction[]): number {
  return actions.reduce((n, a) => n + 1 + count(a.children), 0);
}
function warnings(actions: readonly DecodedAction[]): string[] {
  return actions.flatMap((a) => [...a.warnings, ...warnings(a.children)]);
}
function depth(actions: readonly DecodedAction[]): number {
  return actions.reduce((d, a) => Math.max(d, a.depth, depth(a.children)), 0);
}

const hex = (min: number, max: number) =>
  fc
    .uint8Array({ minLength: min, maxLength: max })
    .map((b) => (b.length ? `0x${Buffer.from(b).toString('hex')}` : '0x'));
const selectorOf = fc.constantFrom(
  ...['execTransaction', 'multiSend', 'schedule', 'scheduleBatch', 'upgradeAndCall'].map(
    (name) => known.getFunction(name)!.selector,
  ),
);

/** Properties every input must keep: no throw, bounded work, and nothing cut off without a mark. */
function decodesSafely(data: string, operation: 0 | 1 = 0, to = multiSend) {
  const decoded = decodeTransaction({ chainId, safe, to, value: 0n, data, operation });
  // Bounded work, counted rather than timed: actions made and calldata bytes read.
  expect(decoded.work.actions).toBe(count(decoded.actions));
  expect(decoded.work.actions).toBeLessThanOrEqual(DEFAULT_DECODE_LIMITS.maxActions);
  expect(decoded.work.bytes).toBeLessThanOrEqual(Math.max(dataLength(data), DEFAULT_DECODE_LIMITS.maxTotalBytes));
  expect(depth(decoded.actions)).toBeLessThanOrEqual(DEFAULT_DECODE_LIMITS.maxDepth + 1);
  return decoded;
}

describe('the decoder under hostile calldata', () => {
  it('never throws on random bytes, with or without a known selector', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hex(0, 300),
          fc.tuple(selectorOf, hex(0, 400)).map(([s, rest]) => concat([s, rest])),
        ),
        (data) => {
          const decoded = decodesSafely(data);
          const root = decoded.actions[0]!;
          // Whatever did not decode says so.
          if (root.selector !== null && root.signature === null) expect(root.warnings.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reports a MultiSend batch whose lengths point past its end, keeping the calls before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.bigInt({ min: 1n, max: 2n ** 255n }), (good, bogusLength) => {
        const calls = Array.from({ length: good }, () => ({ operation: 0 as const, to: safe, value: 0n, data: '0x' }));
        const packed = concat([encodePacked(calls), '0x00', safe, zeroPadValue('0x00', 32), toBeHex(bogusLength, 32)]);
        const root = decodesSafely(multiSendIface.encodeFunctionData('multiSend', [packed]), 1).actions[0]!;
        expect(root.children).toHaveLength(good);
        expect(root.warnings.join(' ')).toMatch(/malformed/);
      }),
      { numRuns: 100 },
    );
  });

  it('stops at the depth limit on batches nested in batches, and marks it', () => {
    let data = '0x8456cb59';
    for (let i = 0; i < 40; i++) data = encodeMultiSend([{ operation: 1, to: multiSend, value: 0n, data }]);
    const decoded = decodesSafely(data, 1);
    expect(decoded.flags.truncated).toBe(true);
  });

  it('stops at the action limit on a batch of absurd size, and marks it', () => {
    const calls = Array.from({ length: 2_000 }, () => ({ operation: 0 as const, to: safe, value: 1n, data: '0x' }));
    const decoded = decodesSafely(encodeMultiSend(calls), 1);
    expect(decoded.flags.truncated).toBe(true);
    expect(decoded.actions[0]!.warnings.join(' ')).toMatch(/rest are not shown/);
  });

  it('refuses to decode calldata over the size limit, and marks it', () => {
    const decoded = decodesSafely(`0x8456cb59${'00'.repeat(DEFAULT_DECODE_LIMITS.maxDataBytes)}`);
    expect(decoded.flags.truncated).toBe(true);
  });

  it('survives adversarial ABI offsets and array lengths inside nested Safes, timelocks and upgrades', () => {
    fc.assert(
      fc.property(
        selectorOf,
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), { minLength: 0, maxLength: 14 }),
        (selector, words) => {
          decodesSafely(concat([selector, ...words.map((w) => toBeHex(w, 32))]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses ABI offsets that point every item of a timelock batch at one large payload', () => {
    const executeBatch = new Interface(['function executeBatch(address[],uint256[],bytes[],bytes32,bytes32)']);
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 60 }), fc.integer({ min: 5_000, max: 20_000 }), (items, blobSize) => {
        const word = (x: number | bigint | string) => toBeHex(x, 32);
        const head = 5 * 32;
        const addresses = [word(items), ...Array.from({ length: items }, () => zeroPadValue(safe, 32))];
        const values = [word(items), ...Array.from({ length: items }, () => word(0))];
        // Every offset in the bytes[] head points at the same blob, right after the head.
        const payloads = [
          word(items),
          ...Array.from({ length: items }, () => word(items * 32)),
          word(blobSize),
          '0x8456cb59',
          new Uint8Array(Math.ceil((blobSize - 4) / 32) * 32 + 28),
        ];
        const aValues = head + addresses.length * 32;
        const data = concat([
          executeBatch.getFunction('executeBatch')!.selector,
          word(head),
          word(aValues),
          word(aValues + values.length * 32),
          word(0),
          word(0),
          ...addresses,
          ...values,
          ...payloads,
        ]);
        // The encoding is valid ABI: ethers' own default (1024x inflation) decodes every aliased item.
        expect(executeBatch.decodeFunctionData('executeBatch', data)[2]).toHaveLength(items);
        const decoded = decodesSafely(data);
        expect(decoded.actions[0]!.children.length * blobSize).toBeLessThanOrEqual(4 * dataLength(data));
        expect(decoded.flags.undecoded || decoded.flags.truncated).toBe(true);
      }),
      { numRuns: 5 },
    );
  });

  it('stops at the total byte budget when large calls nest in one another, and marks it', () => {
    const exec = new Interface([
      'function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)',
    ]);
    let data = '0x8456cb59' + '00'.repeat(700_000);
    for (let i = 0; i < 6; i++)
      data = exec.encodeFunctionData('execTransaction', [safe, 0, data, 0, 0, 0, 0, ZeroAddress, ZeroAddress, '0x']);
    const decoded = decodesSafely(data, 0, safe);
    expect(decoded.flags.truncated).toBe(true);
    expect(warnings(decoded.actions).join(' ')).toMatch(
      /bytes of calldata in this transaction; the rest are not shown/,
    );
  });

  it('never throws on random calldata under random limits', () => {
    fc.assert(
      fc.property(
        fc.tuple(selectorOf, hex(0, 600)).map(([s, rest]) => concat([s, rest])),
        fc.record({
          maxDepth: fc.integer({ min: 0, max: 3 }),
          maxActions: fc.integer({ min: 1, max: 5 }),
          maxDataBytes: fc.integer({ min: 0, max: 700 }),
          maxTotalBytes: fc.integer({ min: 0, max: 1000 }),
        }),
        (data, limits) => {
          const decoded = decodeTransaction(
            { chainId, safe, to: multiSend, value: 0n, data, operation: 1 },
            { limits },
          );
          expect(decoded.work.actions).toBeLessThanOrEqual(Math.max(1, limits.maxActions));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('marks a timelock batch whose arrays claim absurd lengths as undecoded, without reading them', () => {
    const selector = known.getFunction('scheduleBatch')!.selector;
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 8 }),
        (lengths, present) => {
          const word = (x: bigint | number) => toBeHex(x, 32);
          // Three well-formed offsets, each to an array whose length word is arbitrary, followed by few items.
          const data = concat([
            selector,
            word(0xc0),
            word(0xe0),
            word(0x100),
            word(0),
            word(0),
            word(86400),
            ...lengths.map(word),
            ...Array.from({ length: present }, () => word(0)),
          ]);
          const decoded = decodesSafely(data, 0, safe);
          if (lengths.some((l) => l > BigInt(present + 2)))
            expect(decoded.flags.undecoded || decoded.flags.truncated).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

function encodePacked(calls: Array<{ operation: 0 | 1; to: string; value: bigint; data: string }>): string {
  const full = encodeMultiSend(calls);
  return multiSendIface.decodeFunctionData('multiSend', full)[0] as string;
}
