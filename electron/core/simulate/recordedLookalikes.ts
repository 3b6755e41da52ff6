import { z } from 'zod';
import type { Lookalike } from '../decode/lookalikeAddress.js';
import type { Store } from '../store/openStore.js';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

/** The look-alikes a review recorded (recordReview): each address, the known one it imitates, and that one's name. */
export const RECORDED_LOOKALIKES = z.array(
  z.object({ address, resembles: address, name: z.string() }).strict(),
) satisfies z.ZodType<Lookalike[]>;

/**
 * The look-alikes the latest review of each transaction found, by safeTxHash (lower-case), for a front end that
 * lists the queue without the review's view (the CLI's queue). A review recorded before they were kept, or an
 * entry whose look-alikes are not of this shape (a hand edit), gives none rather than a made-up list.
 */
export function recordedLookalikes(store: Store): Map<string, Lookalike[]> {
  const found = new Map<string, Lookalike[]>();
  for (const entry of store.latestAuditPerTransaction({ kind: 'review', withDetails: ['worst', 'block'] })) {
    const lookalikes = RECORDED_LOOKALIKES.safeParse(entry.details?.['lookalikes']);
    if (entry.safeTxHash && lookalikes.success && lookalikes.data.length > 0)
      found.set(entry.safeTxHash.toLowerCase(), lookalikes.data);
  }
  return found;
}
