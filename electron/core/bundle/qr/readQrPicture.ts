import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { GuardianError } from '../../errors.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_MAGIC);

/** The text of the QR code in a PNG picture (a screenshot or a camera still). */
export function readQrPicture(bytes: Uint8Array, name: string): string {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `${name} is not a readable PNG picture.`, { cause });
  }
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  if (!code || code.data.length === 0)
    throw new GuardianError(
      'INVALID_FILE',
      `${name} shows no QR code that can be read: take the picture again, square on and in focus.`,
    );
  return code.data;
}
