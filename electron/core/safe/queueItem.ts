import type { Confirmation } from './confirmation.js';
import type { SafeTx } from './safeTx.js';

/** Where a queued transaction came from; kept with it so a guardian can tell who claimed what. */
export type QueueSource =
  | { kind: 'service'; url: string }
  | { kind: 'tx-builder-file'; path: string }
  | { kind: 'service-file'; path: string }
  | { kind: 'bundle'; path: string }
  /** Built here: an owner Safe's approveHash of another Safe's transaction (electron/core/nested). */
  | { kind: 'nested'; outerSafeTxHash: string };

/**
 * One queued Safe transaction. `safeTxHash` is always the one this machine computed from `safeTx`;
 * `claimedSafeTxHash` is what the source said. An item is only ever stored once the two agreed.
 */
export interface QueueItem {
  safeTx: SafeTx;
  safeTxHash: string;
  claimedSafeTxHash: string | null;
  source: QueueSource;
  confirmations: Confirmation[];
  proposer?: string;
  submittedAt?: string;
  /** ISO-8601 time this machine pulled or read it. */
  fetchedAt: string;
}
