import type { CauseLink } from '../core/errorCauses.js';
import type { GuardianErrorCode } from '../core/errors.js';

/**
 * The allow-list: the only channels the renderer may call, and the only ones the main process registers.
 * Import-free at run time so the sandboxed preload (which may require nothing but 'electron') bundles it alone;
 * electron/ipc/contract.ts must give each one its schemas, and the compiler refuses a name without an entry.
 */
export const CHANNELS = [
  'app.info',
  'safes.list',
  'safes.damaged',
  'safes.watch',
  'queue.list',
  'queue.pull',
  'queue.import',
  'queue.exportBundle',
  'queue.exportSignatures',
  'queue.signatureQr',
  'queue.hashes',
  'queue.review',
  'queue.reviewProgress',
  'queue.retryReview',
  'queue.sign',
  'queue.signProgress',
  'queue.postAgain',
  'queue.execute',
  'queue.executePreview',
  'queue.executeProgress',
  'device.check',
  'audit.list',
  'audit.verify',
  'drill.overview',
  'drill.start',
  'drill.progress',
  'messages.list',
  'messages.sign',
  'nested.ownerSafes',
  'nested.approve',
  'nested.sign',
  'nested.postAgain',
  'tx.hashes',
  'clipboard.writeHash',
  'devices.changed',
] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/**
 * Codes a renderer can receive: a GuardianError's code, IPC_REFUSED when the gate turns a call away (unknown
 * channel, foreign page), INTERNAL for a bug (its details stay in the main process's log).
 */
export type IpcErrorCode = GuardianErrorCode | 'IPC_REFUSED' | 'INTERNAL';

/** What every call resolves to: errors cross the bridge as data, never as thrown Node objects or stacks. */
/** A failure as the renderer gets it: its code, its message, and (for a GuardianError) what caused it, link by link. */
export interface IpcError {
  code: IpcErrorCode;
  message: string;
  cause?: CauseLink[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
