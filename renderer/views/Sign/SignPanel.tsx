import { useState } from 'react';
import type { QueueEntry, Request, Response, ReviewView, SigningStepView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { useProgressSteps } from '../../hooks/useProgressSteps.js';
import { acknowledgesAll, CriticalAcknowledgement } from '../../components/CriticalAcknowledgement.js';
import {
  DEFAULT_LEDGER_ACCOUNT,
  LedgerAccountChoice,
  ledgerAccountOf,
  type LedgerAccountDraft,
} from '../../components/LedgerAccountChoice.js';
import { LedgerHash } from '../../components/LedgerHash.js';
import { StepList } from '../../components/StepList.js';
import { DeviceCheck } from './DeviceCheck.js';
import { PluggedDevice } from './PluggedDevice.js';
import { DeviceFields } from './DeviceFields.js';
import { PostAgain } from './PostAgain.js';
import { QuorumPips } from './QuorumPips.js';

/** How the Ledger signs, as queue.sign takes it. */
type Mode = Request<'queue.sign'>['mode'];
type Signed = Response<'queue.sign'>;

const MODES: ReadonlyArray<{ mode: Mode; label: string; hint: string }> = [
  { mode: 'full', label: 'Full EIP-712', hint: 'the Ledger shows every field of the transaction (recommended)' },
  {
    mode: 'hashed',
    label: 'Hashed EIP-712',
    hint: 'the Ledger shows two hashes: compare them with the ones shown here',
  },
  { mode: 'eth_sign', label: 'eth_sign', hint: 'the Ledger shows one hash only: the last resort' },
];
/** Often enough to show the hashes the moment the device asks, rarely enough to leave the main process alone. */
const PROGRESS_POLL_MS = 150;

/**
 * Signing on the Ledger plugged into this station, after a review. The main process reviews again and refuses
 * on its own (hash, owner, findings); this panel asks for what only the guardian can give: the acknowledgement
 * of each critical finding, and the mode. While the device waits, it shows the hashes exactly as the device does.
 */
export function SignPanel({
  entry,
  review,
  onSigned,
}: {
  entry: QueueEntry;
  review: ReviewView;
  onSigned?: () => void;
}) {
  const criticals = review.findings.filter((f) => f.severity === 'critical');
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<Mode>('full');
  const [accountDraft, setAccountDraft] = useState<LedgerAccountDraft>(DEFAULT_LEDGER_ACCOUNT);
  const { account } = ledgerAccountOf(accountDraft);
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'signing' } | { kind: 'signed'; signed: Signed } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const [postedAgain, setPostedAgain] = useState(false);
  const steps = useProgressSteps('queue.signProgress', entry.safeTxHash, state.kind === 'signing', PROGRESS_POLL_MS);
  const allAcknowledged = acknowledgesAll(criticals, acknowledged);
  const sign = () => {
    if (!account) return;
    setState({ kind: 'signing' });
    call('queue.sign', { safeTxHash: entry.safeTxHash, mode, acknowledged: [...acknowledged], account })
      .then((signed) => {
        setState({ kind: 'signed', signed });
        // The queue counts confirmations: it has one more now.
        onSigned?.();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The signing failed.') }));
  };
  if (state.kind === 'signing') return <SigningProgress steps={steps} tx={entry.tx} />;
  if (state.kind === 'signed') {
    const { signed } = state;
    return (
      <section className="sign card" data-testid="signed">
        <p className="verdict ok">
          Signed by <code>{signed.signer}</code> ({signed.mode}, {signed.path}): verified and stored on this machine
          {signed.posted ? ', and posted to the Transaction Service' : ''}
          {postedAgain ? ', and posted to the Transaction Service (posted again, no new signature)' : ''}.
        </p>
        {signed.postFailure && !postedAgain ? (
          <p className="warning" data-testid="post-failure">
            Not posted: {signed.postFailure}
          </p>
        ) : null}
        {signed.postFailure ? <PostAgain safeTxHash={entry.safeTxHash} onPosted={() => setPostedAgain(true)} /> : null}
        <QuorumPips quorum={signed.quorum} />
      </section>
    );
  }
  return (
    <section className="sign card" data-testid="sign-panel">
      <CriticalAcknowledgement
        criticals={criticals}
        acknowledged={acknowledged}
        onChange={setAcknowledged}
        legend="Critical findings: tick each one you have read and still sign"
        testId="acknowledge"
      />
      <fieldset className="modes">
        <legend>How the Ledger signs</legend>
        {MODES.map((m) => (
          <label key={m.mode}>
            <input
              type="radio"
              name="mode"
              value={m.mode}
              data-testid={`mode-${m.mode}`}
              checked={mode === m.mode}
              onChange={() => setMode(m.mode)}
            />{' '}
            <strong>{m.label}</strong> <span className="muted">{m.hint}</span>
          </label>
        ))}
      </fieldset>
      {/* The sign action shares its line with the device check, so it stays on a 1280x800 screen under a
          critical review's acknowledgements; the account (whose default finds the owner on most Ledgers) and what
          is plugged in follow it. */}
      <div className="sign-actions">
        <button className="primary" onClick={sign} disabled={!allAcknowledged || !account} data-testid="sign">
          Sign with the Ledger
        </button>
        <DeviceCheck mode={mode} />
      </div>
      <LedgerAccountChoice draft={accountDraft} onChange={setAccountDraft} testId="sign-account" />
      <PluggedDevice />
      {state.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="sign-failure">
          Not signed: {state.message}
        </p>
      ) : null}
    </section>
  );
}

/** The signing's steps as they come; while the device waits, what it shows, to be compared before approving. */
function SigningProgress({ steps, tx }: { steps: SigningStepView[]; tx: QueueEntry['tx'] }) {
  const latest = steps.at(-1);
  const compare = latest?.stage === 'awaiting-approval' ? latest.compare : null;
  // Full EIP-712: no hash to compare, the device shows the fields themselves.
  const fields = compare !== null && !compare.domainHash && !compare.messageHash && !compare.safeTxHash;
  return (
    <section className="sign card" data-testid="sign-progress" aria-live="polite">
      <StepList steps={steps} waiting="Opening the Ledger…" />
      {fields ? <DeviceFields tx={tx} /> : null}
      {compare && !fields ? (
        <div className="compare" data-testid="compare">
          {compare.domainHash ? (
            <LedgerHash label="Domain hash" hash={compare.domainHash} testId="sign-domain" />
          ) : null}
          {compare.messageHash ? (
            <LedgerHash label="Message hash" hash={compare.messageHash} testId="sign-message" />
          ) : null}
          {compare.safeTxHash ? (
            <LedgerHash label="safeTxHash" hash={compare.safeTxHash} testId="sign-safetxhash" />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
