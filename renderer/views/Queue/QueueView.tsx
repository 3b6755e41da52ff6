import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { QueueEntry, WatchedSafeView } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { ReviewView } from '../Review/ReviewView.js';
import { PullBar } from './PullBar.js';
import { QueueRow } from './QueueRow.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { StoredHashes } from './StoredHashes.js';
import './queue.css';

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** Often enough to follow a background review's steps in its row, rarely enough to leave the main process alone. */
const BACKGROUND_POLL_MS = 250;
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The stored queue, grouped by watched Safe; choosing a row shows its hashes and its review beside it. */
export function QueueView() {
  const [loaded, setLoaded] = useState<{ safes: WatchedSafeView[]; items: QueueEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // By hash, read from the latest listing: a row's confirmations and review change while it stays selected.
  const [selectedHash, setSelectedHash] = useState<string | null>(null);
  // The row opened with Enter: its review starts at once.
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const rows = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLElement>(null);

  const load = () =>
    Promise.all([call('safes.list', {}), call('queue.list', {})])
      .then(([safes, items]) => setLoaded({ safes, items }))
      .catch((e: unknown) => setError(failureText(e, 'The console could not load the queue.')));
  useEffect(() => void load(), []);

  // While the station reviews in the background, each row follows it; the main process never pushes.
  const working =
    loaded?.items.some((i) => i.background?.state === 'queued' || i.background?.state === 'reviewing') ?? false;
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(() => void load(), BACKGROUND_POLL_MS);
    return () => clearTimeout(timer);
  }, [loaded, working]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      } else if ((e.key === 'j' || e.key === 'k') && !(document.activeElement instanceof HTMLTableRowElement)) {
        // From anywhere on the screen, j or k lands on the first row.
        rows.current?.querySelector<HTMLElement>('[data-testid=queue-row]')?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const open = (hash: string) => {
    setSelectedHash(hash);
    setReviewing(hash);
    // The review's own place, so the next key reads it (and the sign action below the verdict).
    setTimeout(() => detail.current?.focus(), 0);
  };
  const onRowKey = (hash: string) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    const all = [...(rows.current?.querySelectorAll<HTMLElement>('[data-testid=queue-row]') ?? [])];
    const at = all.indexOf(e.currentTarget);
    if (e.key === 'j' || e.key === 'ArrowDown') all[Math.min(at + 1, all.length - 1)]?.focus();
    else if (e.key === 'k' || e.key === 'ArrowUp') all[Math.max(at - 1, 0)]?.focus();
    else if (e.key === 'Enter') open(hash);
    else if (e.key === ' ') setSelectedHash(hash);
    else return;
    e.preventDefault();
  };

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!loaded) return <p className="muted">Loading the stored queue…</p>;
  const selected = loaded.items.find((i) => i.safeTxHash === selectedHash) ?? null;
  return (
    <div className="columns queue-columns">
      <div className="queue" ref={rows}>
        <PullBar onPulled={() => void load()} canPull={loaded.safes.some((s) => s.serviceUrl !== null)} />
        <p className="hint">
          <kbd>j</kbd> <kbd>k</kbd> to move, <kbd>Enter</kbd> to review, <kbd>?</kbd> for every shortcut.
        </p>
        {loaded.safes.length === 0 ? (
          <p className="empty">
            No watched Safes yet. Watch one (the Safes tab, or <code>guardian safe add</code>), then pull; or, on an
            air-gapped station, import a review bundle.
          </p>
        ) : null}
        {loaded.safes.map((safe) => {
          const mine = loaded.items.filter((i) => i.chainId === safe.chainId && sameAddress(i.safe, safe.address));
          return (
            <section key={`${safe.chainId}:${safe.address}`} className="card safe" data-testid="safe">
              <h2>
                {safe.label ?? 'Safe'}{' '}
                <span className="muted address">
                  chain {safe.chainId} · {safe.address}
                </span>
              </h2>
              <p className="muted small" data-testid="safe-state">
                {safe.version
                  ? `Safe ${safe.version} · ${safe.threshold} of ${safe.owners?.length} owners · next nonce ${safe.nonce}`
                  : 'Not pulled yet: pull it above, or run guardian queue'}
              </p>
              {mine.length === 0 ? (
                <p className="empty">No pending transactions.</p>
              ) : (
                <table aria-label={`Pending transactions of ${safe.label ?? safe.address}`}>
                  <thead>
                    <tr>
                      <th>Nonce</th>
                      <th className="col-to">To</th>
                      <th>Verdict, then what the calldata says</th>
                      <th className="col-hash">safeTxHash</th>
                      <th>Signed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((item) => (
                      <QueueRow
                        key={item.safeTxHash}
                        entry={item}
                        safe={safe}
                        selected={selected?.safeTxHash === item.safeTxHash}
                        onChoose={() => setSelectedHash(item.safeTxHash)}
                        onOpen={() => open(item.safeTxHash)}
                        onKey={onRowKey(item.safeTxHash)}
                        onRetried={() => void load()}
                      />
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          );
        })}
      </div>
      <aside
        className="card detail"
        ref={detail}
        tabIndex={-1}
        aria-label="The chosen transaction"
        data-testid="detail"
      >
        {selected ? (
          <>
            <StoredHashes entry={selected} />
            <ReviewView
              key={selected.safeTxHash}
              entry={selected}
              autoRun={reviewing === selected.safeTxHash}
              onReviewed={() => void load()}
              onSigned={() => void load()}
              onOpenReview={(hash) => void load().then(() => open(hash))}
            />
          </>
        ) : (
          <p className="empty">Select a transaction to see what your device will show.</p>
        )}
      </aside>
      {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
