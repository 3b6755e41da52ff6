import { describe, expect, it } from 'vitest';
import { bytesHex, hexBytes } from './hexBytes.js';

describe('hexBytes', () => {
  it('reads whole bytes of hex in either case and gives them back as lowercase hex', () => {
    expect([...hexBytes('0x00ffAB')]).toEqual([0, 255, 171]);
    expect(bytesHex(hexBytes('0x00ffAB').subarray(1))).toBe('0xffab');
    expect(hexBytes('0x').length).toBe(0);
  });

  it('refuses what Buffer would silently cut short: an odd digit, a non-hex character, no 0x', () => {
    for (const bad of ['0xabc', '0xzz', 'abcd', '0x12 34'])
      expect(() => hexBytes(bad, 'calldata'), bad).toThrow(/The calldata is not whole bytes/);
  });
});
