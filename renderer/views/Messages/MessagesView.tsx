import { useEffect, useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { acknowledgesAll, CriticalAcknowledgement } from '../../components/CriticalAcknowledgement.js';
import {
  DEFAULT_LEDGER_ACCOUNT,
  LedgerAccountChoice,
  ledgerAccountOf,
  type LedgerAccountDraft,
} from '../../components/LedgerAccountChoice.js';
import { LedgerHash } from '../../components/LedgerHash.js';
import { ShortHash } from '../../components/ShortHash.js';

type Listed = Response<'messages.list'>;
type Message = Listed['messages'][number];
type Signed = Response<'messages.sign'>;

/**
 * A message's sign action: critical warnings ticked one by one first, the Ledger account that signs, and the two
 * hashes the Ledger will show.
 */
function SignMessage({ message, quorumMet, onSigned }: { message: Message; quorumMet: boolean; onSigned: () => void }) {
  const criticals = message.warnings
    .filter((w) => w.severity === 'critical')
    .map((w) => ({ code: w.code, title: w.text }));
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const [accountDraft, setAccountDraft] = useState<LedgerAccountDraft>(DEFAULT_LEDGER_ACCOUNT);
  const { account } = ledgerAccountOf(accountDraft);
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'signing' } | { kind: 'done'; signed: Signed } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const ready = acknowledgesAll(criticals, acknowledged) && account !== null;
  const sign = () => {
    if (!account) return;
    setState({ kind: 'signing' });
    call('messages.sign', { safeMessageHash: message.safeMessageHash, acknowledged: [...acknowledged], account })
      .then((signed) => {
        setState({ kind: 'done', signed });
        onSigned();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The message could not be signed.') }));
  };
  // Once the quorum is met there is nothing left to sign; what this station signed stays in view.
  if (quorumMet && state.kind !== 'done') return null;
  return (
    <div className="message-sign">
      {quorumMet ? null : (
        <>
          <CriticalAcknowledgement
            criticals={criticals}
            acknowledged={acknowledged}
            onChange={setAcknowledged}
            legend="Critical: tick each one you have read and still sign"
            testId="message-acknowledge"
          />
          <LedgerAccountChoice draft={accountDraft} onChange={setAccountDraft} testId="message-account" />
        </>
      )}
      {state.kind === 'signing' ? (
        <p className="warning" role="status" data-testid="message-signing">
          Approve on the Ledger only if it shows the domain hash and message hash above.
        </p>
      ) : null}
      {quorumMet ? null : (
        <button
          type="button"
          className="primary"
          onClick={sign}
          disabled={!ready || state.kind === 'signing'}
          data-testid="sign-message"
        >
          {state.kind === 'signing' ? 'Waiting for the Ledger…' : 'Sign with the Ledger'}
        </button>
      )}
      {state.kind === 'done' ? (
        <p className="muted" data-testid="message-signed">
          Signed by {state.signed.signer}, verified and stored
          {state.signed.posted ? ', posted to the Transaction Service' : ''}
          {state.signed.postFailure ? ` (not posted: ${state.signed.postFailure})` : ''}. {state.signed.signed.length}{' '}
          of {state.signed.threshold} signatures
          {state.signed.onChainValid === true
            ? '; the Safe accepts them (isValidSignature).'
            : state.signed.onChainValid === false
              ? '; the Safe REFUSES them (isValidSignature).'
              : '.'}
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="message-sign-failed">
          Not signed: {state.message}
        </p>
      ) : null}
    </div>
  );
}

function MessageCard({ message, onSigned }: { message: Message; onSigned: () => void }) {
  const worst =
    message.warnings.find((w) => w.severity === 'critical') ??
    message.warnings.find((w) => w.severity === 'high') ??
    message.warnings[0];
  const quorumMet = message.threshold !== null && message.signed.length >= message.threshold;
  return (
    <section
      className="card message"
      data-testid="message"
      data-safe-message-hash={message.safeMessageHash}
      aria-label={`Message ${message.safeMessageHash}`}
    >
      <p
        className={`verdict-head sev-box-${worst?.severity ?? 'none'}`}
        data-testid="message-verdict"
        data-severity={worst?.severity ?? 'none'}
      >
        <span className="severity-word">{worst ? worst.severity : 'no warning'}</span>
        <span className="headline">{worst ? worst.text : message.description}</span>
      </p>
      <p data-testid="message-description">
        <strong>{message.kind === 'eip712' ? 'EIP-712 typed data' : 'Text (EIP-191)'}</strong>: {message.description}
      </p>
      {message.warnings.length > 1 ? (
        <ul className="small" data-testid="message-warnings">
          {message.warnings.slice(1).map((w) => (
            <li key={w.code}>
              <span className={`badge sev-${w.severity}`}>{w.severity}</span> <code>{w.code}</code> {w.text}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small">
        Safe {message.chainId}:{message.safe} · safeMessageHash <ShortHash hash={message.safeMessageHash} />
        {message.claimedSafeMessageHash && message.claimedSafeMessageHash !== message.safeMessageHash
          ? ' (the service claimed another)'
          : ''}
      </p>
      <div className="review-hashes">
        <h3>On the Ledger (hashed EIP-712)</h3>
        <LedgerHash
          label="Domain hash"
          hash={message.domainHash}
          testId={`message-domain-${message.safeMessageHash.slice(2, 10)}`}
        />
        <LedgerHash
          label="Message hash"
          hash={message.messageHash}
          testId={`message-hash-${message.safeMessageHash.slice(2, 10)}`}
        />
      </div>
      <p data-testid="message-quorum">
        {message.signed.length} of {message.threshold ?? '?'} signatures{quorumMet ? ': the quorum is met' : ''}
        {message.signed.length > 0 ? ` (${message.signed.join(', ')})` : ''}
      </p>
      {message.refused.map((r) => (
        <p key={r.owner} className="error small">
          Refused {r.owner}: {r.reason}
        </p>
      ))}
      <SignMessage message={message} quorumMet={quorumMet} onSigned={onSigned} />
    </section>
  );
}

/** Off-chain Safe messages (EIP-191 text, EIP-712 typed data): pulled from each watched Safe's service, hashed here. */
export function MessagesView() {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'ready'; listed: Listed } | { kind: 'failed'; message: string }
  >({ kind: 'loading' });
  const load = (pull: boolean) =>
    call('messages.list', { pull })
      .then((listed) => setState({ kind: 'ready', listed }))
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The messages could not be read.') }));
  useEffect(() => void load(false), []);
  return (
    <div className="messages-view">
      <button type="button" className="primary" onClick={() => void load(true)} data-testid="pull-messages">
        Pull messages from the Transaction Service
      </button>
      {state.kind === 'failed' ? (
        <p className="error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        <>
          {state.listed.failures.map((f) => (
            <p key={f.safe} className="warning" data-testid="messages-failure">
              {f.safe}: not pulled ({f.reason}); showing what is stored.
            </p>
          ))}
          {state.listed.refused.map((r, i) => (
            <p key={i} className="error" data-testid="messages-refused">
              Refused from {r.safe}: {r.reason}
            </p>
          ))}
          {state.listed.messages.length === 0 ? <p className="empty">No Safe messages stored.</p> : null}
          {state.listed.messages.map((m) => (
            <MessageCard key={m.safeMessageHash} message={m} onSigned={() => void load(false)} />
          ))}
        </>
      ) : null}
    </div>
  );
}
