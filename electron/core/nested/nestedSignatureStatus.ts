import { isGuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import type { NestedMessageHashes } from './nestedMessageHashes.js';
import { nestedSignatureTally, type NestedSignatureTally } from './nestedMessageSignatures.js';
import { nestedSigningContext } from './nestedSigningContext.js';

export type NestedSignatureStatus =
  | {
      available: true;
      hashes: NestedMessageHashes;
      tally: NestedSignatureTally;
      /** The outer transaction holds a contract signature from this owner Safe (judged as every confirmation is). */
      contractSignatureStored: boolean;
    }
  | { available: false; reason: string };

/**
 * Where an owner Safe's off-chain (EIP-1271) signature of an outer transaction stands, before anyone signs: the
 * hashes its owners' devices would sign and the outer one they stand for, and the inner signatures kept so far.
 * Unavailable, with the reason for a person, when this station cannot build it (the owner Safe not pulled, or
 * older than 1.3.0): the screen then offers only the on-chain approval.
 */
export function nestedSignatureStatus(store: Store, outerSafeTxHash: string, innerSafe: string): NestedSignatureStatus {
  try {
    const context = nestedSigningContext(store, { outerSafeTxHash, innerSafe });
    const owner = context.inner.address.toLowerCase();
    return {
      available: true,
      hashes: context.hashes,
      tally: nestedSignatureTally(store, context),
      contractSignatureStored: context.outer.confirmations.some(
        (c) => c.owner.toLowerCase() === owner && c.signatureType === 'CONTRACT_SIGNATURE',
      ),
    };
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    return { available: false, reason: error.message };
  }
}
