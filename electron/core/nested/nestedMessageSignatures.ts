import { getAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import { checkMessageSignature } from '../message/messageSignature.js';
import { compareAddresses } from '../safe/safeSignature.js';
import type { Store } from '../store/openStore.js';
import type { NestedSigningContext } from './nestedSigningContext.js';

/** The audit kind that keeps an owner Safe's owners' signatures of the outer transaction's SafeMessage. */
export const NESTED_SIGNATURE_KIND = 'nested-message-signature';

export interface NestedMessageSignature {
  owner: string;
  /** 65 bytes r‖s‖v over the inner SafeMessage hash. */
  signature: string;
}

export interface NestedSignatureTally {
  /** Proven signatures by owners of the inner Safe, one per owner, ascending by owner. */
  signed: NestedMessageSignature[];
  /** Kept entries that do not prove what they claim (edited, another key, another hash): never counted. */
  refused: Array<{ owner: string; reason: string }>;
  threshold: number;
  met: boolean;
}

/**
 * Keeps one inner owner's signature of the SafeMessage, after proving it recovers to that owner over the hash
 * computed here. It is kept in the hash-chained audit log, keyed by the outer safeTxHash: it only ever grows,
 * and every read proves each entry again, so an entry edited on disk is refused, not counted.
 */
export function keepNestedSignature(store: Store, context: NestedSigningContext, s: NestedMessageSignature): void {
  const { hashes, inner } = context;
  try {
    checkMessageSignature(hashes.innerSafeMessageHash, s.signature, inner.owners, s.owner);
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    store.appendAudit({
      kind: `${NESTED_SIGNATURE_KIND}-refused`,
      safeTxHash: hashes.outerSafeTxHash,
      actor: s.owner,
      details: { innerSafe: inner.address, innerSafeMessageHash: hashes.innerSafeMessageHash, reason: error.message },
    });
    throw error;
  }
  store.appendAudit({
    kind: NESTED_SIGNATURE_KIND,
    safeTxHash: hashes.outerSafeTxHash,
    actor: getAddress(s.owner.toLowerCase()),
    details: {
      innerSafe: getAddress(inner.address.toLowerCase()),
      innerSafeMessageHash: hashes.innerSafeMessageHash,
      owner: getAddress(s.owner.toLowerCase()),
      signature: s.signature.toLowerCase(),
    },
  });
}

/** The inner owners' kept signatures, each proven again against the hash and owners as they are now. */
export function nestedSignatureTally(store: Store, context: NestedSigningContext): NestedSignatureTally {
  const { hashes, inner } = context;
  const signed = new Map<string, NestedMessageSignature>();
  const refused: NestedSignatureTally['refused'] = [];
  for (const entry of store.listAudit({ safeTxHash: hashes.outerSafeTxHash, kind: NESTED_SIGNATURE_KIND })) {
    const d = entry.details ?? {};
    if (String(d['innerSafe']).toLowerCase() !== inner.address.toLowerCase()) continue;
    const owner = String(d['owner']);
    try {
      const { signer } = checkMessageSignature(
        hashes.innerSafeMessageHash,
        String(d['signature']),
        inner.owners,
        owner,
      );
      if (!signed.has(signer.toLowerCase()))
        signed.set(signer.toLowerCase(), { owner: signer, signature: String(d['signature']) });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      refused.push({ owner, reason: error.message });
    }
  }
  const sorted = [...signed.values()].sort((a, b) => compareAddresses(a.owner, b.owner));
  return { signed: sorted, refused, threshold: inner.threshold, met: sorted.length >= inner.threshold };
}

/** Refuses a second signature by one owner: the inner Safe counts each owner once. */
export function assertNotSigned(tally: NestedSignatureTally, owner: string, innerSafeMessageHash: string): void {
  if (tally.signed.some((s) => compareAddresses(s.owner, owner) === 0))
    throw new GuardianError(
      'SIGNING_REFUSED',
      `${getAddress(owner.toLowerCase())} has already signed the owner Safe's message ${innerSafeMessageHash}.`,
    );
}
