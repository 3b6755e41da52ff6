import { getAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import { normaliseSafeVersion } from '../safe/safeVersions.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import type { Store } from '../store/openStore.js';
import { checkMessageSignature } from './messageSignature.js';
import type { MessageSignature, StoredSafeMessage } from '../store/storedSafeMessage.js';

export interface MessageQuorum {
  threshold: number;
  /** Owners whose signature is proven over the safeMessageHash computed here: the only ones counted. */
  signed: MessageSignature[];
  missing: string[];
  /** Proven wrong (another key, another message, not an owner, a row edited on disk): never counted or posted. */
  refused: Array<{ owner: string; reason: string }>;
  met: boolean;
}

export interface VerifiedMessage {
  message: StoredSafeMessage;
  safeInfo: SafeInfo;
  quorum: MessageQuorum;
}

/** The stored Safe state a message is judged against; refused when missing or when the Safe's version moved on. */
export function messageSafeInfo(store: Store, message: StoredSafeMessage): SafeInfo {
  const info = store.getSafeInfo(message.chainId, message.safe);
  if (!info)
    throw new GuardianError(
      'SIGNING_REFUSED',
      `The owners of Safe ${message.safe} are not known here: pull it first (guardian message list).`,
    );
  // The hash depends on the version's domain: a Safe upgraded since would check another hash than the one stored.
  if (normaliseSafeVersion(info.version) !== normaliseSafeVersion(message.safeVersion)) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `Message ${message.safeMessageHash} was hashed for Safe ${message.safeVersion}, but the Safe now runs ${info.version}. Pull its messages again.`,
      {
        details: { stored: message.safeVersion, current: info.version },
      },
    );
  }
  return info;
}

/** A stored message with every signature verified again as it is read, and who is still missing. */
export function verifiedMessage(store: Store, hashOrPrefix: string): VerifiedMessage {
  const message = store.getSafeMessage(hashOrPrefix);
  const safeInfo = messageSafeInfo(store, message);
  const signed: MessageSignature[] = [];
  const refused: MessageQuorum['refused'] = [];
  for (const s of message.signatures) {
    try {
      checkMessageSignature(message.safeMessageHash, s.signature, safeInfo.owners, s.owner);
      signed.push(s);
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      refused.push({ owner: s.owner, reason: error.message });
    }
  }
  const missing = safeInfo.owners
    .map((o) => getAddress(o))
    .filter((o) => !signed.some((s) => s.owner.toLowerCase() === o.toLowerCase()));
  return {
    message,
    safeInfo,
    quorum: { threshold: safeInfo.threshold, signed, missing, refused, met: signed.length >= safeInfo.threshold },
  };
}
