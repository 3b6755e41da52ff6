import { toBeHex, type JsonRpcProvider } from 'ethers';
import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import { verifyBlockHeader } from './blockHeader.js';
import { rpcClientFor } from './batchingRpc.js';
import { reviewSafeTx, type Review, type ReviewInput } from './reviewSafeTx.js';
import { signatureOverrides, type RpcClient } from './simulateSafeTx.js';
import type { SimulationResult, StateMap, BlockHeader, AccountProof } from '../primitives/simulationTypes.js';
import type { CarriedState } from '../primitives/carriedState.js';
import { verifyAccountProof } from './verifyStateProof.js';

export { parseCarriedState, type CarriedState } from '../primitives/carriedState.js';

export function carriedState(sim: SimulationResult, proofs: AccountProof[] | null = null): CarriedState {
  // Without code a replay would run against empty accounts and show a different, wrong diff.
  if (!sim.carriable)
    throw new GuardianError(
      'SIMULATION_FAILED',
      'This simulation kept no code of the accounts it touched: review with carry to carry its pre-state.',
    );
  return { version: 1, block: sim.block, header: sim.header, prestate: sim.prestate, proofs };
}

/** What the station knows of the transaction it replays, to derive the only slots a simulation sets itself. */
export interface StationView {
  tx: SafeTx;
  owners: readonly string[];
  threshold: number;
}

/**
 * The slots this station's own simulation overrides, with the values it sets: the approved hashes of the
 * signing owners (approvedHashes[owner][safeTxHash], from the owners and the safeTxHash computed here) and the
 * Safe's nonce, set to the transaction's. Derived here, never read from a file: a file that could name its own
 * "overridden" slots could exempt the Safe's threshold or a vault's owner from every proof.
 */
export function stationOverrides(station: StationView): Map<string, Map<string, bigint>> {
  const { overrides } = signatureOverrides(station.tx, station.owners, station.threshold);
  return new Map(
    Object.entries(overrides).map(([address, { stateDiff }]) => [
      address.toLowerCase(),
      new Map(Object.entries(stateDiff).map(([slot, value]) => [BigInt(slot).toString(16), BigInt(value)])),
    ]),
  );
}

/**
 * Verifies the carried state against the block's state root before it is trusted: returns 'proven', or
 * 'unproven' when no proofs were carried at all. Anything else that does not hold throws STATE_PROOF_INVALID:
 * a header that does not hash to the block hash or disagrees with the block used, an account without its
 * proof, a value the proof does not give. A slot of the station's own overrides passes only with the value
 * the station itself sets there (or the proven one).
 */
export function verifyCarriedState(carried: CarriedState, station: StationView): 'proven' | 'unproven' {
  if (!carried.proofs) return 'unproven';
  if (!carried.header)
    throw new GuardianError(
      'STATE_PROOF_INVALID',
      `The carried state has proofs but not the header of block ${BigInt(carried.block.number)}: its state root is bound to no block hash, so the proofs prove nothing.`,
    );
  verifyBlockHeader(carried.header, carried.block);
  const derived = stationOverrides(station);
  for (const [address, account] of Object.entries(carried.prestate)) {
    const proof = carried.proofs.find((p) => p.address.toLowerCase() === address.toLowerCase());
    if (!proof)
      throw new GuardianError(
        'STATE_PROOF_INVALID',
        `The carried state holds account ${address} without a proof of it: refused, as every carried account must be proven against the state root.`,
        { details: { account: address, missing: 'proof' } },
      );
    verifyAccountProof(carried.block.stateRoot, proof, account, derived.get(address.toLowerCase()) ?? new Map());
  }
  return 'proven';
}

/**
 * Rebuilds the touched state in a fresh anvil (no fork, no network): code, balance, nonce and storage of every
 * account the simulation read. The block's environment is not mined: the replay passes it to each trace as
 * blockOverrides, so timelocks and anything else reading block.timestamp or block.number see what the review saw.
 */
export async function loadCarriedState(
  provider: RpcClient | JsonRpcProvider,
  carried: CarriedState,
  station: StationView,
): Promise<'proven' | 'unproven'> {
  const verdict = verifyCarriedState(carried, station);
  await writeCarriedState(provider, carried);
  return verdict;
}

/**
 * Writes a carried state into a fresh anvil without checking it: only for a caller that verifies it
 * (verifyCarriedState) before anything is reviewed there, once it has read what it needs to (the Safe's owners).
 */
export async function writeCarriedState(provider: RpcClient | JsonRpcProvider, carried: CarriedState): Promise<void> {
  const rpc = rpcClientFor(provider);
  const writes: Array<Promise<unknown>> = [];
  for (const [address, account] of Object.entries(carried.prestate)) {
    if (account.code && account.code !== '0x') writes.push(rpc.send('anvil_setCode', [address, account.code]));
    if (account.balance !== undefined) writes.push(rpc.send('anvil_setBalance', [address, account.balance]));
    if (account.nonce !== undefined) writes.push(rpc.send('anvil_setNonce', [address, toBeHex(account.nonce)]));
    for (const [slot, value] of Object.entries(account.storage ?? {}))
      writes.push(rpc.send('anvil_setStorageAt', [address, slot, value]));
  }
  await Promise.all(writes);
}

/**
 * The accounts and slots a replay read that the carried state does not hold. A fresh anvil answers those with
 * zero, unproven: a file that left out a proxy's implementation slot would replay a call into nothing and
 * review it as harmless, so such a read voids the proof.
 */
export function readsNotCarried(read: StateMap, carried: StateMap): string[] {
  const held = new Map(
    Object.entries(carried).map(([a, s]) => [
      a.toLowerCase(),
      new Set(Object.keys(s.storage ?? {}).map((slot) => BigInt(slot))),
    ]),
  );
  const missing: string[] = [];
  for (const [address, account] of Object.entries(read)) {
    const slots = held.get(address.toLowerCase());
    if (!slots) {
      missing.push(`account ${address}`);
      continue;
    }
    for (const slot of Object.keys(account.storage ?? {}))
      if (!slots.has(BigInt(slot))) missing.push(`slot ${slot} of ${address}`);
  }
  return missing;
}

/**
 * Loads a carried state into `provider` (a fresh anvil) and reviews the transaction again in the carried block's
 * environment, keeping what the replay read: every read must be of carried (so proven) state.
 */
export async function replayReview(
  input: ReviewInput & { carried: CarriedState },
): Promise<{ verdict: 'proven' | 'unproven'; review: Review }> {
  const { carried, ...rest } = input;
  const verdict = await loadCarriedState(input.provider, carried, input);
  const review = await reviewSafeTx({ ...rest, blockEnv: carried.block, carry: true });
  const unheld = readsNotCarried(review.simulation.prestate, carried.prestate);
  if (verdict === 'proven' && unheld.length > 0) {
    throw new GuardianError(
      'STATE_PROOF_INVALID',
      `The replay read ${unheld.length} value(s) the carried state does not hold, which no proof vouches for (first: ${unheld[0]}): the review would run on made-up zeros. Carry the pre-state again.`,
      { details: { unheld: unheld.slice(0, 20) } },
    );
  }
  return { verdict, review };
}
