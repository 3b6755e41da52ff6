import type { SafeMessage } from '../safe/safeMessage.js';

/** Where a message came from; kept with it so a guardian can tell who claimed what. */
export type SafeMessageSource = { kind: 'service'; url: string } | { kind: 'file'; path: string };

/** Who gave us a message signature: pulled from the service, made on this machine's Ledger, or read from a file. */
export type MessageSignatureOrigin = 'service' | 'local' | 'file';

export interface MessageSignature {
  owner: string;
  /** 65 bytes, Safe encoding (v 27/28 EIP-712, 31/32 eth_sign). */
  signature: string;
  origin: MessageSignatureOrigin;
  submittedAt?: string;
}

/**
 * A SafeMessage as kept on this machine. `safeMessageHash` is always the one computed here from the content;
 * `claimedSafeMessageHash` is what the source said, and a message is only ever stored once the two agreed.
 */
export interface StoredSafeMessage extends SafeMessage {
  safeMessageHash: string;
  claimedSafeMessageHash: string | null;
  source: SafeMessageSource;
  proposedBy: string | null;
  createdAt: string | null;
  fetchedAt: string;
  signatures: MessageSignature[];
}
