import type { Store } from '../store/openStore.js';

export interface UnpostedConfirmation {
  safeTxHash: string;
  owner: string;
  origin: 'local' | 'bundle';
}

/**
 * The signatures made here (or carried back from a station) that the Transaction Service has not accepted yet.
 * What was posted is read from the audit log, where postConfirmation records each acceptance: the log only
 * grows, so a signature once posted never shows as pending again, and one whose post failed stays pending until
 * a post succeeds. Service-pulled signatures are the service's own; approved hashes live on the chain, not there.
 */
export function unpostedConfirmations(store: Store, safeTxHash?: string): UnpostedConfirmation[] {
  const items = safeTxHash ? [store.getQueueItem(safeTxHash)] : store.listQueueItems();
  const pending: UnpostedConfirmation[] = [];
  for (const item of items) {
    const hash = item.safeTxHash.toLowerCase();
    const posted = new Set(store.listAudit({ safeTxHash: hash, kind: 'posted' }).map((e) => e.actor?.toLowerCase()));
    for (const c of item.confirmations) {
      if (c.origin === 'service' || c.signatureType === 'APPROVED_HASH' || posted.has(c.owner.toLowerCase())) continue;
      pending.push({ safeTxHash: hash, owner: c.owner, origin: c.origin });
    }
  }
  return pending;
}
