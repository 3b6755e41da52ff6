import { concat, getAddress, zeroPadValue } from 'ethers';
import { approvedHashSignature } from '../safe/safeSignature.js';
import { GuardianError, isGuardianError } from '../errors.js';
import { verifyOwnerSignature } from '../safe/verifySafeSignatures.js';
import type { Confirmation } from '../safe/confirmation.js';
import type { ServiceMultisigTransaction } from './serviceSchemas.js';

export interface CheckedConfirmations {
  confirmations: Confirmation[];
  refused: GuardianError[];
}

/**
 * Keeps the confirmations whose signature names the owner the service says signed, over the safeTxHash this
 * machine computed. The kind is read from the signature's v byte, never from the service's signatureType
 * label, so a hostile service cannot wave a forged ECDSA signature through by calling it a contract signature.
 * Approved-hash and contract signatures only name their owner here; the chain must still prove them.
 */
export function checkServiceConfirmations(
  safeTxHash: string,
  raw: NonNullable<ServiceMultisigTransaction['confirmations']>,
  claimedBy: string,
): CheckedConfirmations {
  const confirmations: Confirmation[] = [];
  const refused: GuardianError[] = [];
  // Most of a queue is not yet confirmed by anyone: nothing to check, and no set of owners to build.
  if (raw.length === 0) return { confirmations, refused };
  const seen = new Set<string>();
  for (const c of raw) {
    const owner = getAddress(c.owner.toLowerCase());
    // The service lists an on-chain approveHash with no signature; the Safe's encoding of it is r = owner, v = 1.
    const signature = (c.signature ?? approvedHashSignature(owner)).toLowerCase();
    try {
      if (seen.has(owner))
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `${claimedBy} lists two confirmations from ${owner}; the Safe counts each owner once.`,
        );
      verifyOwnerSignature(safeTxHash, signature, owner);
      seen.add(owner);
      const confirmation: Confirmation = { owner, signature };
      if (c.signatureType) confirmation.signatureType = c.signatureType;
      if (c.submissionDate) confirmation.submittedAt = c.submissionDate;
      confirmations.push(confirmation);
    } catch (error) {
      refused.push(
        isGuardianError(error)
          ? error
          : new GuardianError('INVALID_SIGNATURE', `${claimedBy} sent an unreadable confirmation from ${owner}.`, {
              cause: error,
              details: { owner, safeTxHash },
            }),
      );
    }
  }
  return { confirmations, refused };
}
