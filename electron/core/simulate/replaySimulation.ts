import { toBeHex, type JsonRpcProvider } from 'ethers';
import type { SimulationResult, StateMap } from './simulationTypes.js';
import { verifyAccountProof, type AccountProof } from './verifyStateProof.js';

/** What a simulation carries to a machine with no network: the state it touched and the block it saw. */
export interface CarriedState {
  block: SimulationResult['block'];
  prestate: StateMap;
  /** The slots the simulation set by override, which no proof can (or should) vouch for. */
  overrides: SimulationResult['overrides'];
  /** EIP-1186 proofs of the prestate at the block, when the RPC gave them. */
  proofs: AccountProof[] | null;
}

export function carriedState(sim: SimulationResult, proofs: AccountProof[] | null = null): CarriedState {
  return { block: sim.block, prestate: sim.prestate, overrides: sim.overrides, proofs };
}

/**
 * Verifies the carried state against the block's state root before it is trusted: returns 'proven', or
 * 'unproven' when no proofs were carried; a proof that fails throws.
 */
export function verifyCarriedState(carried: CarriedState): 'proven' | 'unproven' {
  if (!carried.proofs) return 'unproven';
  for (const [address, account] of Object.entries(carried.prestate)) {
    const proof = carried.proofs.find((p) => p.address.toLowerCase() === address.toLowerCase());
    if (!proof) return 'unproven';
    const assumed = new Set(Object.keys(Object.entries(carried.overrides).find(([a]) => a.toLowerCase() === address.toLowerCase())?.[1].stateDiff ?? {}).map((s) => s.toLowerCase()));
    verifyAccountProof(carried.block.stateRoot, proof, account, assumed);
  }
  return 'proven';
}

/**
 * Rebuilds the touched state in a fresh anvil (no fork, no network): code, balance, nonce and storage of
 * every account the simulation read, and the block's timestamp, so the same transaction replays to the same
 * diff. Timelocks and anything else that reads block.timestamp see the time the review saw.
 */
export async function loadCarriedState(provider: JsonRpcProvider, carried: CarriedState): Promise<'proven' | 'unproven'> {
  const verdict = verifyCarriedState(carried);
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
  return verdict;
}
