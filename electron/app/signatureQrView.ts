import { signatureQrTexts, qrSvg } from '../core/bundle/qr/signatureQrFrames.js';
import { stationSignatureUrs } from '../core/bundle/qr/stationSignatureUrs.js';
import type { Store } from '../core/store/openStore.js';
import type { Response } from '../ipc/contract.js';

/** The signatures held here for one transaction as the Carry panel shows them: QR frames per signature, and its UR line. */
export async function signatureQrView(store: Store, safeTxHash: string): Promise<Response<'queue.signatureQr'>> {
  const codes = await stationSignatureUrs(store, safeTxHash);
  const frames = signatureQrTexts(codes.signatures.map((s) => s.ur));
  return {
    safeTxHash: codes.safeTxHash.toLowerCase(),
    signatures: await Promise.all(
      codes.signatures.map(async (s, i) => ({
        owner: s.owner,
        frames: await Promise.all(frames[i]!.map(qrSvg)),
        line: s.text,
      })),
    ),
  };
}
