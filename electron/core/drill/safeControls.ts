import type { JsonRpcProvider } from 'ethers';
import { rpcClientFor } from '../simulate/batchingRpc.js';
import { displaySafeConfigValue, safeConfig, type SafeConfig } from '../simulate/safeConfigView.js';
import { chainStateView } from './chainStateView.js';

/** The Safe's own controls on both sides of a drill step: read before its proposal, and after it was done with. */
export interface SafeControlsAround {
  safe: string;
  before: SafeConfig;
  after: SafeConfig;
}

/**
 * The Safe's singleton, owners, threshold, modules, guard and fallback handler as its storage holds them now,
 * read as a review reads them (safeConfig): by slot, so a replaced singleton cannot answer for itself.
 */
export async function readSafeControls(provider: JsonRpcProvider, safe: string): Promise<SafeConfig> {
  const rpc = rpcClientFor(provider);
  const block = BigInt((await rpc.send('eth_blockNumber', [])) as string);
  return safeConfig(chainStateView(rpc, block), safe);
}

const ZERO = `0x${'0'.repeat(40)}`;
const shown = (value: string) => (value === ZERO ? '(none)' : displaySafeConfigValue(value));
// Unchanged owners are counted, not listed: the comparison is of the whole list, and a line of every owner
// drowns the singleton, the value the Bybit trap was after.
const unchanged = (key: keyof SafeConfig, value: string) =>
  key === 'Safe owners' ? `owners (${value.split(', ').length})` : `${key.replace(/^Safe /, '')} ${shown(value)}`;

/**
 * What of the Safe's own controls a step moved that its review did not predict (`predicted`: the names of those it
 * did, read back on their own). Bybit, Feb 2025: the DELEGATECALL rewrote slot 0, the singleton, and nothing the
 * signers were shown said so; a trap is verified only when every one of these still reads as before.
 */
export function unpredictedSafeControls(around: SafeControlsAround, predicted: ReadonlySet<string>) {
  const keys = (Object.keys(around.before) as Array<keyof SafeConfig>).filter((key) => !predicted.has(key));
  const moved = keys.filter((key) => around.before[key] !== around.after[key]);
  const held = keys.map((key) => unchanged(key, around.before[key]));
  const reading =
    moved.length === 0
      ? `Safe ${held.join(', ')}: as before`
      : moved
          .map(
            (key) =>
              `${key} NOT as before: ${shown(around.before[key])} -> ${shown(around.after[key])} (no review predicted it)`,
          )
          .join('; ');
  return { unchanged: moved.length === 0, reading, checked: keys.length };
}
