import { useState } from 'react';
import type { QueueEntry } from '../electron/ipc/contract.js';
import { HashesView } from './views/Hashes/HashesView.js';
import { QueueView } from './views/Queue/QueueView.js';
import { ReviewView } from './views/Review/ReviewView.js';

export function App() {
  const [selected, setSelected] = useState<QueueEntry | null>(null);
  return (
    <div className="app">
      <header>
        <h1>Guardian Console</h1>
        <p className="muted">Every hash on this screen was computed on this machine.</p>
      </header>
      <main className="columns">
        <div className="queue">
          <QueueView onSelect={setSelected} />
        </div>
        <aside className="detail">
          {selected ? (
            <>
              <HashesView entry={selected} />
              <ReviewView key={selected.safeTxHash} entry={selected} />
            </>
          ) : (
            <p className="empty">Select a transaction to see what your device will show.</p>
          )}
        </aside>
      </main>
    </div>
  );
}
