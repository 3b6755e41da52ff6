import { useState } from 'react';
import type { QueueEntry, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { Address } from '../../components/Address.js';
import { ShortHash } from '../../components/ShortHash.js';
import { StepList } from '../../components/StepList.js';
import { useProgressSteps } from '../../hooks/useProgressSteps.js';

/** A block takes seconds: often enough to follow it, rarely enough to leave the main process alone. */
const PROGRESS_POLL_MS = 250;

/**
 * Once the threshold is met, any guardian can execute: a Ledger account of their choice sends the transaction and pays
 * its gas, after the main process has read the owners from the chain, checked every signature and simulated the
 * exact call once more. The device asks for its own approval; this panel shows where it stands.
 */
export function ExecutePanel({ entry, onExecuted }: { entry: QueueEntry; onExecuted?: () => void }) {
  const [account, setAccount] = useState(0);
  const [preview, setPreview] = useState<
    | { kind: 'none' }
    | { kind: 'reading' }
    | { kind: 'read'; preview: Response<'queue.executePreview'> }
    | { kind: 'failed'; message: string }
  >({ kind: 'none' });
  const readPreview = () => {
    setPreview({ kind: 'reading' });
    call('queue.executePreview', { safeTxHash: entry.safeTxHash, account })
      .then((p) => setPreview({ kind: 'read', preview: p }))
      .catch((e: unknown) => setPreview({ kind: 'failed', message: failureText(e, 'Could not read the account.') }));
  };
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'executing' }
    | { kind: 'done'; result: Response<'queue.execute'> }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const steps = useProgressSteps(
    'queue.executeProgress',
    entry.safeTxHash,
    state.kind === 'executing',
    PROGRESS_POLL_MS,
  );
  const execute = () => {
    setState({ kind: 'executing' });
    call('queue.execute', { safeTxHash: entry.safeTxHash, account })
      .then((result) => {
        setState({ kind: 'done', result });
        onExecuted?.();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'The execution failed.') }));
  };
  if (state.kind === 'executing') {
    return (
      <section className="sign card" data-testid="execute-progress" aria-live="polite">
        <StepList steps={steps} waiting="Opening the Ledger…" />
      </section>
    );
  }
  if (state.kind === 'done') {
    const { result } = state;
    return (
      <section className="sign card" data-testid="executed">
        <p className={result.success ? 'verdict ok' : 'verdict danger'}>
          {result.success ? 'Executed' : 'Mined, but the Safe reported its inner call failed'}:{' '}
          <ShortHash hash={result.transactionHash} />
        </p>
      </section>
    );
  }
  return (
    <section className="sign card" data-testid="execute-panel">
      <p>
        The threshold is met. Executing sends the transaction from one of your Ledger's accounts, which pays the gas,
        after one last simulation of the exact call. The Ledger asks for your approval.
      </p>
      <label className="account">
        Ledger Live account{' '}
        <select
          value={account}
          onChange={(e) => {
            setAccount(Number(e.target.value));
            setPreview({ kind: 'none' });
          }}
          data-testid="execute-account"
        >
          {[0, 1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n} (44'/60'/{n}'/0/0)
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="copy"
        onClick={readPreview}
        disabled={preview.kind === 'reading'}
        data-testid="execute-preview-read"
      >
        {preview.kind === 'reading'
          ? 'Asking the Ledger and the chain…'
          : 'Show the sending account, its balance and the gas'}
      </button>
      {preview.kind === 'read' ? (
        <dl className="execute-preview" data-testid="execute-preview">
          <dt>sends from</dt>
          <dd data-testid="execute-sender">
            <Address address={preview.preview.sender} /> <span className="muted">({preview.preview.path})</span>
          </dd>
          <dt>its balance</dt>
          <dd data-testid="execute-balance">{preview.preview.balanceShown}</dd>
          <dt>gas estimate</dt>
          <dd data-testid="execute-gas">
            {preview.preview.gasEstimate ?? <span className="error">{preview.preview.estimateFailure}</span>}
          </dd>
          {preview.preview.maxCostShown ? (
            <>
              <dt>costs at most</dt>
              <dd data-testid="execute-cost">{preview.preview.maxCostShown}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {preview.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="execute-preview-failure">
          {preview.message}
        </p>
      ) : null}
      <button className="primary" onClick={execute} data-testid="execute">
        Execute with the Ledger
      </button>
      {state.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="execute-failure">
          Not executed: {state.message}
        </p>
      ) : null}
    </section>
  );
}
