import { useEffect, useState } from 'react';
import { durationWords } from '../../../electron/ipc/rendererFormatting.js';
import type { DamagedRowView, WatchedSafeView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ShortHash } from '../../components/ShortHash.js';
import { WatchSafeForm } from './WatchSafeForm.js';

const words = (ms: number | null) => (ms === null ? '-' : durationWords(ms));

/** One Safe's governance latency: how long its owners take from proposal to execution. */
function Latency({ latency }: { latency: WatchedSafeView['latency'] }) {
  if (latency.executed === 0)
    return <p className="muted small">No executed transactions kept yet: pulling the queue brings them.</p>;
  return (
    <div data-testid="latency">
      <p>
        Proposal to execution: median <strong data-testid="latency-median">{words(latency.medianMs)}</strong>, 90th
        percentile <strong data-testid="latency-p90">{words(latency.p90Ms)}</strong>{' '}
        <span className="muted small">
          over {latency.measured} of {latency.executed} executed; {latency.checkedOnChain} timed by their block, the
          rest by the service's word
        </span>
      </p>
      <table aria-label="Latest executions">
        <thead>
          <tr>
            <th>Nonce</th>
            <th>safeTxHash</th>
            <th>Took</th>
            <th>Executed</th>
          </tr>
        </thead>
        <tbody>
          {latency.last.map((l) => (
            <tr key={l.safeTxHash} data-testid="latency-row">
              <td className="num">{l.nonce}</td>
              <td>
                <ShortHash hash={l.safeTxHash} />
              </td>
              <td className="num">{words(l.latencyMs)}</td>
              <td className="small">
                <time dateTime={l.executedAt}>{l.executedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>{' '}
                {l.executedAtSource === 'chain' ? (
                  <span className="badge ok">block time</span>
                ) : (
                  <span className="badge">service's date</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The Safes this station watches, each with its owners, threshold and governance latency; and the form to watch another. */
export function SafesView() {
  const [state, setState] = useState<
    | { kind: 'loading' }
    | { kind: 'done'; safes: WatchedSafeView[]; damaged: DamagedRowView[] }
    | { kind: 'failed'; message: string }
  >({ kind: 'loading' });
  const load = () =>
    Promise.all([call('safes.list', {}), call('safes.damaged', {})]).then(
      ([safes, damaged]) => setState({ kind: 'done', safes, damaged }),
      (e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The watched Safes could not be read.') }),
    );
  useEffect(() => {
    void load();
  }, []);
  return (
    <>
      {state.kind === 'failed' ? (
        <p className="error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'done' && state.safes.length > 0 ? (
        <section className="card" data-testid="safes">
          <h2>Watched Safes</h2>
          {state.safes.map((s) => (
            <article key={`${s.chainId}:${s.address}`} data-testid="safe">
              <h3>
                {s.label ?? 'Safe'}{' '}
                <code>
                  {s.chainId}:{s.address}
                </code>
              </h3>
              <p className="muted small">
                {s.threshold === null
                  ? 'Not pulled yet: owners and threshold unknown.'
                  : `Safe ${s.version ?? '?'}, ${s.threshold} of ${s.owners?.length ?? '?'} owners, next nonce ${s.nonce ?? '?'}`}
              </p>
              <Latency latency={s.latency} />
            </article>
          ))}
        </section>
      ) : null}
      {state.kind === 'done' && state.damaged.length > 0 ? (
        <section className="card" data-testid="damaged-safes">
          <h2>Watched Safes that cannot be read</h2>
          <p className="muted small">
            These rows of the local store do not read back (edited by hand, or a bad restore): they are not pulled or
            shown until they are fixed or the Safe is watched again.
          </p>
          <ul>
            {state.damaged.map((d) => (
              <li key={d.key} className="warning" data-testid="damaged-safe">
                <code>{d.key}</code>: {d.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <WatchSafeForm onWatched={() => void load()} />
    </>
  );
}
