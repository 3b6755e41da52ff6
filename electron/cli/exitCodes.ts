import type { GuardianErrorCode } from '../core/errors.js';

/**
 * The one table of exit codes. 0 to 3 are verdicts a verb reaches; 4 and up say why a verb could not reach one,
 * by the failure's GuardianError code, so a script tells a refused signature from a typo without reading text.
 * `review` reports its worst finding in 0 to 3, so "exit 4 or more" is its "could not review".
 * The README prints this table and test/cli/exitCodes.test.ts checks that it does.
 */
export const EXIT = {
  OK: 0,
  /** A verdict of no: a hash disagrees, a transaction or signature was refused, the audit chain is broken, a drill failed. `review`: worst finding medium. */
  REFUSED: 1,
  /** `review` only: worst finding high. */
  HIGH: 2,
  /** `review` only: worst finding critical. */
  CRITICAL: 3,
  /** What a service, file or chain claims does not hold against what was computed here. */
  CHECK_FAILED: 4,
  /** The signing gate refused: unacknowledged critical finding, a review that could not run, not an owner. */
  SIGNING_REFUSED: 5,
  /** The Ledger: not found, locked, wrong app, rejected on the device. */
  DEVICE: 6,
  /** The Transaction Service or an RPC did not answer, or answered with something unusable. */
  UNREACHABLE: 7,
  /** The local simulation (anvil, the fork, the trace) could not run. */
  SIMULATION: 8,
  /** The local store could not be read or written. */
  STORE: 9,
  /** A wrong command line: unknown verb or flag, a flag value that does not parse. */
  USAGE: 64,
  /** A file that is not what it must be (not JSON, too large, a bad Safe transaction, an unknown Safe version). */
  BAD_DATA: 65,
  /** Nothing stored by that name (safeTxHash prefix, scenario, Safe). */
  NOT_FOUND: 66,
  /** A bug: anything that is not an expected failure. It prints its stack so it can be reported. */
  BUG: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Every GuardianError code has its exit code: a new code does not compile until it is placed here. */
export const EXIT_FOR_ERROR: Readonly<Record<GuardianErrorCode, ExitCode>> = {
  HASH_MISMATCH: EXIT.CHECK_FAILED,
  INVALID_SIGNATURE: EXIT.CHECK_FAILED,
  WRONG_SAFE: EXIT.CHECK_FAILED,
  WRONG_CHAIN: EXIT.CHECK_FAILED,
  STATE_PROOF_INVALID: EXIT.CHECK_FAILED,
  BLOCK_MISMATCH: EXIT.CHECK_FAILED,
  SIGNING_REFUSED: EXIT.SIGNING_REFUSED,
  SIGNER_NOT_OWNER: EXIT.SIGNING_REFUSED,
  DEVICE_NOT_FOUND: EXIT.DEVICE,
  DEVICE_LOCKED: EXIT.DEVICE,
  DEVICE_APP_NOT_OPEN: EXIT.DEVICE,
  DEVICE_WRONG_APP: EXIT.DEVICE,
  DEVICE_BLIND_SIGNING_DISABLED: EXIT.DEVICE,
  DEVICE_REJECTED: EXIT.DEVICE,
  DEVICE_UNPLUGGED: EXIT.DEVICE,
  DEVICE_TIMEOUT: EXIT.DEVICE,
  DEVICE_APP_TOO_OLD: EXIT.DEVICE,
  DEVICE_FAILED: EXIT.DEVICE,
  SERVICE_UNREACHABLE: EXIT.UNREACHABLE,
  SERVICE_TIMEOUT: EXIT.UNREACHABLE,
  SERVICE_BAD_RESPONSE: EXIT.UNREACHABLE,
  RPC_UNREACHABLE: EXIT.UNREACHABLE,
  RPC_FAILED: EXIT.UNREACHABLE,
  SIMULATION_FAILED: EXIT.SIMULATION,
  ANVIL_FAILED: EXIT.SIMULATION,
  DECODE_FAILED: EXIT.SIMULATION,
  STORE_FAILED: EXIT.STORE,
  STORE_READ_ONLY: EXIT.STORE,
  INVALID_INPUT: EXIT.USAGE,
  INVALID_FILE: EXIT.BAD_DATA,
  INVALID_SAFE_TX: EXIT.BAD_DATA,
  UNSUPPORTED_SAFE_VERSION: EXIT.BAD_DATA,
  NOT_FOUND: EXIT.NOT_FOUND,
};

const MEANING: Readonly<Record<ExitCode, string>> = {
  0: 'fine',
  1: 'a hash disagrees, a transaction or signature was refused, the audit chain is broken, a drill failed; `review`: worst finding medium',
  2: '`review`: worst finding high',
  3: '`review`: worst finding critical',
  4: 'what a service, file or chain claims does not hold here',
  5: 'the signing gate refused',
  6: 'the Ledger device',
  7: 'the Transaction Service or an RPC did not answer usefully',
  8: 'the local simulation could not run',
  9: 'the local store',
  64: 'a usage error: unknown verb or flag, a value that does not parse',
  65: 'a file or transaction that is not what it must be',
  66: 'nothing stored by that name',
  70: 'a bug (printed with its stack)',
};

/** The table as the README prints it, Markdown, generated from the two tables above. */
export function exitCodeTableMarkdown(): string {
  const rows = (Object.keys(MEANING) as unknown as string[])
    .map(Number)
    .sort((a, b) => a - b)
    .map((code) => {
      const errors = (Object.entries(EXIT_FOR_ERROR) as Array<[GuardianErrorCode, number]>)
        .filter(([, exit]) => exit === code)
        .map(([name]) => `\`${name}\``);
      return `| ${code} | ${MEANING[code as ExitCode]} | ${errors.join(', ')} |`;
    });
  return ['| exit | meaning | error codes |', '| --- | --- | --- |', ...rows].join('\n');
}
