import type { QueueEntry } from '../../../electron/ipc/contract.js';

/** The signatures that count: those the main process proved (one per owner); refused and unverified ones never do. */
export const countedSignatures = (entry: QueueEntry): number =>
  entry.confirmations.filter((c) => c.status === 'valid').length;

/** Enough proven signatures to meet the threshold; the main process checks each on the chain again before executing. */
export const quorumMet = (entry: QueueEntry): boolean =>
  entry.threshold !== null && countedSignatures(entry) >= entry.threshold;
