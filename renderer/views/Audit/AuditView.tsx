import { useEffect, useState } from 'react';
import type { AuditEntryView, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ShortHash } from '../../components/ShortHash.js';

/** What this station did, newest first: pulls, reviews and their verdicts, signatures, executions. */
/** The chain checked link by link, and its head: what a team records elsewhere to catch a later rewrite. */
function ChainHead({ chain }: { chain: Response<'audit.verify'> }) {
  return (
    <>
      <ChainLinks chain={chain} />
      {chain.guardsMissing.length > 0 && (
        <p className="error" data-testid="audit-guards" role="alert">
          Audit log guards DROPPED: the store no longer refuses to rewrite the log ({chain.guardsMissing.join(', ')}{' '}
          missing). The console never drops them: someone worked on this file with another SQLite tool.
        </p>
      )}
    </>
  );
}

function ChainLinks({ chain }: { chain: Response<'audit.verify'> }) {
  return chain.intact ? (
    <p className="verdict ok" data-testid="audit-head" role="status">
      Hash chain intact: {chain.entries} {chain.entries === 1 ? 'entry' : 'entries'}, every link holds. Head
      {chain.headId === null ? '' : ` (entry #${chain.headId})`}:{' '}
      <code data-testid="audit-head-hash">{chain.head}</code>
      <span className="muted small"> Record it elsewhere: a later rewrite of this log cannot match it.</span>
    </p>
  ) : (
    <p className="error" data-testid="audit-head" role="alert">
      Audit log TAMPERED at entry #{chain.firstBad?.id} ({chain.firstBad?.problem}): {chain.firstBad?.message}
    </p>
  );
}

export function AuditView() {
  const [state, setState] = useState<
    | { kind: 'loading' }
    | { kind: 'done'; entries: AuditEntryView[]; chain: Response<'audit.verify'> }
    | { kind: 'failed'; message: string }
  >({ kind: 'loading' });
  useEffect(() => {
    Promise.all([call('audit.list', {}), call('audit.verify', {})]).then(
      ([entries, chain]) => setState({ kind: 'done', entries, chain }),
      (e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The audit log could not be read.') }),
    );
  }, []);
  if (state.kind === 'failed')
    return (
      <p className="error" role="alert">
        {state.message}
      </p>
    );
  if (state.kind === 'loading') return <p className="muted">Reading the audit log…</p>;
  return (
    <section className="card" data-testid="audit">
      <h2>Audit log</h2>
      <p className="muted small">
        Append-only: the store refuses to change or delete an entry, and each entry carries the hash of the one before.
        Newest first.
      </p>
      <ChainHead chain={state.chain} />
      {state.entries.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <table aria-label="Audit log">
          <thead>
            <tr>
              <th>Time</th>
              <th>Kind</th>
              <th>Transaction</th>
              <th>Verdict</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {state.entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry">
                <td className="num">
                  <time dateTime={e.at}>{e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>
                </td>
                <td>{e.kind}</td>
                <td>{e.safeTxHash ? <ShortHash hash={e.safeTxHash} /> : <span className="muted">-</span>}</td>
                <td>
                  {e.verdict ? (
                    <span className={`badge sev-${e.verdict}`}>{e.verdict}</span>
                  ) : e.kind === 'review' ? (
                    <span className="badge sev-info">no finding</span>
                  ) : null}
                </td>
                <td className="what">
                  {e.summary}
                  {e.depth ? (
                    <div className="small muted" data-testid="audit-depth">
                      checked: {e.depth}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
