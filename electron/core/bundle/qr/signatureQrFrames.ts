import { UREncoder, type UR } from '@ngraveio/bc-ur';
import QRCode from 'qrcode';

/**
 * Bytes of CBOR one QR frame carries. An ECDSA signature's UR (about 100 bytes) fits one frame; a contract
 * signature with a long dynamic part animates. Kept well below QR's capacity so a phone or webcam reads it from a
 * screen at arm's length.
 */
export const DEFAULT_PART_BYTES = 250;

/** The strings, one per QR frame, that show these URs: a UR that fits is one frame, a longer one its fountain parts. */
export function signatureQrTexts(urs: readonly UR[], partBytes = DEFAULT_PART_BYTES): string[][] {
  return urs.map((ur) => {
    const encoder = new UREncoder(ur, partBytes);
    if (encoder.fragmentsLength === 1) return [UREncoder.encodeSinglePart(ur).toUpperCase()];
    // The first seqLength parts are the message's own fragments, so one pass through them is enough; a reader
    // that missed one keeps watching as the cycle repeats.
    return Array.from({ length: encoder.fragmentsLength }, () => encoder.nextPart().toUpperCase());
  });
}

// Uppercase: QR's alphanumeric mode holds it in fewer modules, as the BC-UR spec recommends.
const qrOptions = { errorCorrectionLevel: 'L', margin: 4, scale: 6 } as const;

/** One PNG per frame. */
export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...qrOptions, type: 'png' });
}

/** One SVG document per frame, for the app to show without a canvas. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...qrOptions, type: 'svg' });
}
