import { readFileSync, statSync } from 'node:fs';
import { GuardianError, isGuardianError } from '../../errors.js';
import type { UrText } from './assembleUrs.js';
import { isPng, readQrPicture } from './readQrPicture.js';

/** A camera still is a few megabytes; a picture far beyond that is not one a guardian took of a screen. */
export const MAX_PICTURE_BYTES = 40_000_000;

export interface CodeFile {
  name: string;
  bytes: Uint8Array;
}

/** Whether a file carries signature codes (a PNG picture, or text whose first line is a UR) rather than JSON. */
export function isSignatureCodeFile(bytes: Uint8Array): boolean {
  return isPng(bytes) || /^\s*ur:/i.test(Buffer.from(bytes.subarray(0, 64)).toString('utf8'));
}

/**
 * The UR strings in files carried back from a station: the QR code in each picture (the frames of an animated
 * code come as several pictures), or one UR per line of pasted text. Which file is which is read from its bytes,
 * not its name.
 */
export function urTextsIn(files: readonly CodeFile[]): UrText[] {
  return files.flatMap(({ name, bytes }) => {
    if (isPng(bytes)) return [{ text: readQrPicture(bytes, name), source: name }];
    if (!isSignatureCodeFile(bytes))
      throw new GuardianError(
        'INVALID_FILE',
        `${name} is neither a picture of a QR code (PNG) nor text lines of ur:eth-signature codes.`,
      );
    return Buffer.from(bytes)
      .toString('utf8')
      .split(/\r?\n/)
      .map((text, i) => ({ text: text.trim(), source: `${name} line ${i + 1}` }))
      .filter((line) => line.text.length > 0);
  });
}

/** A picture or a text file read whole under its cap, its size checked before a byte of it is read. */
export function readCodeFile(path: string): CodeFile {
  try {
    if (statSync(path).size > MAX_PICTURE_BYTES)
      throw new GuardianError(
        'INVALID_FILE',
        `${path} is larger than ${MAX_PICTURE_BYTES / 1_000_000} MB; no picture of a QR code is that large.`,
      );
    return { name: path, bytes: readFileSync(path) };
  } catch (cause) {
    if (isGuardianError(cause)) throw cause;
    throw new GuardianError('INVALID_FILE', `Cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}
