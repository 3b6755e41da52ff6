import { useEffect, useState } from 'react';
import type { QueueEntry, WatchedSafeView } from '../../../electron/ipc/contract.js';
import { call, ConsoleError } from '../../api.js';

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function QueueView({ onSelect }: { onSelect: (entry: QueueEntry) => void }) {
  const [safes, setSafes] = useState<WatchedSafeView[]>([]);
  const [items, setItems] = useState<QueueEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('safes.list', {}), call('queue.list', {})])
      .then(([s, q]) => {
        setSafes(s);
        setItems(q);
      })
      .catch((e: unknown) => setError(e instanceof ConsoleError ? `${e.message} [${e.code}]` : 'The console could not load the queue.'));
  }, []);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (safes.length === 0) return <p className="empty">No watched Safes yet. Add one with <code>guardian safe add</code>.</p>;
  return (
    <div>
      {safes.map((safe) => {
        const mine = items.filter((i) => i.chainId === safe.chainId && i.safe === safe.address);
        return (
          <section key={`${safe.chainId}:${safe.address}`} className="safe" data-testid="safe">
            <h2>
              {safe.label ?? 'Safe'} <span className="muted">{safe.chainId}:{safe.address}</span>
            </h2>
            <p className="muted">
              {safe.version ? `Safe ${safe.version} · ${safe.threshold} of ${safe.owners?.length} owners · next nonce ${safe.nonce}` : 'Not pulled yet'}
            </p>
            {mine.length === 0 ? (
              <p className="empty">No pending transactions.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Nonce</th>
                    <th>To</th>
                    <th>Operation</th>
                    <th>safeTxHash</th>
                    <th>Hash</th>
                    <th>Signed</th>
                  </tr>
                </thead>
                <tbody>
                  {mine.map((item) => (
                    <tr key={item.safeTxHash} data-testid="queue-row" onClick={() => onSelect(item)}>
                      <td>{item.nonce}</td>
                      <td>
                        <code>{short(item.to)}</code>
                      </td>
                      <td>{item.operation === 1 ? <span className="badge danger">DELEGATECALL</span> : 'CALL'}</td>
                      <td>
                        <code>{item.safeTxHash.slice(0, 18)}…</code>
                      </td>
                      <td>{item.hashVerdict === 'match' ? <span className="badge ok">matches</span> : <span className="badge">computed here</span>}</td>
                      <td>
                        {item.confirmations.length} / {item.threshold ?? '?'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
