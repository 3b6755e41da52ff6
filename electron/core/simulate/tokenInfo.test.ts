import { AbiCoder, encodeBytes32String, toBeHex } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { StateView } from '../primitives/simulationTypes.js';
import { readTokenInfo } from './tokenInfo.js';

const coder = AbiCoder.defaultAbiCoder();
const DECIMALS = '0x313ce567';
const SYMBOL = '0x95d89b41';

/** Tokens as the chain would answer them: each address maps selector to raw return data (null: reverts). */
function chainOf(answers: Record<string, Record<string, string | null>>): StateView {
  return {
    storage: async () => toBeHex(0, 32),
    code: async () => '0x',
    call: async (to, data) => answers[to]?.[data] ?? null,
  };
}

describe('decimals and symbols read from the token', () => {
  const [usdc, mkr, rtl, huge, nothing] = [
    '0x' + 'a1'.repeat(20),
    '0x' + 'a2'.repeat(20),
    '0x' + 'a3'.repeat(20),
    '0x' + 'a4'.repeat(20),
    '0x' + 'a5'.repeat(20),
  ];
  const view = chainOf({
    [usdc]: { [DECIMALS]: toBeHex(6, 32), [SYMBOL]: coder.encode(['string'], ['USDC']) },
    // Old tokens (MKR) answer symbol() as bytes32.
    [mkr]: { [DECIMALS]: toBeHex(18, 32), [SYMBOL]: encodeBytes32String('MKR') },
    // A symbol with a right-to-left override would reorder what the guardian reads.
    [rtl]: { [DECIMALS]: toBeHex(18, 32), [SYMBOL]: coder.encode(['string'], ['USD\u202eC']) },
    [huge]: { [DECIMALS]: toBeHex(255, 32), [SYMBOL]: coder.encode(['string'], ['BIG']) },
    [nothing]: {},
  });

  it('reads ABI-string and bytes32 symbols with their decimals', async () => {
    const tokens = await readTokenInfo(view, [usdc, mkr]);
    expect(tokens.get(usdc)).toEqual({ decimals: 6, symbol: 'USDC' });
    expect(tokens.get(mkr)).toEqual({ decimals: 18, symbol: 'MKR' });
  });

  it('believes no symbol that carries control characters, and no decimals beyond any real token', async () => {
    const tokens = await readTokenInfo(view, [rtl, huge, nothing]);
    expect(tokens.get(rtl)).toEqual({ decimals: 18, symbol: 'units' });
    // Amounts of these stay in raw units.
    expect(tokens.has(huge)).toBe(false);
    expect(tokens.has(nothing)).toBe(false);
  });
});
