import { useEffect, useRef } from 'react';

export const SHORTCUTS: readonly [string, string][] = [
  ['j or ↓', 'next transaction'],
  ['k or ↑', 'previous transaction'],
  ['Enter', 'review the focused transaction (simulate, then sign from its review)'],
  ['Space', 'choose it without reviewing: its hashes, as the Ledger shows them'],
  ['Tab', 'the controls in order: pull, import, each row, the review'],
  ['?', 'this help'],
  ['Esc', 'close this help'],
];

/** The queue's keys, opened with "?": a guardian under pressure never needs the mouse. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      className="shortcuts"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="shortcuts-card">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="shortcut-pair">
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button ref={close} type="button" className="inline" onClick={onClose} data-testid="close-shortcuts">
          Close
        </button>
      </div>
    </div>
  );
}
