import { useRef, useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

/**
 * Stores the transactions of a file a guardian picks (a Transaction Builder batch, Transaction Service JSON). The
 * renderer only reads the file's text; the main process parses it, re-hashes every transaction and stores it.
 */
export function ImportFile({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'reading' } | { kind: 'done'; name: string; result: Response<'queue.import'> } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const read = (file: File | undefined) => {
    if (!file) return;
    setState({ kind: 'reading' });
    file
      .text()
      .then((text) => call('queue.import', { name: file.name, text }))
      .then((result) => {
        setState({ kind: 'done', name: file.name, result });
        onImported();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, `${file.name} could not be read.`) }))
      // The same file can be picked again (after fixing the Safe's state, say).
      .finally(() => input.current && (input.current.value = ''));
  };
  return (
    <div className="import-file">
      <label className="file-button">
        {state.kind === 'reading' ? 'Reading…' : 'Import a file…'}
        <input ref={input} type="file" accept=".json,application/json" onChange={(e) => read(e.target.files?.[0])} data-testid="import-file" />
      </label>
      {state.kind === 'done' ? (
        <p className={state.result.refused.length > 0 ? 'warning' : 'muted'} data-testid="import-outcome">
          {state.name}: {state.result.imported.length} transaction(s) stored, every hash computed here
          {state.result.refused.length > 0 ? `; ${state.result.refused.length} refused: ${state.result.refused.map((r) => `#${r.position}: ${r.reason.replace(/\.$/, '')}`).join('; ')}` : ''}.
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="import-outcome">
          Not imported: {state.message}
        </p>
      ) : null}
    </div>
  );
}
