import { useState } from 'react';
import { ledgerHashFormat } from '../../electron/ipc/rendererFormatting.js';
import { call, failureText } from '../api.js';

/**
 * One hash exactly as the Ledger prints it in hashed signing mode ("0x" and upper-case hex). The groups of four
 * are drawn by spacing, not by characters, so what is selected or copied is the device's string itself.
 */
export function LedgerHash({ label, hash, testId }: { label: string; hash: string; testId: string }) {
  const shown = ledgerHashFormat(hash);
  const [copy, setCopy] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const copyHash = () =>
    call('clipboard.writeHash', { text: shown })
      .then(() => setCopy({ kind: 'copied' }))
      .catch((e: unknown) => setCopy({ kind: 'failed', message: failureText(e, 'Could not copy.') }));
  return (
    <div className="hash-line">
      <div className="hash-head">
        <span className="hash-label">{label}</span>
        <button
          type="button"
          className="copy"
          onClick={copyHash}
          data-testid={`copy-${testId}`}
          aria-label={`Copy ${label}`}
        >
          {copy.kind === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <code className="hash" data-testid={`hash-${testId}`} title={shown}>
        <span className="hash-prefix">0x</span>
        {shown
          .slice(2)
          .match(/.{1,4}/g)
          ?.map((group, i) => (
            <span key={i} className="hash-group">
              {group}
            </span>
          ))}
      </code>
      {copy.kind === 'failed' ? (
        <p className="error" role="alert">
          {copy.message}
        </p>
      ) : null}
    </div>
  );
}
