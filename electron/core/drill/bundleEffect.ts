import { Contract, Interface, getAddress, type JsonRpcProvider } from 'ethers';
import { Operation, type SafeTx } from '../safe/safeTx.js';
import { EIP1967 } from '../primitives/storageSlots.js';
import type { EffectCheck } from './runDrillSteps.js';

const calls = new Interface([
  'function pause()',
  'function unpause()',
  'function upgradeTo(address newImplementation)',
  'function upgradeToAndCall(address newImplementation, bytes data)',
]);
const pausable = new Interface(['function paused() view returns (bool)']);

/**
 * How the effect of a bundle's transaction is read back on the drill chain, for the calls whose effect has one
 * reading every implementation shares: a pause or unpause (`paused()` of the target) and an ERC-1967 upgrade (the
 * implementation slot). Null for anything else, a batch or a DELEGATECALL included: the drill then says it checked
 * the Safe's ExecutionSuccess only, rather than claim an effect it cannot read.
 */
export function bundleEffect(tx: SafeTx, provider: JsonRpcProvider): EffectCheck | null {
  if (tx.operation !== Operation.Call) return null;
  let call: ReturnType<typeof calls.parseTransaction>;
  try {
    call = calls.parseTransaction({ data: tx.data });
  } catch {
    return null; // a known selector with arguments that do not decode: no reading to trust
  }
  if (!call) return null;
  if (call.name === 'pause' || call.name === 'unpause') {
    const expected = `paused=${call.name === 'pause'}`;
    return {
      async read() {
        const target = new Contract(tx.to, pausable, provider);
        try {
          return `paused=${(await target.getFunction('paused')()) as boolean} at ${getAddress(tx.to)}`;
        } catch {
          return `paused() of ${getAddress(tx.to)} did not answer`;
        }
      },
      tookEffect: (after) => after.startsWith(`${expected} `),
    };
  }
  const implementation = getAddress(call.args[0] as string);
  return {
    async read() {
      const word = await provider.getStorage(tx.to, EIP1967.implementation);
      return `implementation=${getAddress(`0x${word.slice(26)}`)} at ${getAddress(tx.to)}`;
    },
    tookEffect: (after) => after.startsWith(`implementation=${implementation} `),
  };
}
