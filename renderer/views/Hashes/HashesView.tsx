import { useEffect, useState } from 'react';
import type { QueueEntry, Response } from '../../../electron/ipc/contract.js';
import { call, ConsoleError } from '../../api.js';
import { HashLine } from '../../components/HashLine.js';

/** What the guardian compares with the device: recomputed by the main process from the stored fields. */
export function HashesView({ entry }: { entry: QueueEntry }) {
  const [hashes, setHashes] = useState<Response<'queue.hashes'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setHashes(null);
    call('queue.hashes', { safeTxHash: entry.safeTxHash })
      .then(setHashes)
      .catch((e: unknown) => setError(e instanceof ConsoleError ? e.message : 'Could not compute the hashes.'));
  }, [entry.safeTxHash]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!hashes) return <p className="muted">Computing…</p>;
  const agrees = hashes.safeTxHash === hashes.storedSafeTxHash;
  return (
    <section className="hashes" data-testid="hashes">
      <h2>
        Nonce {entry.nonce}: compare with your Ledger
      </h2>
      <HashLine label="Domain hash" hash={hashes.domainHash} />
      <HashLine label="Message hash" hash={hashes.messageHash} />
      <HashLine label="safeTxHash" hash={hashes.safeTxHash} ledger={false} />
      <p className={agrees ? 'verdict ok' : 'verdict danger'} data-testid="verdict">
        {agrees ? 'Recomputed on this machine from the transaction fields.' : 'MISMATCH: do not sign.'}
      </p>
    </section>
  );
}
