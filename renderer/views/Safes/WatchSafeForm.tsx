import { useState, type FormEvent } from 'react';
import type { WatchedSafeView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * Watch a Safe from the app, as guardian safe add does: the main process validates every field and asks the RPC
 * which chain it serves before storing anything, so a review never forks another chain than the Safe's.
 */
export function WatchSafeForm({ onWatched }: { onWatched?: (safe: WatchedSafeView) => void }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'checking' }
    | { kind: 'done'; safe: WatchedSafeView }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setState({ kind: 'checking' });
    call('safes.watch', {
      chainId: field('chainId').trim(),
      address: field('address').trim(),
      serviceUrl: orNull(field('serviceUrl')),
      rpcUrl: orNull(field('rpcUrl')),
      label: orNull(field('label')),
    })
      .then((safe) => {
        setState({ kind: 'done', safe });
        onWatched?.(safe);
      })
      .catch((error: unknown) =>
        setState({ kind: 'failed', message: failureText(error, 'The Safe could not be watched.') }),
      );
  };
  return (
    <section className="card" data-testid="watch-safe">
      <h2>Watch a Safe</h2>
      <p className="muted small">
        The RPC is asked for its chain id before anything is stored: it must serve the chain named here.
      </p>
      <form className="tx-form" onSubmit={submit}>
        <label className="third">
          <span>Chain id</span>
          <input name="chainId" required inputMode="numeric" placeholder="1" data-testid="watch-chain-id" />
        </label>
        <label className="half">
          <span>Safe address</span>
          <input name="address" required placeholder="0x…" data-testid="watch-address" />
        </label>
        <label className="full">
          <span>Transaction Service URL (none on an air-gapped station)</span>
          <input
            name="serviceUrl"
            placeholder="https://safe-transaction-mainnet.safe.global/api"
            data-testid="watch-service"
          />
        </label>
        <label className="full">
          <span>RPC URL (for the simulation)</span>
          <input name="rpcUrl" placeholder="http://127.0.0.1:8545" data-testid="watch-rpc" />
        </label>
        <label className="half">
          <span>Label</span>
          <input name="label" placeholder="Protocol guardians" data-testid="watch-label" />
        </label>
        <div className="full">
          <button type="submit" className="primary" disabled={state.kind === 'checking'} data-testid="watch-submit">
            {state.kind === 'checking' ? 'Asking the RPC…' : 'Watch this Safe'}
          </button>
        </div>
      </form>
      {state.kind === 'done' ? (
        <p className="verdict ok" role="status" data-testid="watch-outcome">
          Watching {state.safe.label ?? 'Safe'} {state.safe.chainId}:{state.safe.address}. Pull it from the Queue.
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="watch-outcome">
          Not watched: {state.message}
        </p>
      ) : null}
    </section>
  );
}
