/**
 * Every failure a guardian can expect (a lying service, a locked device, a bad file) is a GuardianError:
 * a stable `code` for programs, a `message` a person can act on, optional `details` and the `cause`.
 * Anything else that is thrown is a bug, and the CLI and the app show it as one.
 */
export type GuardianErrorCode =
  // hashes and Safe transactions
  | 'HASH_MISMATCH'
  | 'UNSUPPORTED_SAFE_VERSION'
  | 'INVALID_SAFE_TX'
  | 'INVALID_SIGNATURE'
  | 'SIGNER_NOT_OWNER'
  | 'WRONG_SAFE'
  | 'WRONG_CHAIN'
  // inputs
  | 'INVALID_INPUT'
  | 'INVALID_FILE'
  | 'NOT_FOUND'
  // the Transaction Service and RPC
  | 'SERVICE_UNREACHABLE'
  | 'SERVICE_TIMEOUT'
  | 'SERVICE_BAD_RESPONSE'
  | 'RPC_UNREACHABLE'
  // an RPC that answered with a JSON-RPC error (the method, its code and data in details)
  | 'RPC_FAILED'
  // local store
  | 'STORE_FAILED'
  | 'STORE_READ_ONLY'
  // decoding
  | 'DECODE_FAILED'
  // simulation
  | 'SIMULATION_FAILED'
  // carried state: a proof, a block header or a second RPC disagrees with what a file or a chain claims
  | 'STATE_PROOF_INVALID'
  | 'BLOCK_MISMATCH'
  | 'ANVIL_FAILED'
  // Ledger devices
  | 'DEVICE_NOT_FOUND'
  | 'DEVICE_LOCKED'
  | 'DEVICE_APP_NOT_OPEN'
  | 'DEVICE_WRONG_APP'
  | 'DEVICE_BLIND_SIGNING_DISABLED'
  | 'DEVICE_REJECTED'
  | 'DEVICE_UNPLUGGED'
  | 'DEVICE_TIMEOUT'
  | 'DEVICE_APP_TOO_OLD'
  | 'DEVICE_FAILED'
  // signing policy
  | 'SIGNING_REFUSED';

export interface GuardianErrorOptions {
  /** Structured facts behind the message (the two hashes that differ, the field that was missing). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class GuardianError extends Error {
  override readonly name = 'GuardianError';
  readonly code: GuardianErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: GuardianErrorCode, message: string, options: GuardianErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  toJSON(): { code: GuardianErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isGuardianError(value: unknown, code?: GuardianErrorCode): value is GuardianError {
  return value instanceof GuardianError && (code === undefined || value.code === code);
}
