import { useEffect, useState } from 'react';
import type { Response } from '../../../electron/ipc/contract.js';

type Codes = Response<'queue.signatureQr'>;

/** How long each frame of an animated code stays up: slow enough for a webcam, fast enough to loop in seconds. */
const FRAME_MS = 400;

/** One signature's code: its frames in turn (an animated code loops until the reader has them all), and its UR line. */
function SignatureQr({ signature }: { signature: Codes['signatures'][number] }) {
  const [frame, setFrame] = useState(0);
  const count = signature.frames.length;
  useEffect(() => {
    if (count < 2) return;
    const timer = setInterval(() => setFrame((f) => (f + 1) % count), FRAME_MS);
    return () => clearInterval(timer);
  }, [count]);
  const svg = signature.frames[frame % count] ?? '';
  return (
    <figure className="signature-qr" data-testid="signature-qr">
      {/* An <img> of the SVG, never inserted markup: the image cannot run anything, whatever it holds. */}
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        alt={`eth-signature QR code of ${signature.owner}'s signature`}
        width={280}
        height={280}
      />
      <figcaption className="muted">
        {signature.owner}
        {count > 1 ? ` · animated, frame ${(frame % count) + 1} of ${count}` : ''}
      </figcaption>
      <code className="ur-line" data-testid="signature-ur-line">
        {signature.line}
      </code>
    </figure>
  );
}

/** The signatures held here as eth-signature QR codes, for the online station's camera, or as lines to paste. */
export function SignatureQrCodes({ codes }: { codes: Codes }) {
  if (codes.signatures.length === 0) return <p className="muted">No signature is held here for this transaction.</p>;
  return (
    <div className="signature-qrs" data-testid="signature-qrs">
      {codes.signatures.map((s) => (
        <SignatureQr key={s.owner} signature={s} />
      ))}
    </div>
  );
}
