import { Interface, JsonRpcProvider } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { createSafeTx, Operation } from '../safe/safeTx.js';
import { bundleEffect } from './bundleEffect.js';

const calls = new Interface([
  'function pause()',
  'function upgradeToAndCall(address newImplementation, bytes data)',
  'function transfer(address to, uint256 amount)',
]);
const tx = (data: string, operation: Operation = Operation.Call) =>
  createSafeTx({
    chainId: 1n,
    safe: '0x' + '11'.repeat(20),
    safeVersion: '1.4.1',
    to: '0x' + '22'.repeat(20),
    nonce: 0n,
    data,
    operation,
  });
// Never asked: deciding which reading applies reads nothing from the chain.
const provider = new JsonRpcProvider('http://127.0.0.1:9', 1, { staticNetwork: true });
afterAll(() => provider.destroy());

describe('the effect a bundle drill reads back', () => {
  it('reads paused() for a pause and the ERC-1967 slot for an upgrade to the implementation the call names', () => {
    const pause = bundleEffect(tx(calls.encodeFunctionData('pause')), provider)!;
    expect(pause.tookEffect(`paused=true at 0x${'22'.repeat(20)}`)).toBe(true);
    expect(pause.tookEffect(`paused=false at 0x${'22'.repeat(20)}`)).toBe(false);
    const implementation = '0x' + '33'.repeat(20);
    const upgrade = bundleEffect(tx(calls.encodeFunctionData('upgradeToAndCall', [implementation, '0x'])), provider)!;
    expect(upgrade.tookEffect(`implementation=${implementation} at x`)).toBe(true);
    expect(upgrade.tookEffect(`implementation=0x${'44'.repeat(20)} at x`)).toBe(false);
  });

  it('claims no reading for a call it has none for, nor for a DELEGATECALL dressed as a pause', () => {
    const transfer = calls.encodeFunctionData('transfer', ['0x' + '55'.repeat(20), 1n]);
    expect(bundleEffect(tx(transfer), provider)).toBeNull();
    expect(bundleEffect(tx(calls.encodeFunctionData('pause'), Operation.DelegateCall), provider)).toBeNull();
    expect(bundleEffect(tx('0x'), provider)).toBeNull();
  });
});
