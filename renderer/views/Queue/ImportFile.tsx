import { useRef, useState } from 'react';
import { NonceChooser } from './NonceChooser.js';
import type { Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';

type Imported = Response<'queue.import'>;
type NonceChoice = NonNullable<Imported['nonceChoice']>;

/** What a picked file brought, in a line: by kind, with every refusal and its reason. */
function outcomeLine(name: string, result: Imported): string {
  const refused =
    result.refused.length > 0
      ? `; ${result.refused.length} refused: ${result.refused.map((r) => `#${r.position}: ${r.reason.replace(/\.$/, '')}`).join('; ')}`
      : '';
  if (result.kind === 'review-bundle') {
    const producer =
      result.producer?.status === 'owner'
        ? ` Exported by ${result.producer.signer} (an owner; its Ledger signed the bundle).`
        : ' Unsigned: who produced this bundle is unknown.';
    return `${name}: review bundle of nonce ${result.imported[0]?.nonce ?? '?'} stored, its hash, signatures, owners and pre-state checked here.${producer} Review it to sign it, with no network.`;
  }
  if (result.kind === 'signatures')
    return `${name}: ${result.signatures.length} signature(s) added${result.signatures.length > 0 ? ` (${result.signatures.join(', ')})` : ''}, each checked against this station's owners and hash${refused}.`;
  return `${name}: ${result.imported.length} transaction(s) stored, every hash computed here${refused}.`;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Stores what a file a guardian picks holds: a Transaction Builder batch, Transaction Service JSON, a review bundle
 * (air-gapped), or signatures coming back from one (a signatures file, a picture of its QR code, or UR lines). The renderer only reads the file's text; the main process
 * parses it, checks every hash and signature, and stores it.
 */
export function ImportFile({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'reading'; picture: boolean }
    | { kind: 'choosing'; name: string; text: string; choice: NonceChoice }
    | { kind: 'done'; name: string; result: Imported }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const send = (name: string, text: string, nonce?: string, encoding?: 'base64') => {
    setState({ kind: 'reading', picture: encoding === 'base64' });
    call('queue.import', { name, text, ...(encoding ? { encoding } : {}), ...(nonce === undefined ? {} : { nonce }) })
      .then((result) => {
        if (result.kind === 'needs-nonce' && result.nonceChoice)
          return setState({ kind: 'choosing', name, text, choice: result.nonceChoice });
        setState({ kind: 'done', name, result });
        onImported();
      })
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, `${name} could not be read.`) }));
  };
  const read = (file: File | undefined) => {
    if (!file) return;
    // A picture (a QR code of signatures: a screenshot, a camera's photo) crosses as its bytes in base64; the main
    // process decodes it, or names its format (HEIC, WebP) when it cannot, which its bytes read as text would lose.
    const picture = /\.(png|jpe?g|heic|heif|webp|gif)$/i.test(file.name) || file.type.startsWith('image/');
    setState({ kind: 'reading', picture });
    (picture
      ? file.arrayBuffer().then((b) => ({ text: base64(new Uint8Array(b)), encoding: 'base64' as const }))
      : file.text().then((text) => ({ text, encoding: undefined }))
    )
      .then(({ text, encoding }) => send(file.name, text, undefined, encoding))
      .catch((e: unknown) => setState({ kind: 'failed', message: failureText(e, `${file.name} could not be read.`) }))
      // The same file can be picked again (after fixing the Safe's state, say).
      .finally(() => input.current && (input.current.value = ''));
  };
  return (
    <div className="import-file">
      {/* A real button, so Tab reaches it and Enter opens the picker; the file input itself stays out of the tab order. */}
      <button
        type="button"
        className="file-button"
        onClick={() => input.current?.click()}
        disabled={state.kind === 'reading'}
        data-testid="import-button"
      >
        {state.kind === 'reading' ? 'Reading…' : 'Import a file…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        accept=".json,application/json,.png,image/png,.jpg,.jpeg,image/jpeg,.txt,text/plain"
        onChange={(e) => read(e.target.files?.[0])}
        data-testid="import-file"
      />
      {state.kind === 'reading' && state.picture ? (
        // A camera's photo takes seconds to decode (on a worker thread: the app answers meanwhile).
        <p className="muted" role="status" data-testid="import-reading">
          Reading the picture…
        </p>
      ) : null}
      {state.kind === 'choosing' ? (
        <NonceChooser
          name={state.name}
          choice={state.choice}
          onChoose={(nonce) => send(state.name, state.text, nonce)}
          onCancel={() => setState({ kind: 'idle' })}
        />
      ) : null}
      {state.kind === 'done' ? (
        <p className={state.result.refused.length > 0 ? 'warning' : 'muted'} data-testid="import-outcome">
          {outcomeLine(state.name, state.result)}
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
