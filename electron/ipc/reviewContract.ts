import { z } from 'zod';
import { SIMULATION_STAGES } from '../core/primitives/simulationTypes.js';
import { address, decimal, hex32, severity } from './contractFields.js';
import { hashes } from './hashesContract.js';
import { quorum } from './quorumSchema.js';

const progressStep = z.object({ stage: z.enum(SIMULATION_STAGES), detail: z.string() });

const review = z.object({
  summary: z.string(),
  /** Where the simulation says otherwise than `summary`, in words (claimContradictions): then it is only a claim. */
  contradictions: z.array(z.string()),
  /**
   * The calls an ERC-7730 descriptor the guardian trusts describes: its intent and fields (each beside its raw
   * value), the descriptor that said so (owner, file sha256, when and by whom it was added) and the console's
   * own words for the same call, kept beside the descriptor's.
   */
  described: z.array(
    z.object({
      path: z.string(),
      intent: z.string(),
      fields: z.array(z.object({ label: z.string(), value: z.string(), raw: z.string() })),
      source: z.string(),
      ownWords: z.string(),
    }),
  ),
  simulation: z.object({
    success: z.boolean(),
    revertReason: z.string().nullable(),
    gasUsed: z.string(),
    block: z.string(),
    blockHash: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/)
      .nullable()
      .optional(),
    executedSafeTxHash: z
      .string()
      .regex(/^0x[0-9a-f]{64}$/)
      .nullable(),
  }),
  /** The hashes of the transaction reviewed, computed here, as the device will be asked to sign them. */
  hashes,
  /**
   * Per contract: what a guardian tracks (owners, threshold, singleton, implementation, admin, paused, roles) in
   * `changes`; every other slot that changed in `storage`, by layout name or raw.
   */
  contracts: z.array(
    z.object({
      label: z.string(),
      changes: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })),
      storage: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })),
    }),
  ),
  /** Balances that moved, in raw units; `delta` is signed ("-1200"). */
  balances: z.array(
    z.object({
      asset: z.string(),
      holder: z.string(),
      before: decimal,
      after: decimal,
      delta: z.string().regex(/^[+-][0-9]+$/),
      /** The same amounts in the token's own units ("3800.0 GRD"), or raw units where its decimals are unknown. */
      shown: z.object({ before: z.string(), after: z.string(), delta: z.string() }),
    }),
  ),
  /**
   * What the transaction did, call by call, depth first as the EVM made them: the callee as the address book
   * names it, the function as the ABIs name it (or its selector), native value sent, and why a call failed.
   */
  calls: z.object({
    lines: z.array(
      z.object({
        depth: z.number().int().min(0),
        type: z.string(),
        to: z.string().nullable(),
        fn: z.string(),
        value: decimal,
        error: z.string().nullable(),
      }),
    ),
    omitted: z.number().int().min(0),
  }),
  /** Events in emission order; name, signature and args are null when no known ABI declares the event. */
  events: z.array(
    z.object({
      contract: z.string(),
      name: z.string().nullable(),
      signature: z.string().nullable(),
      args: z.record(z.string(), z.string()).nullable(),
    }),
  ),
  /** Worst first; each with the evidence its rule kept, as lines to read. */
  findings: z.array(
    z.object({
      code: z.string(),
      severity,
      title: z.string(),
      explanation: z.string(),
      evidence: z.array(z.object({ key: z.string(), value: z.string() })),
    }),
  ),
  worst: severity.nullable(),
  /**
   * Every address the review shows, checksummed, with its name on this machine (address book, Safe deployments)
   * or null for an unknown one, and the known address it imitates when it shares both ends with one.
   */
  addresses: z.array(
    z.object({ address, name: z.string().nullable(), resembles: z.object({ address, name: z.string() }).nullable() }),
  ),
  /** Who has signed (verified, stored here), who is missing; null when the Safe's owners are not known here. */
  quorum: quorum.nullable(),
});
export type ReviewView = z.infer<typeof review>;

/** The review screen: a simulation on a fork turned into findings, its steps while it runs, and trying again. */
export const reviewContract = {
  'queue.review': { request: z.object({ safeTxHash: hex32 }).strict(), response: review },
  // A review the station ran unasked failed: try it again, in its turn.
  'queue.retryReview': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ queued: z.literal(true) }),
  },
  // Asked while queue.review runs: the steps so far, or null when none is running for this transaction.
  'queue.reviewProgress': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ steps: z.array(progressStep).nullable() }),
  },
};
