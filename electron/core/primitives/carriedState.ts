import { z } from 'zod';
import { lazySchema } from './lazySchema.js';
import { GuardianError } from '../errors.js';
import type { SimulationResult, StateMap, BlockHeader, AccountProof } from './simulationTypes.js';

// In primitives, apart from replaySimulation.ts, which runs reviews: the store and review bundles read carried states
// without loading the simulation (the decoders, the risk rules).

/**
 * What a simulation carries to a machine with no network: the state it touched, the block it saw and that
 * block's header. Plain JSON (strings and numbers), so it travels as a file. It carries no list of overridden
 * slots: which slots a simulation may set without proof is decided where it is replayed (stationOverrides).
 */
export interface CarriedState {
  version: 1;
  block: SimulationResult['block'];
  /** The header the block's number, state root and environment come from, hashing to its block hash. */
  header: BlockHeader | null;
  prestate: StateMap;
  /** EIP-1186 proofs of the prestate at the block, when the RPC gave them. */
  proofs: AccountProof[] | null;
}

const hex = lazySchema(() => z.string().regex(/^0x[0-9a-fA-F]*$/));
const carriedSchema = lazySchema(() =>
  z.object({
    version: z.literal(1),
    block: z.object({
      hash: hex().optional(),
      number: hex(),
      timestamp: hex(),
      baseFeePerGas: hex().nullable(),
      stateRoot: hex(),
      miner: hex().optional(),
      gasLimit: hex().optional(),
    }),
    header: z
      .record(z.string(), hex())
      .and(z.object({ hash: hex(), number: hex(), stateRoot: hex() }))
      .nullable()
      .optional(),
    prestate: z.record(
      hex(),
      z.object({
        balance: hex().optional(),
        nonce: z.number().int().nonnegative().optional(),
        code: hex().optional(),
        storage: z.record(hex(), hex()).optional(),
      }),
    ),
    // `overrides` (what files written before held) is not read: zod drops it with any other unknown key.
    proofs: z
      .array(
        z.object({
          address: hex(),
          accountProof: z.array(hex()),
          balance: hex(),
          nonce: hex(),
          codeHash: hex(),
          storageHash: hex(),
          storageProof: z.array(z.object({ key: hex(), value: hex(), proof: z.array(hex()) })),
        }),
      )
      .nullable(),
  }),
);

/** A carried state read from a file or another machine: checked field by field before anything trusts it. */
export function parseCarriedState(json: unknown): CarriedState {
  const parsed = carriedSchema().safeParse(json);
  if (!parsed.success)
    throw new GuardianError(
      'INVALID_FILE',
      `Not a carried simulation state: ${parsed.error.issues[0]?.path.join('.') || '(root)'}: ${parsed.error.issues[0]?.message}.`,
    );
  const { header, ...rest } = parsed.data;
  return { ...rest, header: (header ?? null) as BlockHeader | null } as CarriedState;
}
