import { toBeHex, type JsonRpcProvider } from 'ethers';
import type { SimulationResult, StateMap } from './simulationTypes.js';

/** What a simulation carries to a machine with no network: the state it touched and the block it saw. */
export interface CarriedState {
  block: SimulationResult['block'];
  prestate: StateMap;
}

export function carriedState(sim: SimulationResult): CarriedState {
  return { block: sim.block, prestate: sim.prestate };
}

/**
 * Rebuilds the touched state in a fresh anvil (no fork, no network): code, balance, nonce and storage of
 * every account the simulation read, and the block's timestamp, so the same transaction replays to the same
 * diff. Timelocks and anything else that reads block.timestamp see the time the review saw.
 */
export async function loadCarriedState(provider: JsonRpcProvider, carried: CarriedState): Promise<void> {
  const writes: Array<Promise<unknown>> = [];
  for (const [address, account] of Object.entries(carried.prestate)) {
    if (account.code && account.code !== '0x') writes.push(provider.send('anvil_setCode', [address, account.code]));
    if (account.balance !== undefined) writes.push(provider.send('anvil_setBalance', [address, account.balance]));
    if (account.nonce !== undefined) writes.push(provider.send('anvil_setNonce', [address, toBeHex(account.nonce)]));
    for (const [slot, value] of Object.entries(account.storage ?? {})) writes.push(provider.send('anvil_setStorageAt', [address, slot, value]));
  }
  await Promise.all(writes);
  const now = (await provider.send('eth_getBlockByNumber', ['latest', false])) as { timestamp: string };
  if (BigInt(carried.block.timestamp) > BigInt(now.timestamp)) await provider.send('evm_setNextBlockTimestamp', [carried.block.timestamp]);
  await provider.send('evm_mine', []);
}
