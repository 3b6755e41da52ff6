import type { QueueEntry } from '../../../electron/ipc/contract.js';

/** Enough signatures stored here to meet the threshold (one per owner); the main process checks each on the chain before executing. */
export const quorumMet = (entry: QueueEntry): boolean => entry.threshold !== null && entry.confirmations.length >= entry.threshold;
