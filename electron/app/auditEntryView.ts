import { z } from 'zod';
import { refusedBundleFields } from '../core/bundle/refusedBundleFields.js';
import { SEVERITIES } from '../core/primitives/severity.js';
import type { AuditEntry } from '../core/store/auditLog.js';
import type { AuditEntryView } from '../ipc/contract.js';
import { depthOfEntry } from '../core/signing/signatureDepths.js';
import { describeDepth } from '../core/signing/verificationDepth.js';

const verdict = z.object({ worst: z.enum(SEVERITIES).nullable() });
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const count = (value: unknown): number | null => (Array.isArray(value) ? value.length : null);

/** A block as the review screen says it, in decimal; the node's hex quantity is what the review recorded. */
function blockNumber(value: unknown): string {
  return typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)
    ? BigInt(value).toString()
    : String(value);
}

/** The entry's details in a line a guardian reads, by kind; what an entry of an unknown shape holds is not guessed at. */
function summary(entry: AuditEntry): string {
  const d = entry.details ?? {};
  switch (entry.kind) {
    case 'review': {
      if (!('block' in d)) return `findings acknowledged at signing: ${count(d['acknowledged']) ?? 0}`;
      const how = d['replayed'] === true ? 'replayed from a carried pre-state' : 'on a fork';
      return `${text(d['headline']) ?? `${count(d['findings']) ?? 0} finding(s)`} (${how}, block ${blockNumber(d['block'])})`;
    }
    case 'review-failed':
      return `could not run: ${text(d['code']) ?? '?'}: ${text(d['message']) ?? 'no message'}`;
    case 'pull':
      return `${text(d['safe']) ?? 'a Safe'}: ${count(d['pulled']) ?? 0} pulled, ${count(d['rejected']) ?? 0} refused`;
    case 'signature':
      return `signed in ${text(d['mode']) ?? '?'} mode on ${text(d['path']) ?? '?'}`;
    case 'posted':
      return `posted to ${text(d['service']) ?? 'the Transaction Service'}`;
    case 'import':
      return `from ${text(d['file']) ?? 'a file'}${text(d['kind']) ? ` (${text(d['kind'])})` : ''}`;
    case 'signatures-imported':
      return `from ${text(d['file']) ?? 'a file'}: ${count(d['added']) ?? 0} added, ${count(d['refused']) ?? 0} refused`;
    case 'execution':
      return `${d['success'] === true ? 'executed' : 'execution REVERTED'} in ${text(d['transactionHash']) ?? '?'}`;
    case 'execution-sent':
      return `sent as ${text(d['transactionHash']) ?? '?'}`;
    case 'bundle-refused':
      // What was changed after signing is what a guardian looks at first; other refusals say why in their message.
      return `${text(d['file']) ?? 'a file'} refused (${text(d['code']) ?? '?'}): ${refusedBundleFields(d) ?? text(d['message']) ?? 'no message'}`;
    default:
      return Object.keys(d).join(', ');
  }
}

/** An audit entry as the audit screen lists it: the verdict only where a review recorded one. */
export function auditEntryView(entry: AuditEntry): AuditEntryView {
  const parsed = entry.kind === 'review' ? verdict.safeParse(entry.details) : null;
  const depth = depthOfEntry(entry);
  return {
    id: entry.id,
    at: entry.at,
    kind: entry.kind,
    safeTxHash: entry.safeTxHash,
    actor: entry.actor,
    verdict: parsed?.success ? parsed.data.worst : null,
    summary: summary(entry),
    depth: depth ? describeDepth(depth) : null,
  };
}
