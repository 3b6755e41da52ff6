import type { QueueEntry } from '../../../electron/ipc/contract.js';
import { call } from '../../api.js';

const MARK = { critical: 'critical', high: 'high', medium: 'medium', info: 'ok', none: 'ok' } as const;

/**
 * Why the calldata's words are only a claim: where the simulation said otherwise (claimContradictions, in the
 * core), whatever the severity; none where it bore them out, or where no review has said.
 */
export const contradictions = (entry: QueueEntry): readonly string[] => entry.lastReview?.contradictions ?? [];

/**
 * What the simulation says first, in words: the worst finding's title coloured by its severity, or, while the
 * station is still reviewing, where it stands; a failed review says why and can be tried again from here.
 */
export function VerdictHeadline({ entry, onRetried }: { entry: QueueEntry; onRetried: () => void }) {
  const { background, lastReview } = entry;
  if (background?.state === 'queued')
    return (
      <span className="background-review" data-testid="background-review">
        waiting to be reviewed (simulation on a fork)…
      </span>
    );
  if (background?.state === 'reviewing') {
    return (
      <span className="background-review" data-testid="background-review" aria-live="polite">
        <span className="pulse" aria-hidden="true" />
        reviewing{background.detail ? `: ${background.detail}` : '…'}
      </span>
    );
  }
  const retry = (
    <button
      type="button"
      className="inline"
      data-testid="retry-review"
      onClick={(e) => {
        // The row is not chosen by this click: the guardian asked for the review only.
        e.stopPropagation();
        // Either way the listing says where the review stands now.
        call('queue.retryReview', { safeTxHash: entry.safeTxHash }).then(onRetried, onRetried);
      }}
    >
      {background?.state === 'failed' ? 'Retry' : 'Review now'}
    </button>
  );
  if (background?.state === 'failed') {
    return (
      <span className="background-review failed" data-testid="background-review" role="status">
        Could not review: {background.detail} {retry}
      </span>
    );
  }
  if (!lastReview) {
    return (
      <span className="muted" data-testid="not-reviewed">
        not yet reviewed {retry}
      </span>
    );
  }
  const severity = lastReview.worst ?? 'none';
  const calm = severity === 'info' || severity === 'none';
  const words = calm
    ? `Nothing above info${lastReview.headline ? ` (${lastReview.headline})` : ''}`
    : (lastReview.headline ?? `${severity} finding: open the review`);
  return (
    <span
      className={`headline sev-${severity}`}
      data-testid="headline"
      data-severity={severity}
      title={`Reviewed ${lastReview.at} on block ${lastReview.block}`}
    >
      <span className="headline-mark">{MARK[severity]}</span> {words}
    </span>
  );
}
