import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { encodeSafeSignatures } from '../safe/safeSignature.js';
import type { Store } from '../store/openStore.js';
import type { NestedSignatureTally } from './nestedMessageSignatures.js';
import type { NestedSigningContext } from './nestedSigningContext.js';

/**
 * The outer confirmation from an owner Safe (Safe.sol checkNSignatures, v = 0): r = the owner Safe, s = the
 * offset of its dynamic part, which holds the length and then the inner owners' threshold signatures packed
 * ascending by owner, the bytes the owner Safe's isValidSignature checks. Only the threshold's are packed:
 * the inner Safe reads exactly that many, and more would only lengthen what the outer Safe is handed.
 */
export function nestedContractSignature(innerSafe: string, tally: NestedSignatureTally): string {
  if (!tally.met)
    throw new GuardianError(
      'INVALID_INPUT',
      `The owner Safe ${getAddress(innerSafe.toLowerCase())} has ${tally.signed.length} of ${tally.threshold} proven signatures: its contract signature would be refused.`,
    );
  const innerSignatures = encodeSafeSignatures(
    tally.signed.slice(0, tally.threshold).map((s) => ({ signer: s.owner, kind: 'eip712', data: s.signature })),
  );
  return encodeSafeSignatures([{ signer: innerSafe, kind: 'contract', data: innerSignatures }]);
}

/**
 * Stores the contract signature as the owner Safe's confirmation of the outer transaction. It is a claim like
 * any other: the outer quorum counts it only once the owner Safe's isValidSignature accepts it (on the chain
 * or a carried state, verifiedConfirmations). Returns false when a confirmation from it was already kept.
 */
export function recordNestedContractSignature(store: Store, context: NestedSigningContext, signature: string): boolean {
  const owner = getAddress(context.inner.address.toLowerCase());
  return store.transaction(() => {
    const added = store.addConfirmation(
      context.hashes.outerSafeTxHash,
      { owner, signature, signatureType: 'CONTRACT_SIGNATURE', submittedAt: new Date().toISOString() },
      'local',
    );
    store.appendAudit({
      kind: 'nested-contract-signature',
      safeTxHash: context.hashes.outerSafeTxHash,
      actor: owner,
      details: { innerSafeMessageHash: context.hashes.innerSafeMessageHash, signature, added },
    });
    return added;
  });
}
