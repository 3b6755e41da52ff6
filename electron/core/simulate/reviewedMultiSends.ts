import { z } from 'zod';
import type { Store } from '../store/openStore.js';

const recorded = z.object({ multiSendByCode: z.array(z.string().regex(/^0x[0-9a-fA-F]{40}$/)).max(64) });

/**
 * The MultiSends the latest review of each transaction recognised by their code (recordReview), by safeTxHash:
 * the queue decodes that row with them, so it says the batch the review read, not "to unknown code". Only the
 * latest verdict counts, the one lastReviews shows; a review recorded before they were kept, or an entry of
 * another shape, adds none.
 */
export function reviewedMultiSends(store: Store): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const entry of store.latestAuditPerTransaction({ kind: 'review', withDetails: ['worst', 'block'] })) {
    const details = recorded.safeParse(entry.details);
    if (entry.safeTxHash && details.success && details.data.multiSendByCode.length > 0)
      found.set(entry.safeTxHash.toLowerCase(), details.data.multiSendByCode);
  }
  return found;
}
