import { useCallback, useEffect, useRef, useState } from 'react';
import { durationWords } from '../../../electron/ipc/rendererFormatting.js';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { DrillFileButton } from './DrillFileButton.js';
import { DrillProgressPanel } from './DrillProgressPanel.js';

type Overview = Response<'drill.overview'>;
type Progress = Response<'drill.progress'>;
const PROGRESS_POLL_MS = 400;
const words = (ms: number | null) => (ms === null ? '-' : durationWords(ms));

function LatestReport({ latest }: { latest: NonNullable<Overview['latest']> }) {
  const f = latest.figures;
  return (
    <section className="card" data-testid="drill-report">
      <h2>Latest drill: {latest.name}</h2>
      <p className={f.targetsMet ? 'verdict ok' : 'error'} data-testid="drill-verdict">
        {f.targetsMet ? 'Targets met' : 'Targets NOT met'}: {f.passed} of {f.steps} steps as expected, {f.trapsRefused}{' '}
        trap(s) refused, {f.trapsSigned} signed; slowest quorum {words(f.worstQuorumMs)} against{' '}
        {words(f.quorumTargetMs)}.
      </p>
      <p className="muted small">
        Started {latest.startedAt}, signed by {latest.signer}. Full report with its timeline:{' '}
        <code>{latest.html ?? latest.path}</code>
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

/** Follows the drill the main process runs: read again while it runs, the overview read once more when it ends. */
function useDrillProgress(onFinished: () => void) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const read = useCallback(
    () =>
      call('drill.progress', {}).then(setProgress, (e: unknown) =>
        setFailure(failureText(e, 'The drill could not be read.')),
      ),
    [],
  );
  useEffect(() => void read(), [read]);
  const running = progress?.state === 'running';
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) onFinished();
    wasRunning.current = running;
    if (!running) return;
    const timer = setTimeout(() => void read(), PROGRESS_POLL_MS);
    return () => clearTimeout(timer);
  }, [progress, running, read, onFinished]);
  // A bundle's start answers once the bundle held and its drill chain is ready: seconds in which nothing else starts.
  const [starting, setStarting] = useState<'scenario' | 'bundle' | null>(null);
  const start = (request: Parameters<typeof call<'drill.start'>>[1]) => {
    setFailure(null);
    setStarting('bundle' in request ? 'bundle' : 'scenario');
    call('drill.start', request)
      .then(setProgress, (e: unknown) => setFailure(failureText(e, 'The drill did not start.')))
      .finally(() => setStarting(null));
  };
  return { progress, running, starting, busy: running || starting !== null, failure, start };
}

/** The drills that ship, run from here in the main process with their progress shown, and what the latest one measured. */
export function DrillView() {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'done'; overview: Overview } | { kind: 'failed'; message: string }
  >({ kind: 'loading' });
  const load = useCallback(() => {
    call('drill.overview', {}).then(
      (overview) => setState({ kind: 'done', overview }),
      (e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The drills could not be read.') }),
    );
  }, []);
  useEffect(load, [load]);
  const drill = useDrillProgress(load);
  if (state.kind === 'failed')
    return (
      <p className="error" role="alert">
        {state.message}
      </p>
    );
  if (state.kind === 'loading') return <p className="muted">Reading the drills…</p>;
  const { scenarios, latest, latestFailure } = state.overview;
  return (
    <>
      {drill.failure ? (
        <p className="error" role="alert" data-testid="drill-start-failure">
          {drill.failure}
        </p>
      ) : null}
      {drill.progress && drill.progress.state !== 'idle' ? <DrillProgressPanel progress={drill.progress} /> : null}
      {latest ? <LatestReport latest={latest} /> : null}
      {latestFailure ? (
        <p className="error" role="alert" data-testid="drill-report-failure">
          {latestFailure}
        </p>
      ) : null}
      {!latest && !latestFailure ? (
        <p className="muted" data-testid="drill-none">
          No drill has run on this station yet.
        </p>
      ) : null}
      <section className="card" data-testid="drill-scenarios">
        <h2>Drills</h2>
        <p className="muted small">
          Each runs here on a local drill chain with DRILL software signers standing in for the guardians' Ledgers; they
          refuse any other chain. The same drills run with <code>guardian drill run NAME</code>. The report lands in
          exports/ and shows here.
        </p>
        <p>
          <DrillFileButton
            label="Run a scenario file…"
            disabled={drill.busy}
            onPicked={(file) => drill.start({ file })}
            testId="drill-own"
          />{' '}
          <DrillFileButton
            label="Drill from a review bundle…"
            disabled={drill.busy}
            onPicked={(bundle) => drill.start({ bundle })}
            testId="drill-bundle"
          />
        </p>
        <p className="muted small">
          A review bundle (from <code>guardian bundle export</code> or a review's Carry panel) is checked as an import
          is, then its transaction is rehearsed on its own Safe and protocol from the bundle's proven state, on a fresh
          drill chain, with the Safe's owners replaced by DRILL keys (<code>guardian drill run --from FILE</code>).
        </p>
        {drill.starting === 'bundle' ? (
          <p className="muted" role="status" data-testid="drill-bundle-checking">
            Checking the review bundle and loading its proven state into a drill chain…
          </p>
        ) : null}
        {scenarios.map((s) => (
          <article key={s.id} data-testid="drill-scenario" data-scenario={s.id}>
            <h3>
              {s.name} <code>{s.id}</code>{' '}
              <button
                type="button"
                className="inline"
                disabled={drill.busy}
                onClick={() => drill.start({ scenario: s.id })}
                data-testid="drill-start"
              >
                Start drill
              </button>
            </h3>
            <p className="small">
              {s.description}{' '}
              <span className="muted">
                ({s.threshold} of {s.guardians} guardians)
              </span>
            </p>
            <ol className="small">
              {s.steps.map((step, i) => (
                <li key={i}>
                  {step.label}{' '}
                  <span className={step.expect === 'refuse' ? 'badge danger' : 'badge ok'}>{step.expect}</span>
                </li>
              ))}
            </ol>
          </article>
        ))}
      </section>
    </>
  );
}
