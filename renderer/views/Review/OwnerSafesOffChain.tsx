import { useState, type ReactNode } from 'react';
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
import { StepList } from '../../components/StepList.js';
import { useProgressSteps } from '../../hooks/useProgressSteps.js';

type OffChain = NonNullable<Response<'nested.ownerSafes'>['ownerSafes'][number]['offChain']>;
type Signed = Response<'nested.sign'>;
type Posts = Response<'nested.postAgain'>;

/** Often enough to show the hashes the moment the device asks, as the sign panel polls. */
const PROGRESS_POLL_MS = 150;

/**
 * An owner Safe's off-chain (EIP-1271) signature of the reviewed transaction: one of its owners signs, on the
 * Ledger, the owner Safe's SafeMessage over it. Two hashes are in play and the device shows neither as the outer
 * safeTxHash: it signs the inner SafeMessage hash (shown as its domain and message hashes), which stands for the
 * outer one. At the owner Safe's threshold its contract signature is built and counts once the outer Safe's check
 * (the owner Safe's isValidSignature) accepts it. `children` is the on-chain approval, offered beside it.
 */
export function OwnerSafesOffChain({
  outerSafeTxHash,
  ownerSafe,
  name,
  offChain,
  criticals,
  disabled,
  onSigned,
  children,
}: {
  outerSafeTxHash: string;
  ownerSafe: string;
  name: string;
  offChain: OffChain;
  /** The outer review's critical findings: the signing gate refuses until each is acknowledged. */
  criticals: ReadonlyArray<{ code: string; title: string }>;
  disabled: boolean;
  onSigned?: () => void;
  children?: ReactNode;
}) {
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'signing' } | { kind: 'signed'; signed: Signed } | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const [accountDraft, setAccountDraft] = useState<LedgerAccountDraft>(DEFAULT_LEDGER_ACCOUNT);
  const { account } = ledgerAccountOf(accountDraft);
  const steps = useProgressSteps('queue.signProgress', outerSafeTxHash, state.kind === 'signing', PROGRESS_POLL_MS);
  const sign = () => {
    if (!account) return;
    setState({ kind: 'signing' });
    call('nested.sign', { outerSafeTxHash, ownerSafe, acknowledged: [...acknowledged], account })
      .then((signed) => {
        setState({ kind: 'signed', signed });
        onSigned?.();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The signing failed.') }));
  };
  if (state.kind === 'signing') {
    const latest = steps.at(-1);
    const compare = latest?.stage === 'awaiting-approval' ? latest.compare : null;
    return (
      <div className="sign" data-testid="offchain-progress" aria-live="polite">
        <StepList steps={steps} waiting="Opening the Ledger…" />
        {compare ? (
          <div className="compare" data-testid="offchain-compare">
            {compare.domainHash ? (
              <LedgerHash label="Domain hash (the owner Safe's)" hash={compare.domainHash} testId="offchain-domain" />
            ) : null}
            {compare.messageHash ? (
              <LedgerHash label="Message hash (its SafeMessage)" hash={compare.messageHash} testId="offchain-message" />
            ) : null}
          </div>
        ) : null}
      </div>
    );
  }
  if (state.kind === 'signed') return <OffChainSigned name={name} signed={state.signed} ownerSafe={ownerSafe} />;
  const full = offChain.signed.length >= offChain.threshold;
  return (
    <div className="owner-safe-offchain" data-testid="owner-safe-offchain">
      <p className="small" data-testid="offchain-count">
        {offChain.signed.length} of {offChain.threshold} of its owners signed off-chain
        {offChain.contractSignatureStored ? `: its contract signature is stored as ${name}'s confirmation` : ''}
      </p>
      {full ? null : (
        <>
          <CriticalAcknowledgement
            criticals={criticals}
            acknowledged={acknowledged}
            onChange={setAcknowledged}
            legend={`Critical findings: tick each one you have read and still sign for ${name}`}
            testId="offchain-acknowledge"
          />
          <LedgerAccountChoice draft={accountDraft} onChange={setAccountDraft} testId="offchain-account" />
        </>
      )}
      <div className="sign-actions">
        {children}
        {full ? null : (
          <button
            type="button"
            onClick={sign}
            disabled={disabled || !account || !acknowledgesAll(criticals, acknowledged)}
            data-testid="sign-as-owner-safe"
          >
            Sign as {name} (off-chain)
          </button>
        )}
      </div>
      {state.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="offchain-failure">
          Not signed: {state.message}
        </p>
      ) : null}
      <LedgerHash
        label="Inner SafeMessage hash: your Ledger signs this one"
        hash={offChain.innerSafeMessageHash}
        testId="offchain-inner"
      />
      <LedgerHash
        label="Outer safeTxHash it stands for: not signed on the device"
        hash={outerSafeTxHash}
        testId="offchain-outer"
      />
    </div>
  );
}

