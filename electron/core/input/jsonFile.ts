import { readFileSync, statSync } from 'node:fs';
import { GuardianError, isGuardianError } from '../errors.js';
import { MAX_JSON_BYTES } from './jsonLimits.js';
import { megabytes, parseJsonText } from './jsonText.js';

/** A JSON file read whole under the same caps; its size is checked before a byte of it is read. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    if (statSync(path).size > MAX_JSON_BYTES) {
      throw new GuardianError(
        'INVALID_FILE',
        `${path} is larger than ${megabytes(MAX_JSON_BYTES)}; no file this console reads is that large.`,
        { details: { where: path, limit: MAX_JSON_BYTES } },
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (isGuardianError(cause)) throw cause;
    throw new GuardianError('INVALID_FILE', `Cannot read ${path}: ${(cause as Error).message}`, {
      cause,
      details: { where: path },
    });
  }
  return parseJsonText(text, path);
}
