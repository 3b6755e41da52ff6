import { GuardianError } from '../errors.js';
import { asLowerCase } from '../input/asLowerCase.js';
import type { SafeTx } from './safeTx.js';
import { safeTxHashes, type SafeTxHashes } from './safeTxHash.js';
import { versionList, versionsMatchingHash } from './versionsMatchingHash.js';

/**
 * Holds a hash someone else claims (the Transaction Service, a file, a colleague) against the one this
 * machine computes from the fields. A mismatch means the fields shown are not what would be signed: the
 * transaction must never be offered for signing.
 */
export function verifyClaimedHash(tx: SafeTx, claimedSafeTxHash: string, claimedBy: string): SafeTxHashes {
  const hashes = safeTxHashes(tx);
  if (asLowerCase(hashes.safeTxHash) !== asLowerCase(claimedSafeTxHash)) {
    const versions = versionsMatchingHash(tx, claimedSafeTxHash);
    if (versions.length > 0) {
      throw new GuardianError(
        'HASH_MISMATCH',
        `${claimedBy} claims safeTxHash ${claimedSafeTxHash}, which the transaction's fields (Safe ${tx.safe}, nonce ${tx.nonce}) give under Safe version ${versionList(versions)}, not under ${tx.safeVersion} as given here: the Safe version may be wrong (check --safe-version, or pull the Safe again). Not offered for signing until the hashes agree.`,
        {
          details: {
            claimedBy,
            claimed: claimedSafeTxHash,
            computed: hashes.safeTxHash,
            safe: tx.safe,
            nonce: tx.nonce.toString(),
            safeVersion: tx.safeVersion,
            matchingVersions: versions,
          },
        },
      );
    }
    throw new GuardianError(
      'HASH_MISMATCH',
      `${claimedBy} claims safeTxHash ${claimedSafeTxHash}, but the transaction's own fields (Safe ${tx.safe}, nonce ${tx.nonce}) hash to ${hashes.safeTxHash}. Do not sign it.`,
      {
        details: {
          claimedBy,
          claimed: claimedSafeTxHash,
          computed: hashes.safeTxHash,
          safe: tx.safe,
          nonce: tx.nonce.toString(),
        },
      },
    );
  }
  return hashes;
}
