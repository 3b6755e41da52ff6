import { z } from 'zod';
import { anyCaseHex32, empty, severity } from './contractFields.js';

const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  safeTxHash: z.string().nullable(),
  actor: z.string().nullable(),
  verdict: severity.nullable(),
  summary: z.string(),
  /** For a signature: what was checked before it, in words; null when its entry recorded none. */
  depth: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

/** The audit screen: the log and its hash chain. */
export const auditContract = {
  // The audit log, newest first: what this station pulled, reviewed, signed, executed.
  'audit.list': {
    request: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    response: z.array(auditEntry),
  },
  // The log's hash chain checked link by link (store.verifyAudit): its head, for a team to record elsewhere.
  'audit.verify': {
    request: empty,
    response: z.object({
      intact: z.boolean(),
      entries: z.number().int().min(0),
      head: anyCaseHex32,
      headId: z.number().int().nullable(),
      firstBad: z.object({ id: z.number().int(), problem: z.string(), message: z.string() }).nullable(),
      // The append-only triggers gone from the store: links may all hold while nothing stops a rewrite.
      guardsMissing: z.array(z.string().max(100)).max(20),
    }),
  },
};
