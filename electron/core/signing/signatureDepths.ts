import type { Confirmation } from '../safe/confirmation.js';
import type { AuditEntry } from '../store/auditLog.js';
import type { Store } from '../store/openStore.js';
import type { VerificationDepth } from './verificationDepth.js';
import { verificationDepthSchema } from './verificationDepthSchema.js';

/** The depth a signature audit entry recorded, or null when it holds none that reads (an entry from before depths). */
export function depthOfEntry(entry: AuditEntry): VerificationDepth | null {
  if (entry.kind !== 'signature') return null;
  const parsed = verificationDepthSchema.safeParse(entry.details?.['depth']);
  return parsed.success ? parsed.data : null;
}

const key = (owner: string, signature: string) => `${owner.toLowerCase()}:${signature.toLowerCase()}`;

/**
 * What was checked before each signature this station made on one transaction, keyed to the exact signature
 * the entry recorded: a confirmation whose bytes differ (the owner signed again elsewhere, or the row was
 * edited) is not credited with checks that were run for another.
 */
export function signatureDepths(
  store: Store,
  safeTxHash: string,
): (confirmation: Confirmation) => VerificationDepth | null {
  const depths = new Map<string, VerificationDepth>();
  for (const entry of store.listAudit({ safeTxHash, kind: 'signature' })) {
    const signature = entry.details?.['signature'];
    const depth = depthOfEntry(entry);
    if (entry.actor && typeof signature === 'string' && depth) depths.set(key(entry.actor, signature), depth);
  }
  return (confirmation) => depths.get(key(confirmation.owner, confirmation.signature)) ?? null;
}
