import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { findOwnerPath } from '../ledger/findOwnerPath.js';
import { ledgerHashFormat } from '../ledger/ledgerHashFormat.js';
import { parseLedgerPath } from '../ledger/ledgerPaths.js';
import type { Store } from '../store/openStore.js';
import { checkMessageSignature } from './messageSignature.js';
import { messageWarnings } from './messageWarnings.js';
import { verifiedMessage, type MessageQuorum } from './messageQuorum.js';
import { safeMessageHashes, type SafeMessageHashes } from '../safe/safeMessageHash.js';

export type MessageSigningProgress =
  | { stage: 'waiting-for-device' }
  | { stage: 'checking-address'; path: string }
  /** What the device will show and the guardian must compare, as the device prints it. */
  | { stage: 'awaiting-approval'; compare: { domainHash: string; messageHash: string } }
  | { stage: 'verifying' }
  | { stage: 'signed'; signer: string };

export interface SignSafeMessageOptions {
  store: Store;
  app: LedgerEthApp;
  safeMessageHash: string;
  /** A derivation path; when absent the first `scan` Ledger Live and legacy paths are searched for an owner. */
  path?: string;
  scan?: number;
  /** Codes of critical warnings (messageWarnings) the guardian explicitly acknowledged. */
  acknowledged?: readonly string[];
  onProgress?: (progress: MessageSigningProgress) => void;
}

export interface MessageSigningResult extends SafeMessageHashes {
  signer: string;
  path: string;
  /** 65 bytes r‖s‖v, v 27/28: an EIP-712 signature over the safeMessageHash, as the Safe checks it. */
  signature: string;
  quorum: MessageQuorum;
}

/**
 * One owner signs a stored Safe message on a Ledger, in EIP-712 hashed mode: a SafeMessage is
 * EIP-712 over the Safe's domain, so the device is given the domain hash and hashStruct(SafeMessage), shows
 * both, and signs keccak(0x1901 ‖ domain ‖ message) itself. The signature must recover, over the hash computed
 * here, to the owner the device claimed to be; only then is it stored, with an audit entry, before any posting.
 */
export async function signSafeMessage(options: SignSafeMessageOptions): Promise<MessageSigningResult> {
  const { store, app } = options;
  const progress = options.onProgress ?? (() => {});
  const { message, safeInfo, quorum } = verifiedMessage(store, options.safeMessageHash);
  const hashes = safeMessageHashes(message);
  const unacknowledged = messageWarnings(message).filter(
    (w) => w.severity === 'critical' && !(options.acknowledged ?? []).includes(w.code),
  );
  if (unacknowledged.length > 0) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `Not signed: ${unacknowledged.map((w) => `${w.code}: ${w.text}`).join(' ')} Acknowledge each (--ack CODE) once you have checked it.`,
      {
        details: { unacknowledged: unacknowledged.map((w) => w.code) },
      },
    );
  }

  progress({ stage: 'waiting-for-device' });
  const info = await app.appInfo();
  if (!info.eip712Hashed)
    throw new GuardianError(
      'DEVICE_APP_TOO_OLD',
      `Ethereum app ${info.version} cannot sign EIP-712 (needs 1.5.0 or later). Update it with Ledger Live.`,
    );
  if (!info.blindSigningEnabled) {
    throw new GuardianError(
      'DEVICE_BLIND_SIGNING_DISABLED',
      'A Safe message is signed as its EIP-712 hashes, which the Ledger calls blind signing, and Blind signing is off. On the device open Ethereum > Settings > Blind signing, enable it, try again, and compare the domain hash and message hash with the console.',
    );
  }
  const path = options.path
    ? parseLedgerPath(options.path)
    : (await findOwnerPath(app, safeInfo.owners, { scan: options.scan ?? 5 })).path;
  progress({ stage: 'checking-address', path });
  const { address } = await app.getAddress(path);
  if (!safeInfo.owners.some((o) => o.toLowerCase() === address.toLowerCase())) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `This Ledger's address at ${path} is ${address}, which is not an owner of Safe ${message.safe}. Pick the account that holds an owner, or plug in an owner's Ledger.`,
      {
        details: { path, address },
      },
    );
  }
  if (quorum.signed.some((s) => s.owner.toLowerCase() === address.toLowerCase())) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `${getAddress(address)} has already signed message ${message.safeMessageHash}; post it with "guardian message post".`,
    );
  }

  progress({
    stage: 'awaiting-approval',
    compare: { domainHash: ledgerHashFormat(hashes.domainHash), messageHash: ledgerHashFormat(hashes.messageHash) },
  });
  const raw = await app.signEip712Hashed(path, hashes.domainHash, hashes.messageHash);
  progress({ stage: 'verifying' });
  let signer: string;
  try {
    signer = checkMessageSignature(hashes.safeMessageHash, raw, safeInfo.owners, address).signer;
  } catch (error) {
    // A device (or the host path to it) that signed another hash or with another key: recorded, never kept.
    store.appendAudit({
      kind: 'message-signature-refused',
      actor: address,
      details: { safeMessageHash: hashes.safeMessageHash, path, reason: (error as Error).message },
    });
    throw error;
  }
  store.transaction(() => {
    store.addMessageSignature(hashes.safeMessageHash, {
      owner: signer,
      signature: raw,
      origin: 'local',
      submittedAt: new Date().toISOString(),
    });
    store.appendAudit({
      kind: 'message-signature',
      actor: signer,
      details: {
        safeMessageHash: hashes.safeMessageHash,
        safe: `${message.chainId}:${message.safe}`,
        path,
        mode: 'hashed',
        domainHash: hashes.domainHash,
        messageHash: hashes.messageHash,
      },
    });
  });
  progress({ stage: 'signed', signer });
  return {
    ...hashes,
    signer,
    path,
    signature: raw.toLowerCase(),
    quorum: verifiedMessage(store, hashes.safeMessageHash).quorum,
  };
}
