import type { AddressBook } from '../decode/addressBook.js';
import { lookalikesShown } from '../decode/lookalikesShown.js';
import { bySeverity } from '../risk/finding.js';
import type { Store } from '../store/openStore.js';
import type { Review } from './reviewSafeTx.js';

/**
 * What a review leaves on this machine, from the CLI and the app alike: an audit entry of what was reviewed,
 * at which block, and the verdict; and the decimals and symbols tokens gave, so the queue reads their amounts
 * in units from then on, offline too. The worst finding's title is kept as the verdict's headline: the queue
 * says the specific danger in words, not a severity alone; and, where the simulation contradicts the calldata's
 * description, why in words, so the queue labels that description as a claim. The look-alikes of every address
 * the book knows (registered contracts, Safe deployments, not only this Safe and its owners, which are all the
 * queue knows before a review) are kept too, so the queue's row flags them from then on.
 */
export function recordReview(store: Store, review: Review, how: { replayed: boolean; book: AddressBook }): void {
  const { decoded, diff, calls, findings, contradictions } = review;
  const lookalikes = lookalikesShown({ decoded, diff, calls, findings, contradictions }, decoded.chainId, how.book);
  store.transaction(() => {
    store.appendAudit({
      kind: 'review',
      safeTxHash: review.hashes.safeTxHash,
      details: {
        worst: review.worst,
        headline: bySeverity(review.findings)[0]?.title ?? null,
        findings: review.findings.map((f) => f.code),
        contradictions: review.contradictions.map((c) => c.reason),
        lookalikes,
        block: review.simulation.block.number,
        replayed: how.replayed,
      },
    });
    store.saveTokenInfos(review.decoded.chainId, review.tokensRead);
  });
}
