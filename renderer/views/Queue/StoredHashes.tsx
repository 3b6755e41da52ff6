import { useEffect, useState } from 'react';
import type { QueueEntry, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { HashPanel } from '../../components/HashPanel.js';

/** What the guardian compares with the device: recomputed by the main process from the stored fields. */
export function StoredHashes({ entry }: { entry: QueueEntry }) {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'done'; hashes: Response<'queue.hashes'> } | { kind: 'failed'; message: string }
  >({ kind: 'loading' });
  useEffect(() => {
    setState({ kind: 'loading' });
    call('queue.hashes', { safeTxHash: entry.safeTxHash })
      .then((hashes) => setState({ kind: 'done', hashes }))
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, 'Could not compute the hashes.') }));
  }, [entry.safeTxHash]);
  if (state.kind === 'failed')
    return (
      <p className="error" role="alert">
        {state.message}
      </p>
    );
  if (state.kind === 'loading') return <p className="muted">Computing…</p>;
  const agrees = state.hashes.safeTxHash === state.hashes.storedSafeTxHash;
  return (
    <section className="hashes" data-testid="hashes">
      <h2>Nonce {entry.nonce}: compare with your Ledger</h2>
      <p className="muted small">{entry.description}</p>
      <HashPanel hashes={state.hashes} />
      <p className={agrees ? 'verdict ok' : 'verdict danger'} data-testid="verdict">
        {agrees
          ? 'Recomputed on this machine from the transaction fields.'
          : 'MISMATCH: the stored hash is not the one these fields give. Do not sign.'}
      </p>
    </section>
  );
}
