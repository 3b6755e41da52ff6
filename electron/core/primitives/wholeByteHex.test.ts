import { describe, expect, it } from 'vitest';
import { isLowerWholeByteHex, isWholeByteHex } from './wholeByteHex.js';

describe('isWholeByteHex', () => {
  it('accepts whole bytes of 0x hex in either case, and nothing else', () => {
    for (const good of ['0x', '0xab', '0xAbCd']) expect(isWholeByteHex(good), good).toBe(true);
    for (const bad of ['', '0', 'ab', '0xa', '0xabc', '0xzz', ' 0xab', '0xab ', '0Xab'])
      expect(isWholeByteHex(bad), bad).toBe(false);
    expect(isLowerWholeByteHex('0xab')).toBe(true);
    expect(isLowerWholeByteHex('0xAB')).toBe(false);
  });

  it('checks 10 MB of calldata without running out of stack', () => {
    const calldata = `0x${'aB'.repeat(10_000_000)}`;
    expect(isWholeByteHex(calldata)).toBe(true);
    expect(isWholeByteHex(`${calldata}0`)).toBe(false);
    expect(isLowerWholeByteHex(calldata.toLowerCase())).toBe(true);
  });
});