/** What one owner's signature gave: the inner count, the contract signature and the outer Safe's verdict, the posts. */
function OffChainSigned({ name, signed, ownerSafe }: { name: string; signed: Signed; ownerSafe: string }) {
  const [posts, setPosts] = useState<Posts>({ posts: signed.posts, held: signed.held });
  const [posting, setPosting] = useState<{ kind: 'idle' } | { kind: 'posting' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const { offChain, outerConfirmation, outerQuorum } = signed;
  const unposted = posts.posts.some((p) => !p.posted);
  const postAgain = () => {
    setPosting({ kind: 'posting' });
    call('nested.postAgain', { outerSafeTxHash: signed.outerSafeTxHash, ownerSafe })
      .then((now) => {
        setPosts(now);
        setPosting({ kind: 'idle' });
      })
      .catch((e: unknown) => setPosting({ kind: 'failed', message: failureText(e, 'Posting again failed.') }));
  };
  return (
    <div className="owner-safe-offchain" data-testid="offchain-signed">
      <p className="verdict ok">
        Signed by <code>{signed.signer}</code> ({signed.path}) for {name}: verified and stored on this machine.
      </p>
      <LedgerHash
        label="Your Ledger signed: the inner SafeMessage hash"
        hash={signed.deviceSigned}
        testId="offchain-signed-inner"
      />
      <p className="small" data-testid="offchain-signed-count">
        {offChain.signed.length} of {offChain.threshold} of its owners signed off-chain
      </p>
      {signed.contractSignature === null ? (
        <p className="small muted">
          {offChain.threshold - offChain.signed.length} more of its owners sign before {name}&apos;s contract signature
          can be built.
        </p>
      ) : (
        <p className="small" data-testid="offchain-outer-verdict">
          {outerConfirmation?.status === 'valid' ? (
            <>
              <span className="badge ok">Counted</span> The outer Safe accepts {name}&apos;s contract signature (the
              owner Safe&apos;s isValidSignature).
            </>
          ) : outerConfirmation ? (
            <>
              <span className="badge warn">Not counted ({outerConfirmation.status})</span>{' '}
              {outerConfirmation.reason ?? ''}
            </>
          ) : (
            <>
              <span className="badge">Not judged</span> {signed.outerFailure ?? 'The owner Safe could not be asked.'}
            </>
          )}
          {outerQuorum ? (
            <span data-testid="offchain-outer-quorum">
              {' '}
              {outerQuorum.signed.length} of {outerQuorum.threshold} signatures{outerQuorum.met ? ': quorum met.' : '.'}
            </span>
          ) : null}
        </p>
      )}
      <ul className="small" data-testid="offchain-posts">
        {posts.posts.map((p) => (
          <li key={`${p.what}:${p.owner}`} className={p.posted ? undefined : 'error'}>
            {p.what === 'inner-message'
              ? `${p.owner}'s signature of ${name}'s message`
              : `${name}'s contract signature`}
            : {p.posted ? 'posted to the Transaction Service' : `not posted: ${p.failure ?? ''}`}
          </li>
        ))}
        {posts.held.map((h) => (
          <li key={`held:${h.owner}`} className="muted">
            {h.owner}: kept here. {h.reason}
          </li>
        ))}
      </ul>
      {unposted ? (
        <button
          type="button"
          onClick={postAgain}
          disabled={posting.kind === 'posting'}
          data-testid="offchain-post-again"
        >
          {posting.kind === 'posting' ? 'Posting…' : 'Post again (no new signature)'}
        </button>
      ) : null}
      {posting.kind === 'failed' ? <p className="error">{posting.message}</p> : null}
    </div>
  );
}
