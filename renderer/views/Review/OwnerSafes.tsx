import { useEffect, useState } from 'react';
import type { QueueEntry, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ShortHash } from '../../components/ShortHash.js';
import { OwnerSafesApproves } from './OwnerSafesApproves.js';

type Found = Response<'nested.ownerSafes'>;
type OwnerSafe = Found['ownerSafes'][number];

const nameOf = (s: OwnerSafe) => s.label ?? `Safe ${s.address.slice(0, 6)}…${s.address.slice(-4)}`;

/**
 * A Safe owned by Safes: each owner Safe, its threshold, whether the outer Safe already holds its approval on
 * chain, and the way to give it: its own approveHash transaction, queued here and opened for review, since an
 * owner Safe cannot sign with a device, only its owners can, over its own transaction. On that inner transaction,
 * the hashes of both, and which one the Ledger signs.
 */
export function OwnerSafes({
  entry,
  counted,
  onReviewAgain,
  onOpenReview,
}: {
  entry: QueueEntry;
  /** The owners the review's quorum counted: an approval the chain holds that it did not is said to be new. */
  counted: readonly string[];
  onReviewAgain: () => void;
  onOpenReview?: (safeTxHash: string) => void;
}) {
  const [found, setFound] = useState<Found | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [approving, setApproving] = useState<string | null>(null);
  useEffect(() => {
    call('nested.ownerSafes', { safeTxHash: entry.safeTxHash })
      .then(setFound)
      .catch((e: unknown) => setFailure(failureText(e, "Could not read the Safe's owners.")));
  }, [entry.safeTxHash]);
  const approve = (owner: OwnerSafe) => {
    setApproving(owner.address);
    setFailure(null);
    call('nested.approve', { outerSafeTxHash: entry.safeTxHash, ownerSafe: owner.address })
      .then((approval) => onOpenReview?.(approval.inner.safeTxHash))
      .catch((e: unknown) => setFailure(failureText(e, `Could not queue ${nameOf(owner)}'s approval.`)))
      .finally(() => setApproving(null));
  };
  if (failure && !found)
    return (
      <p className="error" role="alert">
        {failure}
      </p>
    );
  if (!found) return null;
  return (
    <>
      {found.approves ? (
        <OwnerSafesApproves
          innerSafeTxHash={entry.safeTxHash}
          approves={found.approves}
          {...(onOpenReview ? { onOpenReview } : {})}
        />
      ) : null}
      {found.ownerSafes.length > 0 ? (
        <section className="card" data-testid="owner-safes" aria-label="Owner Safes">
          <h3>Owner Safes</h3>
          <p className="small muted">
            These owners are Safes: each confirms by executing its own approveHash of this safeTxHash, which its owners
            review and sign on their Ledgers.
          </p>
          {found.ownerSafes.map((s) => (
            <div key={s.address} className="owner-safe" data-testid="owner-safe">
              <p>
                <strong data-testid="owner-safe-name">{nameOf(s)}</strong>{' '}
                <code className="small" title={s.address}>
                  {s.address}
                </code>
              </p>
              <p className="small" data-testid="owner-safe-threshold">
                {s.threshold} of {s.owners.length} owners{s.source === 'pulled' ? ' (as last pulled)' : ''}
              </p>
              <p className="small" data-testid="owner-safe-approved">
                {s.approvedOnChain === true ? (
                  <span className="badge ok">Approved on chain (approvedHashes)</span>
                ) : s.approvedOnChain === false ? (
                  <span className="badge warn">Not approved on chain yet</span>
                ) : (
                  <span className="badge">Cannot tell whether it approved</span>
                )}
              </p>
              {s.approvedOnChain === true && !counted.some((o) => o.toLowerCase() === s.address.toLowerCase()) ? (
                <p className="small" data-testid="owner-safe-newly-counted">
                  Kept now as its confirmation; the quorum above was read before.{' '}
                  <button type="button" className="copy" onClick={onReviewAgain} data-testid="review-again">
                    Review again to count it
                  </button>
                </p>
              ) : null}
              {s.pendingApproval && s.approvedOnChain !== true ? (
                <p className="small" data-testid="owner-safe-pending">
                  Its approval is queued here (<ShortHash hash={s.pendingApproval} />
                  ), waiting for its owners.
                </p>
              ) : null}
              {s.approvedOnChain === true ? null : s.watched ? (
                <button
                  type="button"
                  className="primary"
                  disabled={approving !== null}
                  onClick={() => approve(s)}
                  data-testid="approve-with-owner-safe"
                >
                  {approving === s.address ? 'Queuing…' : `Approve with ${nameOf(s)}`}
                </button>
              ) : (
                <p className="small muted">Watch this Safe (the Safes tab) and pull it to approve with it here.</p>
              )}
            </div>
          ))}
          {found.chainUnavailable ? <p className="small muted">{found.chainUnavailable}</p> : null}
          {failure ? (
            <p className="error" role="alert">
              {failure}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
