import { Interface, parseEther } from 'ethers';
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../decode/addressBook.js';
import { decodeTransaction } from '../decode/decodeTransaction.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { createSafeTx } from '../safe/safeTx.js';
import { staticFindings } from './staticFindings.js';

const chainId = 1n;
const safe = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const usdc = '0x1212121212121212121212121212121212121212';
const stranger = '0x3434343434343434343434343434343434343434';
const erc20 = new Interface(['function transfer(address to, uint256 amount)', 'function approve(address, uint256)']);

function outflowEvidence(to: string, value: bigint, data: string, tokens: ReadonlyMap<string, TokenInfo>) {
  const tx = createSafeTx({ chainId, safe, safeVersion: '1.4.1', nonce: 0n, to, value, data });
  const book = new AddressBook();
  const decoded = decodeTransaction(tx, { addressBook: book, tokens });
  return staticFindings({ tx, decoded, book, tokens }).find((f) => f.code === 'VALUE_OUTFLOW')?.evidence;
}

describe('the "sends value or tokens" evidence', () => {
  it('a token transfer with no native value names the token amount in its units, and no "value 0"', () => {
    const tokens = new Map([[usdc.toLowerCase(), { symbol: 'USDC', decimals: 6 }]]);
    const evidence = outflowEvidence(usdc, 0n, erc20.encodeFunctionData('transfer', [stranger, 1_500_000n]), tokens);
    expect(evidence).toEqual({ path: '', token: usdc, amount: '1.5 USDC' });
  });

  it('a token whose decimals are not known says its amount is in raw units', () => {
    const evidence = outflowEvidence(usdc, 0n, erc20.encodeFunctionData('approve', [stranger, 7n]), new Map());
    expect(evidence).toEqual({ path: '', token: usdc, amount: '7 (raw units)' });
  });

  it('native value sent is named, in ether and wei', () => {
    const evidence = outflowEvidence(stranger, parseEther('2'), '0x', new Map());
    expect(evidence).toEqual({ path: '', value: `2.0 native (${parseEther('2')} wei)` });
  });
});
