import { useState } from 'react';
import type { QueueEntry, Response } from '../../../electron/ipc/contract.js';
import { call, failureText } from '../../api.js';
import { SignatureQrCodes } from './SignatureQrCodes.js';

type Written =
  { kind: 'idle' } | { kind: 'writing' } | { kind: 'written'; line: string } | { kind: 'failed'; message: string };

/**
 * Files to carry between stations, written by the main process into the store's exports/ folder: online, a
 * review bundle for an air-gapped station (a new review on a fork, with the chain's proofs of what it read);
 * anywhere, the signatures held here, to carry back as a file or as QR codes the online station reads from a picture.
 */
export function CarryPanel({ entry }: { entry: QueueEntry }) {
  const [bundle, setBundle] = useState<Written>({ kind: 'idle' });
  const [signatures, setSignatures] = useState<Written>({ kind: 'idle' });
  const [codes, setCodes] = useState<
    | { kind: 'hidden' }
    | { kind: 'loading' }
    | { kind: 'shown'; codes: Response<'queue.signatureQr'> }
    | { kind: 'failed'; message: string }
  >({ kind: 'hidden' });
  const showCodes = () => {
    setCodes({ kind: 'loading' });
    call('queue.signatureQr', { safeTxHash: entry.safeTxHash })
      .then((result) => setCodes({ kind: 'shown', codes: result }))
      .catch((e: unknown) => setCodes({ kind: 'failed', message: failureText(e, 'The QR codes could not be made.') }));
  };
  const writeBundle = () => {
    setBundle({ kind: 'writing' });
    call('queue.exportBundle', { safeTxHash: entry.safeTxHash })
      .then(({ path }) =>
        setBundle({
          kind: 'written',
          line: `Review bundle written to ${path}. Carry it to the air-gapped station and import it there.`,
        }),
      )
      .catch((e: unknown) =>
        setBundle({ kind: 'failed', message: failureText(e, 'The bundle could not be written.') }),
      );
  };
  const writeSignatures = () => {
    setSignatures({ kind: 'writing' });
    call('queue.exportSignatures', { safeTxHash: entry.safeTxHash })
      .then(({ path, signatures: count }) =>
        setSignatures({
          kind: 'written',
          line: `${count} signature(s) written to ${path}. Carry the file back and import it on the online station.`,
        }),
      )
      .catch((e: unknown) =>
        setSignatures({ kind: 'failed', message: failureText(e, 'The signatures could not be written.') }),
      );
  };
  const outcome = (state: Written, testId: string) =>
    state.kind === 'written' ? (
      <p className="muted" data-testid={testId}>
        {state.line}
      </p>
    ) : state.kind === 'failed' ? (
      <p className="error" role="alert" data-testid={testId}>
        {state.message}
      </p>
    ) : null;
  return (
    <section className="sign card carry" data-testid="carry-panel">
      <button
        type="button"
        className="copy"
        onClick={writeBundle}
        disabled={bundle.kind === 'writing'}
        data-testid="write-bundle"
      >
        {bundle.kind === 'writing' ? 'Reviewing on a fork…' : 'Write a review bundle for an air-gapped station'}
      </button>
      {outcome(bundle, 'bundle-written')}
      <button
        type="button"
        className="copy"
        onClick={writeSignatures}
        disabled={signatures.kind === 'writing'}
        data-testid="write-signatures"
      >
        Write the signatures held here
      </button>
      {outcome(signatures, 'signatures-written')}
      <button
        type="button"
        className="copy"
        onClick={codes.kind === 'shown' ? () => setCodes({ kind: 'hidden' }) : showCodes}
        disabled={codes.kind === 'loading'}
        data-testid="show-signature-qr"
      >
        {codes.kind === 'shown' ? 'Hide the QR codes' : 'Show the signatures held here as QR codes'}
      </button>
      {codes.kind === 'shown' ? <SignatureQrCodes codes={codes.codes} /> : null}
      {codes.kind === 'failed' ? (
        <p className="error" role="alert" data-testid="signature-qr-failed">
          {codes.message}
        </p>
      ) : null}
    </section>
  );
}
