import { toBeHex, type JsonRpcProvider } from 'ethers';
import type { SimulationResult } from './simulationTypes.js';

type Overrides = Record<string, { stateDiff?: Record<string, string>; code?: string; balance?: string }>;

/**
 * Reads the world as it would be after the transaction: eth_call with the simulation's post-state laid over
 * the block as state overrides. Storage the transaction cleared appears in `pre` but not in `post`.
 */
export function afterOverrides(sim: SimulationResult): Overrides {
  const overrides: Overrides = {};
  for (const [address, pre] of Object.entries(sim.diff.pre)) {
    const post = sim.diff.post[address] ?? {};
    const stateDiff: Record<string, string> = { ...(sim.overrides[address]?.stateDiff ?? {}) };
    for (const slot of Object.keys(pre.storage ?? {})) stateDiff[slot] = post.storage?.[slot] ?? toBeHex(0, 32);
    for (const [slot, value] of Object.entries(post.storage ?? {})) stateDiff[slot] = value;
    overrides[address] = { stateDiff, ...(post.code ? { code: post.code } : {}), ...(post.balance ? { balance: post.balance } : {}) };
  }
  for (const [address, post] of Object.entries(sim.diff.post)) {
    if (overrides[address]) continue;
    overrides[address] = { stateDiff: { ...(post.storage ?? {}) }, ...(post.code ? { code: post.code } : {}), ...(post.balance ? { balance: post.balance } : {}) };
  }
  return overrides;
}

export interface StateReader {
  call(to: string, data: string): Promise<string | null>;
  storage(address: string, slot: string): Promise<string>;
  code(address: string): Promise<string>;
}

/** One reader for "before" (the block itself) and one for "after" (with the post-state overrides). */
export function stateReaders(provider: JsonRpcProvider, sim: SimulationResult): { before: StateReader; after: StateReader } {
  const tag = sim.block.number;
  const after = afterOverrides(sim);
  const call = (overrides: Overrides | null) => async (to: string, data: string) => {
    try {
      return (await provider.send('eth_call', overrides ? [{ to, data }, tag, overrides] : [{ to, data }, tag])) as string;
    } catch {
      return null;
    }
  };
  const storageOf = (useAfter: boolean) => async (address: string, slot: string) => {
    const key = Object.keys(sim.diff.pre).find((a) => a.toLowerCase() === address.toLowerCase()) ?? address.toLowerCase();
    if (useAfter && after[key]?.stateDiff?.[slot] !== undefined) return after[key]!.stateDiff![slot]!;
    if (!useAfter && sim.diff.pre[key]?.storage?.[slot] !== undefined) return sim.diff.pre[key]!.storage![slot]!;
    return (await provider.send('eth_getStorageAt', [address, slot, tag])) as string;
  };
  const codeOf = (useAfter: boolean) => async (address: string) => {
    const key = address.toLowerCase();
    if (useAfter && sim.diff.post[key]?.code) return sim.diff.post[key]!.code!;
    return (await provider.send('eth_getCode', [address, tag])) as string;
  };
  return {
    before: { call: call(null), storage: storageOf(false), code: codeOf(false) },
    after: { call: call(after), storage: storageOf(true), code: codeOf(true) },
  };
}
