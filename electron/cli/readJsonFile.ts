import { readFileSync, statSync } from 'node:fs';
import { GuardianError } from '../core/errors.js';
import { MAX_QUEUE_FILE_BYTES } from '../core/queue/queueFileLimits.js';

/** A bundle or signatures file, read whole (they are small) and parsed, or refused naming the file. */
export function readJsonFile(path: string): unknown {
  try {
    if (statSync(path).size > MAX_QUEUE_FILE_BYTES) throw new GuardianError('INVALID_FILE', `${path} is larger than ${MAX_QUEUE_FILE_BYTES / 1e6} MB; that is no bundle.`);
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError('INVALID_FILE', `Cannot read ${path} as JSON: ${(cause as Error).message}`, { cause });
  }
}
