import { useEffect, useState } from 'react';
import type { AuditEntryView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ShortHash } from '../../components/ShortHash.js';

/** What this station did, newest first: pulls, reviews and their verdicts, signatures, executions. */
export function AuditView() {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'done'; entries: AuditEntryView[] } | { kind: 'failed'; message: string }>({ kind: 'loading' });
  useEffect(() => {
    call('audit.list', {}).then(
      (entries) => setState({ kind: 'done', entries }),
      (e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The audit log could not be read.') }),
    );
  }, []);
  if (state.kind === 'failed') return <p className="error" role="alert">{state.message}</p>;
  if (state.kind === 'loading') return <p className="muted">Reading the audit log…</p>;
  return (
    <section className="card" data-testid="audit">
      <h2>Audit log</h2>
      <p className="muted small">Append-only: the store refuses to change or delete an entry. Newest first.</p>
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
                <td>{e.verdict ? <span className={`badge sev-${e.verdict}`}>{e.verdict}</span> : e.kind === 'review' ? <span className="badge sev-info">no finding</span> : null}</td>
                <td className="what">{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
