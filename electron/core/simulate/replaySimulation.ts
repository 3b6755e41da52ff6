import { toBeHex, type JsonRpcProvider } from 'ethers';
import { z } from 'zod';
import { GuardianError } from '../errors.js';
import { rpcClientFor } from './batchingRpc.js';
import { reviewSafeTx, type Review, type ReviewInput } from './reviewSafeTx.js';
import type { RpcClient } from './simulateSafeTx.js';
import type { SimulationResult, StateMap } from './simulationTypes.js';
import { verifyAccountProof, type AccountProof } from './verifyStateProof.js';

/**
 * What a simulation carries to a machine with no network: the state it touched and the block it saw. Plain
 * JSON (strings and numbers), so it travels as a file.
 */
export interface CarriedState {
  version: 1;
  block: SimulationResult['block'];
  prestate: StateMap;
  /** The slots the simulation set by override, which no proof can (or should) vouch for. */
  overrides: SimulationResult['overrides'];
  /** EIP-1186 proofs of the prestate at the block, when the RPC gave them. */
  proofs: AccountProof[] | null;
}

export function carriedState(sim: SimulationResult, proofs: AccountProof[] | null = null): CarriedState {
  // Without code a replay would run against empty accounts and show a different, wrong diff.
  if (!sim.carriable) throw new GuardianError('SIMULATION_FAILED', 'This simulation kept no code of the accounts it touched: review with carry to carry its pre-state.');
  return { version: 1, block: sim.block, prestate: sim.prestate, overrides: sim.overrides, proofs };
}

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const carriedSchema = z.object({
  version: z.literal(1),
  block: z.object({ number: hex, timestamp: hex, baseFeePerGas: hex.nullable(), stateRoot: hex, miner: hex.optional(), gasLimit: hex.optional() }),
  prestate: z.record(hex, z.object({ balance: hex.optional(), nonce: z.number().int().nonnegative().optional(), code: hex.optional(), storage: z.record(hex, hex).optional() })),
  overrides: z.record(hex, z.object({ stateDiff: z.record(hex, hex) })),
  proofs: z.array(z.object({ address: hex, accountProof: z.array(hex), balance: hex, nonce: hex, codeHash: hex, storageHash: hex, storageProof: z.array(z.object({ key: hex, value: hex, proof: z.array(hex) })) })).nullable(),
});

/** A carried state read from a file or another machine: checked field by field before anything trusts it. */
export function parseCarriedState(json: unknown): CarriedState {
  const parsed = carriedSchema.safeParse(json);
  if (!parsed.success) throw new GuardianError('INVALID_FILE', `Not a carried simulation state: ${parsed.error.issues[0]?.path.join('.') || '(root)'}: ${parsed.error.issues[0]?.message}.`);
  return parsed.data as CarriedState;
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
 * Rebuilds the touched state in a fresh anvil (no fork, no network): code, balance, nonce and storage of every
 * account the simulation read. The block's environment is not mined: the replay passes it to each trace as
 * blockOverrides, so timelocks and anything else reading block.timestamp or block.number see what the review saw.
 */
export async function loadCarriedState(provider: RpcClient | JsonRpcProvider, carried: CarriedState): Promise<'proven' | 'unproven'> {
  const verdict = verifyCarriedState(carried);
  const rpc = rpcClientFor(provider);
  const writes: Array<Promise<unknown>> = [];
  for (const [address, account] of Object.entries(carried.prestate)) {
    if (account.code && account.code !== '0x') writes.push(rpc.send('anvil_setCode', [address, account.code]));
    if (account.balance !== undefined) writes.push(rpc.send('anvil_setBalance', [address, account.balance]));
    if (account.nonce !== undefined) writes.push(rpc.send('anvil_setNonce', [address, toBeHex(account.nonce)]));
    for (const [slot, value] of Object.entries(account.storage ?? {})) writes.push(rpc.send('anvil_setStorageAt', [address, slot, value]));
  }
  await Promise.all(writes);
  return verdict;
}

/** Loads a carried state into `provider` (a fresh anvil) and reviews the transaction again in the carried block's environment. */
export async function replayReview(input: ReviewInput & { carried: CarriedState }): Promise<{ verdict: 'proven' | 'unproven'; review: Review }> {
  const { carried, ...rest } = input;
  const verdict = await loadCarriedState(input.provider, carried);
  return { verdict, review: await reviewSafeTx({ ...rest, blockEnv: carried.block }) };
}
