import { useEffect, useState } from 'react';
import { durationWords } from '../../../electron/ipc/rendererFormatting.js';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

type Overview = Response<'drill.overview'>;
const words = (ms: number | null) => (ms === null ? '-' : durationWords(ms));

function LatestReport({ latest }: { latest: NonNullable<Overview['latest']> }) {
  const f = latest.figures;
  return (
    <section className="card" data-testid="drill-report">
      <h2>Latest drill: {latest.name}</h2>
      <p className={f.targetsMet ? 'verdict ok' : 'error'} data-testid="drill-verdict">
        {f.targetsMet ? 'Targets met' : 'Targets NOT met'}: {f.passed} of {f.steps} steps as expected, {f.trapsRefused} trap(s) refused, {f.trapsSigned} signed; slowest quorum {words(f.worstQuorumMs)} against {words(f.quorumTargetMs)}.
      </p>
      <p className="muted small">
        Started {latest.startedAt}, signed by {latest.signer}. Full report with its timeline: <code>{latest.html ?? latest.path}</code>
      </p>
      <table aria-label="Drill steps">
        <thead>
          <tr>
            <th>Step</th>
            <th>Expected</th>
            <th>Outcome</th>
            <th>First glance</th>
            <th>Quorum</th>
            <th>Executed</th>
          </tr>
        </thead>
        <tbody>
          {latest.steps.map((s, i) => (
            <tr key={i} data-testid="drill-step">
              <td>{s.label}</td>
              <td>{s.expect}</td>
              <td>
                <span className={s.passed ? 'badge ok' : 'badge danger'}>{s.outcome}</span>
              </td>
              <td className="small">{s.worst ? (s.headline ? `${s.worst}: ${s.headline}` : s.worst) : 'no finding'}</td>
              <td className="num">{words(s.quorumMs)}</td>
              <td className="num">{words(s.executionMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The drills that ship, and what the latest one run here measured: rehearsals are run with `guardian drill run`. */
export function DrillView() {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'done'; overview: Overview } | { kind: 'failed'; message: string }>({ kind: 'loading' });
  useEffect(() => {
    call('drill.overview', {}).then(
      (overview) => setState({ kind: 'done', overview }),
      (e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The drills could not be read.') }),
    );
  }, []);
  if (state.kind === 'failed') return <p className="error" role="alert">{state.message}</p>;
  if (state.kind === 'loading') return <p className="muted">Reading the drills…</p>;
  const { scenarios, latest, latestFailure } = state.overview;
  return (
    <>
      {latest ? <LatestReport latest={latest} /> : null}
      {latestFailure ? (
        <p className="error" role="alert" data-testid="drill-report-failure">
          {latestFailure}
        </p>
      ) : null}
      {!latest && !latestFailure ? <p className="muted" data-testid="drill-none">No drill has run on this station yet.</p> : null}
      <section className="card" data-testid="drill-scenarios">
        <h2>Drills</h2>
        <p className="muted small">
          Each runs on a local drill chain with DRILL software signers, which refuse any other chain: <code>guardian drill run NAME</code>. The report lands in exports/ and shows here.
        </p>
        {scenarios.map((s) => (
          <article key={s.id} data-testid="drill-scenario">
            <h3>
              {s.name} <code>{s.id}</code>
            </h3>
            <p className="small">
              {s.description} <span className="muted">({s.threshold} of {s.guardians} guardians)</span>
            </p>
            <ol className="small">
              {s.steps.map((step, i) => (
                <li key={i}>
                  {step.label} <span className={step.expect === 'refuse' ? 'badge danger' : 'badge ok'}>{step.expect}</span>
                </li>
              ))}
            </ol>
          </article>
        ))}
      </section>
    </>
  );
}
