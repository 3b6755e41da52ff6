import { z } from 'zod';
import { SEVERITIES } from '../core/primitives/severity.js';
import { RECORDED_LOOKALIKES } from '../core/simulate/recordedLookalikes.js';
import type { Store } from '../core/store/openStore.js';
import type { QueueEntry } from '../ipc/contract.js';

export type LastReview = NonNullable<QueueEntry['lastReview']>;

/**
 * What a review leaves in the audit log (recordReview): the verdict and the block it was simulated at, and the
 * look-alikes it found of every address the station knows (absent from a review recorded before they were kept).
 */
const recorded = z.object({
  worst: z.enum(SEVERITIES).nullable(),
  headline: z.string().nullable().optional(),
  contradictions: z.array(z.string()).optional(),
  lookalikes: RECORDED_LOOKALIKES.optional(),
  block: z.string().regex(/^0x[0-9a-fA-F]+$|^[0-9]+$/),
});

/**
 * The latest review of each transaction this machine recorded, by safeTxHash: what the queue shows beside each
 * row, so a guardian coming back sees what was reviewed and how it came out. An entry of another shape (a
 * signing's acknowledgement, a hand edit) is passed over, never shown as a verdict it is not.
 */
export function lastReviews(store: Store): Map<string, LastReview> {
  const latest = new Map<string, LastReview>();
  // Only entries with a verdict and a block are candidates: an acknowledgement recorded after a review does not
  // hide it. One whose values are not a verdict (a hand edit) is passed over here, showing none rather than a wrong one.
  for (const entry of store.latestAuditPerTransaction({ kind: 'review', withDetails: ['worst', 'block'] })) {
    const details = recorded.safeParse(entry.details);
    if (!entry.safeTxHash || !details.success) continue;
    latest.set(entry.safeTxHash.toLowerCase(), {
      worst: details.data.worst,
      headline: details.data.headline ?? null,
      contradictions: details.data.contradictions ?? null,
      ...(details.data.lookalikes ? { lookalikes: details.data.lookalikes } : {}),
      at: entry.at,
      block: BigInt(details.data.block).toString(),
    });
  }
  return latest;
}
