import { useEffect, useRef, useState } from 'react';
import type { QueueEntry, ReviewView as Review } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { AddressDirectoryProvider, AddressText } from '../../components/Address.js';
import { LedgerHash } from '../../components/LedgerHash.js';
import { ShortHash } from '../../components/ShortHash.js';
import { useProgressSteps } from '../../hooks/useProgressSteps.js';
import { quorumMet } from '../Queue/quorumMet.js';
import { ownDepths } from '../Queue/rowFigures.js';
import { CarryPanel } from '../Sign/CarryPanel.js';
import { ExecutePanel } from '../Sign/ExecutePanel.js';
import { QuorumPips } from '../Sign/QuorumPips.js';
import { SignPanel } from '../Sign/SignPanel.js';
import { BalanceChanges } from './BalanceChanges.js';
import { CallTree } from './CallTree.js';
import { ControlChanges } from './ControlChanges.js';
import { DescribedCalls } from './DescribedCalls.js';
import { EventList } from './EventList.js';
import { FindingList } from './FindingList.js';
import { LedgerModels } from './LedgerModels.js';
import { OwnerSafes } from './OwnerSafes.js';
import { ReviewProgress } from './ReviewProgress.js';
import { worstFirst } from './severityOrder.js';
import { StorageChanges } from './StorageChanges.js';
import { Verdict } from './Verdict.js';

/** Often enough to follow a fork's few seconds, rarely enough to leave the main process alone. */
const PROGRESS_POLL_MS = 120;

/** Runs the review in the main process (a simulation on a local fork) and shows what would change. */
export function ReviewView({
  entry,
  autoRun,
  onReviewed,
  onSigned,
  onOpenReview,
}: {
  entry: QueueEntry;
  autoRun?: boolean;
  onReviewed?: () => void;
  onSigned?: () => void;
  /** Opens another stored transaction's review (an owner Safe's approval of this one, or back). */
  onOpenReview?: (safeTxHash: string) => void;
}) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'running' }
    | { kind: 'done'; review: Review; open: boolean }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const steps = useProgressSteps('queue.reviewProgress', entry.safeTxHash, state.kind === 'running', PROGRESS_POLL_MS);
  const run = () => {
    setState({ kind: 'running' });
    call('queue.review', { safeTxHash: entry.safeTxHash })
      .then((review) => {
        setState({ kind: 'done', review, open: true });
        // The queue shows each row's latest review: it has one more now.
        onReviewed?.();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The review failed.') }));
  };
  // Opened from the queue with Enter: the guardian asked for the review already.
  useEffect(() => {
    if (autoRun && state.kind === 'idle') run();
  }, [autoRun]);
  if (state.kind === 'idle')
    return (
      <button className="primary" onClick={run} data-testid="run-review">
        Review: simulate on a local fork
      </button>
    );
  if (state.kind === 'running') return <ReviewProgress steps={steps} />;
  if (state.kind === 'failed')
    return (
      <div>
        <p className="error" role="alert">
          Could not review: {state.message}
        </p>
        <button type="button" className="copy" onClick={run} data-testid="retry-review">
          Try the review again
        </button>
      </div>
    );
  const { review } = state;
  if (!state.open) {
    const worst = worstFirst(review.findings)[0];
    return (
      <div className="review-closed">
        <p data-testid="review-closed">
          Reviewed: <span className={`badge sev-${worst?.severity ?? 'info'}`}>{worst?.severity ?? 'none'}</span>{' '}
          {worst?.title ?? 'No findings'}
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => setState({ ...state, open: true })}
          data-testid="open-review"
        >
          Open the review
        </button>
      </div>
    );
  }
  return (
    <ReviewScreen
      entry={entry}
      review={review}
      onClose={() => setState({ ...state, open: false })}
      onReviewAgain={run}
      {...(onSigned ? { onSigned } : {})}
      {...(onOpenReview ? { onOpenReview } : {})}
    />
  );
}

/**
 * The review, verdict first: what a guardian must see before signing fits one screen (the verdict, every finding
 * with its evidence, control before → after, the quorum, the hashes the device shows and the sign action);
 * balances, calls, events and raw storage follow below.
 */
