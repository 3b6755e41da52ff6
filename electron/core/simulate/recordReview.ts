import type { AddressBook } from '../decode/addressBook.js';
import { lookalikesShown } from '../decode/lookalikesShown.js';
import { GuardianError } from '../errors.js';
import { bySeverity, type Finding } from '../risk/finding.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
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

/** A message is for reading in the audit screen: one from a hostile node or a long stack is cut, not kept whole. */
const MAX_FAILURE_MESSAGE = 500;

/**
 * A review that could not run (the RPC down, the fork or the simulation failed) leaves its own audit entry, kind
 * 'review-failed', with the error's code and message: the log then shows that this transaction was looked at
 * and why there is no verdict, rather than nothing, which reads as "never reviewed". An error that is not a
 * GuardianError is a bug, recorded as UNEXPECTED. It never hides the failure it records: if the store cannot
 * take the entry either, the caller still throws the review's own error.
 */
export function recordReviewFailure(store: Store, tx: SafeTx, error: unknown, how: { replayed: boolean }): void {
  const code = error instanceof GuardianError ? error.code : 'UNEXPECTED';
  const message = error instanceof Error ? error.message : String(error);
  try {
    store.appendAudit({
      kind: 'review-failed',
      safeTxHash: safeTxHash(tx),
      details: {
        code,
        message: message.length > MAX_FAILURE_MESSAGE ? `${message.slice(0, MAX_FAILURE_MESSAGE)}…` : message,
        replayed: how.replayed,
      },
    });
  } catch {
    // The store's own failure is not the one the guardian needs to see: the review's error is thrown on.
  }
}
