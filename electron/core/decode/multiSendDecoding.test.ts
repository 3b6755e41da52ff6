import { concat, Interface, toBeHex } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend, type MultiSendCall } from '../primitives/multiSendEncoding.js';
import { decodeMultiSendCalls } from './multiSendDecoding.js';

const iface = new Interface(['function multiSend(bytes)']);
const packed = (calls: MultiSendCall[]) => iface.decodeFunctionData('multiSend', encodeMultiSend(calls))[0] as string;
const a = '0x1212121212121212121212121212121212121212';
const b = '0x3434343434343434343434343434343434343434';

describe('decodeMultiSendCalls', () => {
  it('reads back every packed call with its operation, target, value and data', () => {
    const calls: MultiSendCall[] = [
      { operation: 0, to: a, value: 5n, data: '0x8456cb59' },
      { operation: 1, to: b, value: 0n, data: '0x' },
      { operation: 0, to: b, value: 2n ** 255n, data: '0x' + 'ab'.repeat(70) },
    ];
    expect(decodeMultiSendCalls(packed(calls), 10)).toEqual({ calls, error: null, truncated: false });
  });

  it('keeps an operation byte other than 0 or 1 as it is, for the caller to flag', () => {
    const bytes = packed([{ operation: 0, to: a, value: 0n, data: '0x' }]);
    expect(decodeMultiSendCalls('0x07' + bytes.slice(4), 10).calls[0]!.operation).toBe(7);
  });

  it('reports a header cut short and keeps the calls before it', () => {
    const bytes = concat([packed([{ operation: 0, to: a, value: 0n, data: '0x' }]), '0x00' + '12'.repeat(30)]);
    const result = decodeMultiSendCalls(bytes, 10);
    expect(result.calls).toHaveLength(1);
    expect(result.error).toMatch(/call 2 is cut short \(31 bytes left, a header needs 85\)/);
  });

  it('reports a data length that runs past the end instead of trusting it', () => {
    const header = concat(['0x00', a, toBeHex(0n, 32), toBeHex(2n ** 64n, 32)]);
    expect(decodeMultiSendCalls(concat([header, '0x1234']), 10)).toMatchObject({
      calls: [],
      error: 'call 1 claims 18446744073709551616 bytes of data but only 2 remain',
    });
  });

  it('stops at maxCalls and says the rest exist', () => {
    const calls = Array.from({ length: 5 }, (): MultiSendCall => ({ operation: 0, to: a, value: 1n, data: '0x' }));
    expect(decodeMultiSendCalls(packed(calls), 3)).toMatchObject({
      calls: calls.slice(0, 3),
      truncated: true,
      error: null,
    });
    expect(decodeMultiSendCalls('0x', 3)).toEqual({ calls: [], error: null, truncated: false });
  });
});
