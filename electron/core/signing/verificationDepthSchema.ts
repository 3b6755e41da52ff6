import { z } from 'zod';
import { SEVERITIES } from '../primitives/severity.js';
import type { VerificationDepth } from './verificationDepth.js';

/**
 * The depth as an audit entry holds it, read back. The log is chained, but a depth is still read like any
 * stored row: an entry of another shape (written by an older console, or edited) shows no depth rather than a
 * guessed one.
 */
export const verificationDepthSchema: z.ZodType<VerificationDepth> = z.object({
  hashRecomputed: z.literal(true),
  claimedHash: z.enum(['matched', 'unclaimed']),
  decoding: z.object({
    weakestSource: z.enum(['registered', 'descriptor', 'artifact', 'bundled', 'selector-table', 'none']).nullable(),
    calls: z.number().int().nonnegative(),
  }),
  simulation: z.enum(['fork', 'replay-proven']),
  deviceMode: z.enum(['full', 'hashed', 'eth_sign']),
  findings: z.partialRecord(z.enum(SEVERITIES), z.number().int().positive()),
  acknowledged: z.array(z.string()),
});
