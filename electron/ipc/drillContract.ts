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
});

/** The drill channels, kept apart from contract.ts: the app runs a drill in its main process and the screen follows it. */
export const drillContract = {
  // Start a drill: one that ships, by id, or a team's scenario file, its text read by the renderer and parsed in main.
  'drill.start': {
    request: z.union([
      z.object({ scenario: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict(),
      z
        .object({ file: z.object({ name: z.string().min(1).max(255), text: z.string().max(MAX_JSON_BYTES) }).strict() })
        .strict(),
    ]),
    response: drillProgress,
  },
  // The running (or last) drill: its phases, who reviewed, signed or refused, and its report once written.
  'drill.progress': { request: z.object({}).strict(), response: drillProgress },
};
