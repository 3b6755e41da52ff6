import { useEffect, useState } from 'react';
import type { Response } from '../electron/ipc/contract.js';
import { call } from './api.js';
import { AuditView } from './views/Audit/AuditView.js';
import { HashesView } from './views/Hashes/HashesView.js';
import { MessagesView } from './views/Messages/MessagesView.js';
import { QueueView } from './views/Queue/QueueView.js';
import { DrillView } from './views/Drill/DrillView.js';
import { SafesView } from './views/Safes/SafesView.js';

const VIEWS = {
  queue: 'Queue',
  messages: 'Messages',
  hashes: 'Hashes',
  safes: 'Safes',
  audit: 'Audit log',
  drill: 'Drill',
} as const;
type View = keyof typeof VIEWS;

export function App() {
  const [view, setView] = useState<View>('queue');
  const [info, setInfo] = useState<Response<'app.info'> | null>(null);
  useEffect(() => {
    call('app.info', {}).then(setInfo, () => setInfo(null));
  }, []);
  return (
    <div className="app">
      <header>
        <div>
          <h1>Guardian Console</h1>
          <p className="muted">Every hash on this screen was computed on this machine.</p>
        </div>
        <nav>
          {(Object.keys(VIEWS) as View[]).map((v) => (
            <button
              key={v}
              type="button"
              className={v === view ? 'tab active' : 'tab'}
              aria-current={v === view ? 'page' : undefined}
              onClick={() => setView(v)}
              data-testid={`tab-${v}`}
            >
              {VIEWS[v]}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {view === 'queue' ? (
          <QueueView />
        ) : view === 'messages' ? (
          <MessagesView />
        ) : view === 'hashes' ? (
          <HashesView />
        ) : view === 'safes' ? (
          <SafesView />
        ) : view === 'audit' ? (
          <AuditView />
        ) : (
          <DrillView />
        )}
      </main>
      {info ? (
        <footer className="muted small" data-testid="app-info">
          Guardian Console {info.version} · store in <code>{info.dataDir}</code>
        </footer>
      ) : null}
    </div>
  );
}
