import { useEffect, useState } from 'react';
import type { QueueEntry, WatchedSafeView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ShortHash } from '../../components/ShortHash.js';
import { ReviewView } from '../Review/ReviewView.js';
import { PullBar } from './PullBar.js';
import { countedSignatures, quorumMet } from './quorumMet.js';
import { StoredHashes } from './StoredHashes.js';

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The stored queue, grouped by watched Safe; choosing a row shows its hashes and its review beside it. */
export function QueueView() {
  const [loaded, setLoaded] = useState<{ safes: WatchedSafeView[]; items: QueueEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // By hash, read from the latest listing: a row's confirmations and review change while it stays selected.
  const [selectedHash, setSelectedHash] = useState<string | null>(null);

  const load = () =>
    Promise.all([call('safes.list', {}), call('queue.list', {})])
      .then(([safes, items]) => setLoaded({ safes, items }))
      .catch((e: unknown) => setError(failureText(e, 'The console could not load the queue.')));
  useEffect(() => void load(), []);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!loaded) return <p className="muted">Loading the stored queue…</p>;
  const selected = loaded.items.find((i) => i.safeTxHash === selectedHash) ?? null;
  return (
    <div className="columns">
      <div className="queue">
        <PullBar onPulled={() => void load()} canPull={loaded.safes.some((s) => s.serviceUrl !== null)} />
        {loaded.safes.length === 0 ? (
          <p className="empty">
            No watched Safes yet. Add one with <code>guardian safe add</code>, then pull; or, on an air-gapped station, import a review bundle.
          </p>
        ) : null}
        {loaded.safes.map((safe) => {
          const mine = loaded.items.filter((i) => i.chainId === safe.chainId && sameAddress(i.safe, safe.address));
          return (
            <section key={`${safe.chainId}:${safe.address}`} className="card safe" data-testid="safe">
              <h2>
                {safe.label ?? 'Safe'} <span className="muted address">chain {safe.chainId} · {safe.address}</span>
              </h2>
              <p className="muted small">
                {safe.version ? `Safe ${safe.version} · ${safe.threshold} of ${safe.owners?.length} owners · next nonce ${safe.nonce}` : 'Not pulled yet: pull it above, or run guardian queue'}
              </p>
              {mine.length === 0 ? (
                <p className="empty">No pending transactions.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th>Nonce</th>
                      <th>To</th>
                      <th>What</th>
                      <th>safeTxHash</th>
                      <th>Hash</th>
                      <th>Signed</th>
                      <th>Review</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((item) => (
                      <tr
                        key={item.safeTxHash}
                        data-testid="queue-row"
                        className={selected?.safeTxHash === item.safeTxHash ? 'selected' : ''}
                        onClick={() => setSelectedHash(item.safeTxHash)}
                      >
                        <td className="num">{item.nonce}</td>
                        <td>
                          <code title={item.to}>{short(item.to)}</code>
                        </td>
                        <td className="what">
                          {item.operation === 1 ? <span className="badge danger">DELEGATECALL</span> : null}
                          {item.decoding?.delegatecallToUnknown ? <span className="badge danger">to unknown code</span> : null}
                          {item.decoding === null ? <span className="badge warn">not decoded</span> : null}
                          {item.decoding && item.decoding.warnings > 0 ? <span className="badge warn" data-testid="decode-warnings">{item.decoding.warnings} warning{item.decoding.warnings > 1 ? 's' : ''}</span> : null} {item.description}
                        </td>
                        <td>
                          <ShortHash hash={item.safeTxHash} />
                        </td>
                        <td>{item.hashVerdict === 'match' ? <span className="badge ok">matches</span> : <span className="badge">computed here</span>}</td>
                        <td className={quorumMet(item) ? 'num ok' : 'num'}>
                          {countedSignatures(item)} / {item.threshold ?? '?'}
                          {item.confirmations.some((c) => c.status === 'refused') ? (
                            <span className="badge danger" data-testid="refused-signatures" title={item.confirmations.filter((c) => c.status === 'refused').map((c) => `${c.owner}: ${c.reason}`).join('\n')}>
                              {item.confirmations.filter((c) => c.status === 'refused').length} refused
                            </span>
                          ) : null}
                        </td>
                        <td data-testid="last-review">
                          {item.lastReview ? (
                            <span className={`badge sev-${item.lastReview.worst ?? 'info'}`} title={`Reviewed ${item.lastReview.at} on block ${item.lastReview.block}`}>
                              {item.lastReview.worst ?? 'no finding'}
                            </span>
                          ) : (
                            <span className="muted">not yet</span>
                          )}
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
      <aside className="card detail">
        {selected ? (
          <>
            <StoredHashes entry={selected} />
            <ReviewView key={selected.safeTxHash} entry={selected} onReviewed={() => void load()} onSigned={() => void load()} />
          </>
        ) : (
          <p className="empty">Select a transaction to see what your device will show.</p>
        )}
      </aside>
    </div>
  );
}
