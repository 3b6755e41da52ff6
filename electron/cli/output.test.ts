import { describe, expect, it } from 'vitest';
import { toJson } from './output.js';

describe('toJson', () => {
  it('writes bigints as decimal strings wherever they sit, and everything else as JSON.stringify does', () => {
    const value = { chainId: 1n, list: [2n, { nonce: (1n << 255n) + 3n }], name: 'x', missing: undefined, n: 4 };
    expect(JSON.parse(toJson(value))).toEqual({
      chainId: '1',
      list: ['2', { nonce: ((1n << 255n) + 3n).toString() }],
      name: 'x',
      n: 4,
    });
    expect(toJson(value)).toBe(
      JSON.stringify({ ...value, chainId: '1', list: ['2', { nonce: ((1n << 255n) + 3n).toString() }] }, null, 2),
    );
  });

  it('writes a value without bigints exactly as JSON.stringify with two-space indentation', () => {
    const value = { when: new Date(0), nested: [{ a: null }, 'b'], n: 1.5 };
    expect(toJson(value)).toBe(JSON.stringify(value, null, 2));
  });
});
