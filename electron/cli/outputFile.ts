import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GuardianError } from '../core/errors.js';

export interface OutputFileRules {
  /** False where an earlier file must never be lost (a bundle, an export): an existing one is refused. */
  replace: boolean;
}

function refuse(flag: string, path: string, why: string, cause?: unknown): never {
  throw new GuardianError('INVALID_INPUT', `${flag} ${path}: ${why}`, {
    details: { where: path },
    ...(cause !== undefined ? { cause } : {}),
  });
}

/**
 * A file a guardian asked a verb to write (--out, --carry, --qr), checked before the work that fills it: a
 * mistyped folder then costs no fork, no review and no Ledger approval, and says what is wrong with the path.
 */
export function checkOutputPath(path: string, flag: string, rules: OutputFileRules): void {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) refuse(flag, path, 'is a folder; name a file inside it.');
  if (existing && !rules.replace) refuse(flag, path, 'already exists, and is never written over; choose a new name.');
  const folder = dirname(resolve(path));
  const parent = statSync(folder, { throwIfNoEntry: false });
  if (!parent?.isDirectory()) refuse(flag, path, `the folder ${folder} does not exist.`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (cause) {
    refuse(flag, path, `this user may not write in ${folder}.`, cause);
  }
}

/** Writes it; a failure checkOutputPath could not foresee (a full disk) is still named, never a stack. */
export function writeOutputFile(path: string, flag: string, data: string | Uint8Array, rules: OutputFileRules): void {
  checkOutputPath(path, flag, rules);
  try {
    writeFileSync(path, data, { flag: rules.replace ? 'w' : 'wx' });
  } catch (cause) {
    refuse(flag, path, `could not be written: ${cause instanceof Error ? cause.message : String(cause)}.`, cause);
  }
}
