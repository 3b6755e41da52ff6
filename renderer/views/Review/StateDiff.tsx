import type { ReviewView } from '../../../electron/ipc/contract.js';

/** What a guardian must not miss is drawn, not listed: control of the Safe or a proxy changing hands. */
const CONTROL = /^(Safe |implementation|admin|owner)/;

function short(value: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(value) ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}

/** Each contract touched, and each value before and after, side by side with an arrow between them. */
export function StateDiff({ contracts }: { contracts: ReviewView['contracts'] }) {
  if (contracts.length === 0) return <p className="muted">Nothing a guardian tracks changes.</p>;
  return (
    <div className="state-diff" data-testid="state-diff">
      {contracts.map((c) => (
        <div key={c.label} className="diff-card">
          <div className="diff-title">{c.label}</div>
          {c.changes.map((change) => (
            <div key={change.what} className={`diff-row ${CONTROL.test(change.what) ? 'control' : ''}`} data-testid="diff-row">
              <span className="diff-what">{change.what}</span>
              <span className="diff-before" title={change.before}>
                {change.before.split(', ').map(short).join(', ')}
              </span>
              <span className="diff-arrow" aria-hidden="true">
                →
              </span>
              <span className="diff-after" title={change.after}>
                {change.after.split(', ').map(short).join(', ')}
              </span>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
