import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { compareAddresses, decodeSafeSignatures } from './safeSignature.js';
import { recoverSafeSignature, type RecoveredSignature } from './recoverSafeSignature.js';

/**
 * What only the chain can answer: whether an owner approved a hash on-chain (v=1), and whether an owner
 * contract accepts a signature (v=0, EIP-1271). Without it those kinds stay unproven, never assumed valid.
 */
export interface OnChainSignatureChecks {
  approvedHash(owner: string, safeTxHash: string): Promise<boolean>;
  contractSignatureValid(owner: string, safeTxHash: string, contractSignature: string): Promise<boolean>;
}

export interface SignatureVerdict extends RecoveredSignature {
  /** true when proven (by maths or by the chain); false when the chain was not asked. */
  proven: boolean;
}

/**
 * Checks one owner's signature over the safeTxHash this machine computed. Used before a signature is kept,
 * sent, or counted: a signature from the wrong key or over another hash must never leave the machine.
 */
export function verifyOwnerSignature(safeTxHash: string, signature: string, expectedOwner: string): RecoveredSignature {
  const [part] = decodeSafeSignatures(signature, 1);
  const recovered = recoverSafeSignature(safeTxHash, part!);
  if (compareAddresses(recovered.signer, expectedOwner) !== 0) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The signature recovers to ${recovered.signer}, not to ${getAddress(expectedOwner)}, over safeTxHash ${safeTxHash}: it is from another key or over another hash.`,
      { details: { expected: getAddress(expectedOwner), recovered: recovered.signer, safeTxHash } },
    );
  }
  return recovered;
}

/**
 * Verifies packed signatures as Safe.checkNSignatures would: each part recovers to an owner, owners strictly
 * increase, and at least `threshold` are proven. Parts that need the chain are proven only through `chain`.
 */
export async function verifySafeSignatures(
  safeTxHash: string,
  signatures: string,
  safe: { owners: readonly string[]; threshold: number },
  chain?: OnChainSignatureChecks,
): Promise<SignatureVerdict[]> {
  const parts = decodeSafeSignatures(signatures, safe.threshold);
  const owners = new Set(safe.owners.map((o) => o.toLowerCase()));
  const verdicts: SignatureVerdict[] = [];
  let previous: string | null = null;
  for (const part of parts) {
    const recovered = recoverSafeSignature(safeTxHash, part);
    if (!owners.has(recovered.signer.toLowerCase())) {
      throw new GuardianError(
        'SIGNER_NOT_OWNER',
        `A signature recovers to ${recovered.signer}, which is not an owner of this Safe.`,
        {
          details: { signer: recovered.signer, kind: recovered.kind },
        },
      );
    }
    if (previous !== null && compareAddresses(previous, recovered.signer) >= 0) {
      throw new GuardianError(
        'INVALID_SIGNATURE',
        'Signatures are not sorted by strictly increasing owner address, so the Safe would reject them.',
      );
    }
    previous = recovered.signer;
    let proven = recovered.provenOffChain;
    if (!proven && chain) {
      proven =
        part.kind === 'approved_hash'
          ? await chain.approvedHash(recovered.signer, safeTxHash)
          : await chain.contractSignatureValid(recovered.signer, safeTxHash, part.contractSignature ?? '0x');
      if (!proven) {
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `The chain does not confirm the ${recovered.kind} signature of ${recovered.signer}.`,
        );
      }
    }
    verdicts.push({ ...recovered, proven });
  }
  return verdicts;
}
