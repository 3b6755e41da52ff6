import { bySeverity } from '../risk/finding.js';
import type { Store } from '../store/openStore.js';
import type { Review } from './reviewSafeTx.js';

/**
 * What a review leaves on this machine, from the CLI and the app alike: an audit entry of what was reviewed,
 * at which block, and the verdict; and the decimals and symbols tokens gave, so the queue reads their amounts
 * in units from then on, offline too. The worst finding's title is kept as the verdict's headline: the queue
 * says the specific danger in words, not a severity alone; and, where the simulation contradicts the calldata's
 * description, why in words, so the queue labels that description as a claim.
 */
export function recordReview(store: Store, review: Review, how: { replayed: boolean }): void {
  store.transaction(() => {
    store.appendAudit({
      kind: 'review',
      safeTxHash: review.hashes.safeTxHash,
      details: {
        worst: review.worst,
        headline: bySeverity(review.findings)[0]?.title ?? null,
        findings: review.findings.map((f) => f.code),
        contradictions: review.contradictions.map((c) => c.reason),
        block: review.simulation.block.number,
        replayed: how.replayed,
      },
    });
    store.saveTokenInfos(review.decoded.chainId, review.tokensRead);
  });
}
