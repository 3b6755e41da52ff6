import { GuardianError } from '../core/errors.js';

/**
 * node:util's parseArgs takes `--nonce -1` for a flag missing its value followed by a flag `-1`, and says the
 * argument "is ambiguous". Every number a verb takes is a uint256, so the person is told that instead.
 */
export function negativeNumberFlag(error: Error, args: readonly string[]): GuardianError | null {
  const flag = /^Option '(--[a-z0-9-]+)' argument is ambiguous/.exec(error.message)?.[1];
  if (!flag) return null;
  const value = args.find((a, i) => args[i - 1] === flag && /^-(0x[0-9a-fA-F]+|[0-9]+)$/.test(a));
  if (value === undefined) return null;
  return new GuardianError('INVALID_INPUT', `${flag} needs a non-negative integer, got ${value}.`, { cause: error });
}
