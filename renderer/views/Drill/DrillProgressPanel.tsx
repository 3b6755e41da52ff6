import type { Response } from '../../../electron/ipc/contract.js';

type Progress = Response<'drill.progress'>;
type Event = Progress['events'][number];

const seconds = (ms: number) => `+${(ms / 1000).toFixed(1)} s`;
const PHASES: Array<Event['kind']> = ['proposed', 'threshold', 'executed', 'verified'];

/**
 * Where each guardian stands on one step: the last thing they did (reviewed, signed, refused), or waiting; once the
 * threshold was reached without them, not needed (they are not asked, and will not be).
 */
function guardianState(events: Event[], guardian: number): { text: string; tone: string } {
  const last = events
    .filter((e) => e.guardian === guardian && (e.kind === 'reviewed' || e.kind === 'signed' || e.kind === 'refused'))
    .at(-1);
  if (!last && events.some((e) => e.kind === 'threshold')) return { text: 'not needed', tone: 'muted' };
  if (!last) return { text: 'waiting', tone: 'muted' };
  if (last.kind === 'signed') return { text: `signed ${seconds(last.atMs)}`, tone: 'badge ok' };
  if (last.kind === 'refused') return { text: `refused ${seconds(last.atMs)}: ${last.detail}`, tone: 'badge danger' };
  return { text: `reviewed ${seconds(last.atMs)}: ${last.detail}`, tone: 'badge' };
}

/** What was read back from the chain once the step was done: each control value, as the report says it. */
function StepReading({ events }: { events: Event[] }) {
  const verified = events.find((e) => e.kind === 'verified');
  if (!verified) return null;
  const bad = verified.detail.startsWith('NOT');
  return (
    <p className={bad ? 'small error' : 'small'} data-testid="drill-reading">
      Read back: {verified.detail}
    </p>
  );
}

/** Where a bundle's drill came from, and first of all that the owners signing here are not the team's. */
function BundleOrigin({ bundle }: { bundle: NonNullable<Progress['bundle']> }) {
  const nonce = bundle.nonce ? `; nonce set from ${bundle.nonce.carried} to the transaction's ${bundle.nonce.set}` : '';
  return (
    <div data-testid="drill-bundle">
      <p className="warning" data-testid="drill-bundle-owners">
        <strong>
          Owners replaced by {bundle.drillKeys.length} DRILL keys for this drill; threshold kept at {bundle.threshold}
          {nonce}.
        </strong>
      </p>
      <p className="small" data-testid="drill-bundle-line">
        {bundle.line}
      </p>
      <dl className="evidence">
        <dt>Review bundle</dt>
        <dd>
          {bundle.file}, exported by{' '}
          {bundle.producer ? <code>{bundle.producer}</code> : 'unknown (the bundle is not signed by an owner)'}
        </dd>
        <dt>Its Safe</dt>
        <dd>
          <code>{bundle.safe}</code> (Safe {bundle.safeVersion}) on chain {bundle.chainId}, block {bundle.block}
          {bundle.blockHash ? (
            <>
              {' '}
              <code>{bundle.blockHash}</code>
            </>
          ) : null}
        </dd>
        <dt>safeTxHash</dt>
        <dd>
          <code>{bundle.safeTxHash}</code> on chain {bundle.chainId}; the drill keys sign{' '}
          <code>{bundle.drillSafeTxHash}</code> on the drill chain {bundle.drillChainId}
        </dd>
        <dt>The team's owners (sign nothing here)</dt>
        <dd>
          {bundle.ownersReplaced.map((owner, i) => (
            <span key={owner}>
              {i > 0 ? ', ' : ''}
              <code>{owner}</code>
            </span>
          ))}
        </dd>
      </dl>
    </div>
  );
}

/** The drill under way in the main process: each step's phases, and each guardian's review, signature or refusal. */
export function DrillProgressPanel({ progress }: { progress: Progress }) {
  return (
    <section className="card" data-testid="drill-progress" aria-live="polite">
      <h2>
        {progress.state === 'running' ? 'Running' : progress.state === 'done' ? 'Finished' : 'Stopped'}: {progress.name}
      </h2>
      <p className="warning" data-testid="drill-signer">
        Signing here: {progress.signer}. Not your Ledger; it refuses every chain but the drill chain.
      </p>
      {progress.bundle ? <BundleOrigin bundle={progress.bundle} /> : null}
      {progress.failure ? (
        <p className="error" role="alert" data-testid="drill-failure">
          {progress.failure}
        </p>
      ) : null}
      {progress.steps.map((step, i) => {
        const events = progress.events.filter((e) => e.step === i);
        return (
          <article key={i} data-testid="drill-progress-step" data-started={events.length > 0}>
            <h3>
              Step {i + 1}: {step.label}{' '}
              <span className={step.expect === 'refuse' ? 'badge danger' : 'badge ok'}>{step.expect}</span>
            </h3>
            <p className="small" data-testid="drill-phases">
              {PHASES.map((kind, k) => {
                const at = events.find((e) => e.kind === kind);
                return (
                  <span key={kind}>
                    {k > 0 ? ' · ' : ''}
                    <span className={at ? 'badge ok' : 'muted'}>{at ? `${kind} ${seconds(at.atMs)}` : kind}</span>
                  </span>
                );
              })}
            </p>
            <StepReading events={events} />
            <ul className="small">
              {Array.from({ length: progress.guardians }, (_, g) => {
                const state = guardianState(events, g);
                return (
                  <li key={g} data-testid="drill-guardian">
                    Guardian {g + 1} <span className="muted">(drill signer)</span>:{' '}
                    <span className={state.tone}>{state.text}</span>
                  </li>
                );
              })}
            </ul>
          </article>
        );
      })}
    </section>
  );
}
