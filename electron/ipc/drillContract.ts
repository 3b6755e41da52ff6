import { z } from 'zod';
import { MAX_JSON_BYTES } from '../core/input/jsonLimits.js';

const drillProgress = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  name: z.string().nullable(),
  signer: z.string(),
  guardians: z.number().int().nonnegative(),
  threshold: z.number().int().nonnegative(),
  steps: z.array(z.object({ label: z.string(), expect: z.enum(['execute', 'refuse']) })),
  events: z.array(
    z.object({
      step: z.number().int().nonnegative(),
      kind: z.enum(['proposed', 'reviewed', 'signed', 'refused', 'threshold', 'executed', 'verified', 'failed']),
      guardian: z.number().int().nonnegative().nullable(),
      atMs: z.number().nonnegative(),
      detail: z.string(),
    }),
  ),
  report: z.object({ html: z.string(), json: z.string() }).nullable(),
  failure: z.string().nullable(),
  // A drill from a review bundle: where it came from and what of the team's Safe the drill replaced (its owners).
  bundle: z
    .object({
      file: z.string(),
      chainId: z.string(),
      drillChainId: z.string(),
      safe: z.string(),
      safeVersion: z.string(),
      safeTxHash: z.string(),
      drillSafeTxHash: z.string(),
      block: z.string(),
      blockHash: z.string().nullable(),
      producer: z.string().nullable(),
      ownersReplaced: z.array(z.string()),
      drillKeys: z.array(z.string()),
      threshold: z.number().int().nonnegative(),
      nonce: z.object({ carried: z.string(), set: z.string() }).nullable(),
      line: z.string(),
    })
    .nullable(),
});

/** A file the renderer read: its name as the guardian picked it, its text under the one JSON cap. */
const pickedFile = z.object({ name: z.string().min(1).max(255), text: z.string().max(MAX_JSON_BYTES) }).strict();

/** The drill channels, kept apart from contract.ts: the app runs a drill in its main process and the screen follows it. */
export const drillContract = {
  // Start a drill: one that ships, by id, a team's scenario file, or a review bundle whose transaction it rehearses;
  // a file's text is read by the renderer and parsed in main.
  'drill.start': {
    request: z.union([
      z.object({ scenario: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict(),
      z.object({ file: pickedFile }).strict(),
      z.object({ bundle: pickedFile }).strict(),
    ]),
    response: drillProgress,
  },
  // The running (or last) drill: its phases, who reviewed, signed or refused, and its report once written.
  'drill.progress': { request: z.object({}).strict(), response: drillProgress },
};
