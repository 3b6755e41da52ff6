import { useCallback, useEffect, useState } from 'react';
import type { QueueEntry, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ShortHash } from '../../components/ShortHash.js';
import { OwnerSafesApproves } from './OwnerSafesApproves.js';
import { OwnerSafesOffChain } from './OwnerSafesOffChain.js';

type Found = Response<'nested.ownerSafes'>;
type OwnerSafe = Found['ownerSafes'][number];

const nameOf = (s: OwnerSafe) => s.label ?? `Safe ${s.address.slice(0, 6)}…${s.address.slice(-4)}`;

/**
 * A Safe owned by Safes: each owner Safe, its threshold, whether the outer Safe already holds its approval on
 * chain, and the two ways to give it, since an owner Safe cannot sign with a device, only its owners can: its own
 * approveHash transaction, queued here and opened for review (on that inner transaction, the hashes of both, and
 * which one the Ledger signs), or its contract signature, its owners signing its message off-chain.
 */
export function OwnerSafes({
  entry,
  counted,
  criticals = [],
  onReviewAgain,
  onOpenReview,
}: {
  entry: QueueEntry;
  /** The owners the review's quorum counted: an approval the chain holds that it did not is said to be new. */
  counted: readonly string[];
  /** The review's critical findings: an owner signing off-chain acknowledges each, as on the sign panel. */
  criticals?: ReadonlyArray<{ code: string; title: string }>;
  onReviewAgain: () => void;
  onOpenReview?: (safeTxHash: string) => void;
}) {
  const [found, setFound] = useState<Found | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [approving, setApproving] = useState<string | null>(null);
  const load = useCallback(
    () =>
      call('nested.ownerSafes', { safeTxHash: entry.safeTxHash })
        .then(setFound)
        .catch((e: unknown) => setFailure(failureText(e, "Could not read the Safe's owners."))),
    [entry.safeTxHash],
  );
  useEffect(() => void load(), [load]);
  const approve = (owner: OwnerSafe) => {
    setApproving(owner.address);
    setFailure(null);
    call('nested.approve', { outerSafeTxHash: entry.safeTxHash, ownerSafe: owner.address })
      .then((approval) => onOpenReview?.(approval.inner.safeTxHash))
      .catch((e: unknown) => setFailure(failureText(e, `Could not queue ${nameOf(owner)}'s approval.`)))
      .finally(() => setApproving(null));
  };
  const approveButton = (owner: OwnerSafe) => (
    <button
      type="button"
      className="primary"
      disabled={approving !== null}
      onClick={() => approve(owner)}
      data-testid="approve-with-owner-safe"
    >
      {approving === owner.address ? 'Queuing…' : `Approve with ${nameOf(owner)}`}
    </button>
  );
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
            review and sign on their Ledgers, or off-chain, by its owners signing its message over this transaction
            until its threshold, which the outer Safe checks with the owner Safe&apos;s isValidSignature.
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
                s.offChain ? (
                  <OwnerSafesOffChain
                    outerSafeTxHash={entry.safeTxHash}
                    ownerSafe={s.address}
                    name={nameOf(s)}
                    offChain={s.offChain}
                    criticals={criticals}
                    disabled={approving !== null}
                    onSigned={() => void load()}
                  >
                    {approveButton(s)}
                  </OwnerSafesOffChain>
                ) : (
                  <>
                    {approveButton(s)}
                    {s.offChainUnavailable ? (
                      <p className="small muted" data-testid="offchain-unavailable">
                        No off-chain signature from here: {s.offChainUnavailable}
                      </p>
                    ) : null}
                  </>
                )
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
