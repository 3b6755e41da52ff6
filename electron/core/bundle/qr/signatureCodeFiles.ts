import { readFileSync, statSync } from 'node:fs';
import { GuardianError, isGuardianError } from '../../errors.js';
import type { UrText } from './assembleUrs.js';
import { isReadablePicture } from './picturePixels.js';
import { readQrPicture } from './readQrPicture.js';

/** A camera still is a few megabytes; a picture far beyond that is not one a guardian took of a screen. */
export const MAX_PICTURE_BYTES = 40_000_000;

export interface CodeFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Pictures this station cannot decode, by their first bytes. An iPhone's camera saves HEIC, and a guardian who
 * photographs the station's screen would otherwise be told the picture "is not valid JSON".
 */
const OTHER_PICTURES: ReadonlyArray<{ format: string; at: number; magic: string }> = [
  { format: 'GIF', at: 0, magic: '474946383' },
  { format: 'WebP', at: 8, magic: '57454250' },
  { format: 'HEIC', at: 4, magic: '66747970686569' },
  { format: 'HEIC', at: 4, magic: '667479706d696631' },
];

/** The format of a picture that is neither PNG nor JPEG, or null when the bytes are not one of those pictures. */
export function otherPictureFormat(bytes: Uint8Array): string | null {
  const hex = Buffer.from(bytes.subarray(0, 16)).toString('hex');
  return OTHER_PICTURES.find((p) => hex.startsWith(p.magic, p.at * 2))?.format ?? null;
}

/** Whether a file carries signature codes (a picture, or text whose first line is a UR) rather than JSON. */
export function isSignatureCodeFile(bytes: Uint8Array): boolean {
  return (
    isReadablePicture(bytes) ||
    otherPictureFormat(bytes) !== null ||
    /^\s*ur:/i.test(Buffer.from(bytes.subarray(0, 64)).toString('utf8'))
  );
}

/**
 * The UR strings in files carried back from a station: the QR code in each picture (the frames of an animated
 * code come as several pictures), or one UR per line of pasted text. Which file is which is read from its bytes,
 * not its name.
 */
export function urTextsIn(files: readonly CodeFile[]): UrText[] {
  return files.flatMap(({ name, bytes }) => {
    if (isReadablePicture(bytes)) return [{ text: readQrPicture(bytes, name), source: name }];
    const format = otherPictureFormat(bytes);
    if (format)
      throw new GuardianError(
        'INVALID_FILE',
        `${name} is a ${format} picture; only PNG and JPEG pictures are read here. Save it as JPEG (a phone's "Most Compatible" camera format) or PNG (a screenshot is one) and import that.`,
      );
    if (!isSignatureCodeFile(bytes))
      throw new GuardianError(
        'INVALID_FILE',
        `${name} is neither a picture of a QR code (PNG or JPEG) nor text lines of ur:eth-signature codes.`,
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
