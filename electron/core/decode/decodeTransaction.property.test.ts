import { concat, Interface, toBeHex, zeroPadValue } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../queue/multiSendEncoding.js';
import { decodeTransaction } from './decodeTransaction.js';
import { DEFAULT_DECODE_LIMITS } from './decodeLimits.js';
import type { DecodedAction } from './decodedTransaction.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const multiSend = '0x40A2aCCbd92BCA938b02010E17A5b8929b49130D';
const multiSendIface = new Interface(['function multiSend(bytes)']);
const known = new Interface(['function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)', 'function multiSend(bytes)', 'function schedule(address,uint256,bytes,bytes32,bytes32,uint256)']);

function count(actions: readonly DecodedAction[]): number {
  return actions.reduce((n, a) => n + 1 + count(a.children), 0);
}
function depth(actions: readonly DecodedAction[]): number {
  return actions.reduce((d, a) => Math.max(d, a.depth, depth(a.children)), 0);
}

const hex = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((b) => (b.length ? `0x${Buffer.from(b).toString('hex')}` : '0x'));
const selectorOf = fc.constantFrom(...['execTransaction', 'multiSend', 'schedule'].map((name) => known.getFunction(name)!.selector));

/** Properties every input must keep: no throw, bounded work, and nothing cut off without a mark. */
function decodesSafely(data: string, operation: 0 | 1 = 0, to = multiSend) {
  const decoded = decodeTransaction({ chainId, safe, to, value: 0n, data, operation });
  expect(count(decoded.actions)).toBeLessThanOrEqual(DEFAULT_DECODE_LIMITS.maxActions + 1);
  expect(depth(decoded.actions)).toBeLessThanOrEqual(DEFAULT_DECODE_LIMITS.maxDepth + 1);
  return decoded;
}

describe('the decoder under hostile calldata', () => {
  it('never throws on random bytes, with or without a known selector', () => {
    fc.assert(
      fc.property(fc.oneof(hex(0, 300), fc.tuple(selectorOf, hex(0, 400)).map(([s, rest]) => concat([s, rest]))), (data) => {
        const decoded = decodesSafely(data);
        const root = decoded.actions[0]!;
        // Whatever did not decode says so.
        if (root.selector !== null && root.signature === null) expect(root.warnings.length).toBeGreaterThan(0);
      }),
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

  it('survives adversarial ABI offsets inside execTransaction and schedule', () => {
    fc.assert(
      fc.property(selectorOf, fc.array(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), { minLength: 0, maxLength: 14 }), (selector, words) => {
        decodesSafely(concat([selector, ...words.map((w) => toBeHex(w, 32))]));
      }),
      { numRuns: 300 },
    );
  });
});

function encodePacked(calls: Array<{ operation: 0 | 1; to: string; value: bigint; data: string }>): string {
  const full = encodeMultiSend(calls);
  return multiSendIface.decodeFunctionData('multiSend', full)[0] as string;
}
