import { useEffect, useState, type FormEvent } from 'react';
import type { QueueEntry, Response, SafeTxView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { HashPanel } from '../../components/HashPanel.js';
import { EMPTY_SAFE_TX, SafeTxForm } from './SafeTxForm.js';

type Result =
  | { kind: 'none' }
  | { kind: 'done'; hashes: Response<'tx.hashes'>; for: SafeTxView }
  | { kind: 'failed'; message: string };

/** Enter a transaction, or start from a stored one, and see the hashes the main process computes from its fields. */
export function HashesView() {
  const [tx, setTx] = useState<SafeTxView>(EMPTY_SAFE_TX);
  const [queue, setQueue] = useState<QueueEntry[]>([]);
  const [safeVersions, setSafeVersions] = useState<string[]>([EMPTY_SAFE_TX.safeVersion]);
  const [result, setResult] = useState<Result>({ kind: 'none' });

  useEffect(() => {
    call('queue.list', {}).then(setQueue, () => setQueue([]));
    call('app.info', {}).then(
      (info) => setSafeVersions(info.safeVersions),
      () => undefined,
    );
  }, []);

  const compute = (event: FormEvent) => {
    event.preventDefault();
    call('tx.hashes', { tx })
      .then((hashes) => setResult({ kind: 'done', hashes, for: tx }))
      .catch((e: unknown) => setResult({ kind: 'failed', message: failureText(e, 'Could not compute the hashes.') }));
  };
  const stale = result.kind === 'done' && JSON.stringify(result.for) !== JSON.stringify(tx);

  return (
    <div className="columns">
      <form className="card" onSubmit={compute} data-testid="hashes-form">
        <h2>Transaction fields</h2>
        {queue.length > 0 ? (
          <label className="from-queue">
            <span>Start from a stored transaction</span>
            <select
              defaultValue=""
              data-testid="from-queue"
              onChange={(e) => {
                const entry = queue.find((q) => q.safeTxHash === e.target.value);
                if (entry) setTx(entry.tx);
              }}
            >
              <option value="" disabled>
                Choose…
              </option>
              {queue.map((q) => (
                <option key={q.safeTxHash} value={q.safeTxHash}>
                  chain {q.chainId} · {q.safe.slice(0, 8)}… · nonce {q.nonce} · {q.safeTxHash.slice(0, 10)}…
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <SafeTxForm tx={tx} safeVersions={safeVersions} onChange={setTx} />
        <button type="submit" className="primary" data-testid="compute">
          Compute hashes
        </button>
      </form>
      <aside className="card detail" data-testid="hashes-result">
        <h2>What your Ledger will show</h2>
        {result.kind === 'none' ? (
          <p className="empty">Fill in every field and compute. Nothing leaves this machine.</p>
        ) : null}
        {result.kind === 'failed' ? (
          <p className="error" role="alert" data-testid="hashes-error">
            {result.message}
          </p>
        ) : null}
        {result.kind === 'done' ? (
          <>
            {stale ? (
              <p className="warning" data-testid="stale">
                The fields changed since: compute again before comparing.
              </p>
            ) : null}
            <div className={stale ? 'stale' : ''}>
              <HashPanel hashes={result.hashes} />
            </div>
            <p className="muted small">
              In hashed (blind) signing mode a Ledger shows the domain hash and the message hash. The Safe signs the
              safeTxHash, keccak256 of 0x1901 ‖ domain ‖ message.
            </p>
          </>
        ) : null}
      </aside>
    </div>
  );
}
