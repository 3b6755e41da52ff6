import { useEffect, useState } from 'react';
import type { QueueEntry, ReviewView as Review } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { useProgressSteps } from '../../hooks/useProgressSteps.js';
import { ShortHash } from '../../components/ShortHash.js';
import { quorumMet } from '../Queue/quorumMet.js';
import { CarryPanel } from '../Sign/CarryPanel.js';
import { ExecutePanel } from '../Sign/ExecutePanel.js';
import { SignPanel } from '../Sign/SignPanel.js';
import { BalanceChanges } from './BalanceChanges.js';
import { CallTree } from './CallTree.js';
import { EventList } from './EventList.js';
import { ReviewProgress } from './ReviewProgress.js';
import { StateDiff } from './StateDiff.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'info'] as const;
const WORST_LINE = {
  critical: 'CRITICAL: read every finding before signing',
  high: 'HIGH: read every finding before signing',
  medium: 'MEDIUM: read the findings before signing',
  info: 'No finding above info',
  none: 'No finding above info',
} as const;
/** Often enough to follow a fork's few seconds, rarely enough to leave the main process alone. */
const PROGRESS_POLL_MS = 120;

/** Runs the review in the main process (a simulation on a local fork) and shows what would change. */
export function ReviewView({ entry, autoRun, onReviewed, onSigned }: { entry: QueueEntry; autoRun?: boolean; onReviewed?: () => void; onSigned?: () => void }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'running' } | { kind: 'done'; review: Review } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const steps = useProgressSteps('queue.reviewProgress', entry.safeTxHash, state.kind === 'running', PROGRESS_POLL_MS);
  const run = () => {
    setState({ kind: 'running' });
    call('queue.review', { safeTxHash: entry.safeTxHash })
      .then((review) => {
        setState({ kind: 'done', review });
        // The queue shows each row's latest review: it has one more now.
        onReviewed?.();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The review failed.') }));
  };
  // Opened from the queue with Enter: the guardian asked for the review already.
  useEffect(() => {
    if (autoRun && state.kind === 'idle') run();
  }, [autoRun]);
  if (state.kind === 'idle') return <button className="primary" onClick={run} data-testid="run-review">Review: simulate on a local fork</button>;
  if (state.kind === 'running') return <ReviewProgress steps={steps} />;
  if (state.kind === 'failed') return <p className="error" role="alert">Could not review: {state.message}</p>;
  const { review } = state;
  return (
    <section className="review" data-testid="review">
      <div className={`worst worst-${review.worst ?? 'none'}`} data-testid="worst">
        {WORST_LINE[review.worst ?? 'none']}
      </div>
      <p>{review.summary}</p>
      <p className="muted">
        {review.simulation.success ? `Simulation succeeds at block ${review.simulation.block}, ${review.simulation.gasUsed} gas.` : `Simulation REVERTS: ${review.simulation.revertReason ?? 'no reason given'}.`}
        {review.simulation.executedSafeTxHash && (
          <span data-testid="executed-hash">
            {' '}
            The Safe computed the same safeTxHash (<ShortHash hash={review.simulation.executedSafeTxHash} />) from the simulated calldata.
          </span>
        )}
      </p>
      <h3>State before → after</h3>
      <StateDiff contracts={review.contracts} />
      <h3>Balances</h3>
      <BalanceChanges balances={review.balances} />
      <h3>Calls</h3>
      <CallTree calls={review.calls} />
      <h3>Events</h3>
      <EventList events={review.events} />
      <h3>Findings</h3>
      <ul className="findings">
        {[...review.findings]
          .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))
          .map((f) => (
            <li key={`${f.code}-${f.explanation}`} data-testid="finding">
              <span className={`badge sev-${f.severity}`}>{f.severity}</span> <strong>{f.title}</strong> <code className="muted">{f.code}</code>
              <div className="muted">{f.explanation}</div>
            </li>
          ))}
      </ul>
      <h3>Sign</h3>
      <SignPanel entry={entry} review={review} {...(onSigned ? { onSigned } : {})} />
      <h3>Carry</h3>
      <CarryPanel entry={entry} />
      {quorumMet(entry) ? (
        <>
          <h3>Execute</h3>
          <ExecutePanel entry={entry} {...(onSigned ? { onExecuted: onSigned } : {})} />
        </>
      ) : null}
    </section>
  );
}
