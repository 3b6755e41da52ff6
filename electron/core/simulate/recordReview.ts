import type { AddressBook } from '../decode/addressBook.js';
import { lookalikesShown } from '../decode/lookalikesShown.js';
import { bySeverity, type Finding } from '../risk/finding.js';
import type { Store } from '../store/openStore.js';
import type { Review } from './reviewSafeTx.js';

/**
 * The MultiSends this review recognised by their code at addresses safe-deployments does not list (one finding
 * each, or one grouped with each in its items): kept, so the queue reads the batch as the review did.
 */
function multiSendsByCode(findings: readonly Finding[]): string[] {
  const recognised = findings.filter((f) => f.code === 'MULTISEND_RECOGNISED_BY_CODE');
  const evidence = recognised.flatMap((f) =>
    Array.isArray(f.evidence['items']) ? (f.evidence['items'] as Record<string, unknown>[]) : [f.evidence],
  );
  return [...new Set(evidence.map((e) => e['address']).filter((a): a is string => typeof a === 'string'))];
}

/**
 * What a review leaves on this machine, from the CLI and the app alike: an audit entry of what was reviewed,
 * at which block, and the verdict; and the decimals and symbols tokens gave, so the queue reads their amounts
 * in units from then on, offline too. The worst finding's title is kept as the verdict's headline: the queue
 * says the specific danger in words, not a severity alone; and, where the simulation contradicts the calldata's
 * description, why in words, so the queue labels that description as a claim. The look-alikes of every address
 * the book knows (registered contracts, Safe deployments, not only this Safe and its owners, which are all the
 * queue knows before a review) are kept too, so the queue's row flags them from then on; and the MultiSends it
 * recognised by their code, so the row reads that batch as the review did, not as a delegatecall to unknown code.
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
        multiSendByCode: multiSendsByCode(review.findings),
        block: review.simulation.block.number,
        replayed: how.replayed,
      },
    });
    store.saveTokenInfos(review.decoded.chainId, review.tokensRead);
  });
}