function ReviewScreen({
  entry,
  review,
  onClose,
  onReviewAgain,
  onSigned,
  onOpenReview,
}: {
  entry: QueueEntry;
  review: Review;
  onClose: () => void;
  onReviewAgain: () => void;
  onSigned?: () => void;
  onOpenReview?: (safeTxHash: string) => void;
}) {
  const findings = worstFirst(review.findings);
  const heading = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const contradicted = review.contradictions.length > 0;
  return (
    <AddressDirectoryProvider addresses={review.addresses} safeTxHash={entry.safeTxHash}>
      <section
        className="review-screen"
        data-testid="review"
        role="dialog"
        aria-modal="true"
        aria-label={`Review of nonce ${entry.nonce}`}
      >
        <div className="review-bar">
          <button type="button" className="copy" onClick={onClose} ref={heading} data-testid="close-review">
            ← Queue
          </button>
          <span>
            <strong>Nonce {entry.nonce}</strong>
          </span>
          <span className="claim" data-testid="claim">
            <strong>{contradicted ? 'claims' : 'calldata'}:</strong> <AddressText text={review.summary} />
          </span>
        </div>
        <div className="review-top">
          <div className="review-main">
            {contradicted ? (
              <div
                className="claim-reasons"
                data-testid="claim-reasons"
                role="note"
                aria-label="Where the simulation says otherwise than the calldata"
              >
                <strong>The simulation says otherwise:</strong>
                <ul>
                  {review.contradictions.map((r, i) => (
                    <li key={i} data-testid="claim-reason">
                      <AddressText text={r} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Verdict findings={findings} lookalikes={review.addresses.filter((a) => a.resembles !== null)} />
            <h3>Control before → after</h3>
            <ControlChanges contracts={review.contracts} />
            <h3>Findings, worst first</h3>
            <FindingList findings={findings} />
            {review.described.length > 0 ? (
              <>
                <h3>In the descriptor's words</h3>
                <DescribedCalls described={review.described} />
              </>
            ) : null}
            {review.balances.length > 0 ? (
              <>
                <h3>Balances before → after</h3>
                <BalanceChanges balances={review.balances} />
              </>
            ) : null}
          </div>
          <div className="review-side">
            <section className="card" aria-label="Quorum">
              <h3>Quorum when reviewed</h3>
              {review.quorum ? (
                <QuorumPips quorum={review.quorum} testId="review-quorum" />
              ) : (
                <p className="muted">The Safe's owners are not known here: pull its queue first.</p>
              )}
              {ownDepths(entry).map((d) => (
                <p key={d.owner} className="small" data-testid="review-signature-depth">
                  <strong>
                    Checked before {d.owner.slice(0, 6)}…{d.owner.slice(-4)} signed here:
                  </strong>{' '}
                  {d.depth}
                </p>
              ))}
            </section>
            <section
              className="card review-hashes"
              data-testid="review-hashes"
              aria-label="The hashes the Ledger shows"
            >
              <h3>On the Ledger (hashed mode)</h3>
              <LedgerHash label="Domain hash" hash={review.hashes.domainHash} testId="review-domain" />
              <LedgerHash label="Message hash" hash={review.hashes.messageHash} testId="review-message" />
              <LedgerHash label="safeTxHash" hash={review.hashes.safeTxHash} testId="review-safetxhash" />
            </section>
            <OwnerSafes
              entry={entry}
              counted={review.quorum?.signed ?? []}
              criticals={review.findings.filter((f) => f.severity === 'critical')}
              onReviewAgain={onReviewAgain}
              {...(onOpenReview ? { onOpenReview } : {})}
            />
            <SignPanel entry={entry} review={review} {...(onSigned ? { onSigned } : {})} />
            {quorumMet(entry) ? <ExecutePanel entry={entry} {...(onSigned ? { onExecuted: onSigned } : {})} /> : null}
          </div>
        </div>
        <div className="review-more">
          <section>
            <h3>Simulation</h3>
            <p className="small">
              {review.simulation.success
                ? `Succeeds at block ${review.simulation.block}, ${review.simulation.gasUsed} gas.`
                : `REVERTS: ${review.simulation.revertReason ?? 'no reason given'}.`}
              {review.simulation.executedSafeTxHash && (
                <span data-testid="executed-hash">
                  {' '}
                  The Safe computed the same safeTxHash (<ShortHash hash={review.simulation.executedSafeTxHash} />) from
                  the simulated calldata.
                </span>
              )}
            </p>
          </section>
          <section>
            <h3>Calls</h3>
            <CallTree calls={review.calls} />
          </section>
          <section>
            <h3>Events</h3>
            <EventList events={review.events} />
          </section>
          <section>
            <h3>Storage</h3>
            <StorageChanges contracts={review.contracts} />
          </section>
          <section>
            <h3>Carry</h3>
            <CarryPanel entry={entry} />
          </section>
          <LedgerModels />
        </div>
      </section>
    </AddressDirectoryProvider>
  );
}
