import { z } from 'zod';
import { address, decimal, empty, hex32, severity } from './contractFields.js';
import { damagedRow } from './safesContract.js';

/** A SafeTx going out to the renderer: the same fields as safeTxJsonSchema, already checked, left as strings. */
const safeTxOut = z.object({
  chainId: decimal,
  safe: z.string(),
  safeVersion: z.string(),
  to: z.string(),
  value: decimal,
  data: z.string(),
  operation: z.union([z.literal(0), z.literal(1)]),
  safeTxGas: decimal,
  baseGas: decimal,
  gasPrice: decimal,
  gasToken: z.string(),
  refundReceiver: z.string(),
  nonce: decimal,
});
export type SafeTxView = z.infer<typeof safeTxOut>;

const queueEntry = z.object({
  safeTxHash: hex32,
  claimedSafeTxHash: hex32.nullable(),
  hashVerdict: z.enum(['match', 'unclaimed']),
  chainId: decimal,
  safe: z.string(),
  nonce: decimal,
  to: z.string(),
  value: decimal,
  operation: z.union([z.literal(0), z.literal(1)]),
  dataBytes: z.number(),
  /** The decoder's summary; where it could not read the transaction, selector, size and value, and why. */
  description: z.string(),
  /** What the decoder flagged, or null when it could not read the transaction at all. */
  decoding: z
    .object({
      warnings: z.number().int().nonnegative(),
      /** Each warning in the decoder's words, so a badge counting them can say what they are. */
      warningTexts: z.array(z.string()),
      delegatecallToUnknown: z.boolean(),
      ambiguous: z.boolean(),
      truncated: z.boolean(),
    })
    .nullable(),
  source: z.string(),
  /** Each verified again as the list is read: only 'valid' ones count; the others say why they do not. */
  confirmations: z.array(
    z.object({
      owner: z.string(),
      origin: z.string(),
      /** The kind its v byte says (an approved hash is an owner Safe's on-chain approval, not a device signature). */
      kind: z.enum(['eip712', 'eth_sign', 'approved_hash', 'contract']).nullable(),
      status: z.enum(['valid', 'unverified', 'refused']),
      reason: z.string().nullable(),
      /** When it was submitted (the service's claim, or this station's clock) and how long after the proposal. */
      signedAt: z.string().nullable(),
      afterProposalMs: z.number().nonnegative().nullable(),
      /** For a signature made here: what was checked before it (verificationDepth), in words; null otherwise. */
      depth: z.string().nullable(),
    }),
  ),
  threshold: z.number().nullable(),
  /** Live figures (responseFigures): age, and how many more proven signatures the threshold needs (null: owners unknown). */
  figures: z.object({
    proposedAt: z.string().nullable(),
    sinceProposalMs: z.number().nonnegative().nullable(),
    verifiedSignatures: z.number().int().nonnegative(),
    needs: z.number().int().nonnegative().nullable(),
    doubts: z.array(z.string()),
  }),
  /**
   * The latest review of it on this machine (the audit log): its worst severity (null: no finding), the worst
   * finding's title (null: none, or a review recorded before titles were kept), when, at which block; and where
   * the simulation said otherwise than the description, in words (empty: it bore the description out; null: a
   * review recorded before this was checked).
   */
  lastReview: z
    .object({
      worst: severity.nullable(),
      headline: z.string().nullable(),
      contradictions: z.array(z.string()).nullable(),
      at: z.string(),
      block: decimal,
      /** The look-alikes the review found of any address this station knows (absent: recorded before they were kept). */
      lookalikes: z.array(z.object({ address, resembles: address, name: z.string() })).optional(),
    })
    .nullable(),
  /** The review the station runs unasked: waiting, running (its latest step), or failed (why); null when none is pending. */
  background: z.object({ state: z.enum(['queued', 'reviewing', 'failed']), detail: z.string().nullable() }).nullable(),
  tx: safeTxOut,
});
export type QueueEntry = z.infer<typeof queueEntry>;

/** The queue screen: the stored transactions as rows, and pulling each watched Safe's Transaction Service. */
export const queueContract = {
  'queue.list': {
    request: z.object({ chainId: decimal.optional(), safe: z.string().optional() }).strict(),
    response: z.array(queueEntry),
  },
  // The main process asks each watched Safe's Transaction Service and stores what checks out; what was refused says why.
  'queue.pull': {
    request: empty,
    response: z.object({
      safes: z.array(
        z.object({
          chainId: decimal,
          address: z.string(),
          label: z.string().nullable(),
          /** False for a Safe watched without a service: nothing to ask, its stored queue stands. */
          asked: z.boolean(),
          pulled: z.number().int().min(0),
          refused: z.array(
            z.object({ claimedSafeTxHash: z.string().nullable(), nonce: z.string().nullable(), reason: z.string() }),
          ),
          /** The service could not be asked (unreachable, bad answer): what is stored is still shown. */
          failure: z.string().nullable(),
        }),
      ),
      /** Watched-Safe rows that do not read back: not pulled, named here so nobody takes their silence for an empty queue. */
      damaged: z.array(damagedRow),
    }),
  },
};
