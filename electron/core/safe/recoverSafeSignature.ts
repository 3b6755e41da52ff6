import { getAddress, hashMessage, recoverAddress, Signature, dataSlice, getBytes } from 'ethers';
import { GuardianError } from '../errors.js';
import type { SafeSignaturePart } from './safeSignature.js';

export interface RecoveredSignature {
  signer: string;
  kind: SafeSignaturePart['kind'];
  /**
   * ECDSA kinds are proven by the maths alone. An approved hash (v=1) or a contract signature (v=0) only
   * names its owner: the chain must still confirm it (approvedHashes, or the owner's isValidSignature).
   */
  provenOffChain: boolean;
}

/** Who signed this part over `safeTxHash`, as the Safe contract would work it out. */
export function recoverSafeSignature(safeTxHash: string, part: SafeSignaturePart): RecoveredSignature {
  switch (part.kind) {
    case 'eip712':
      return { signer: ecrecover(safeTxHash, part.r, part.s, part.v), kind: part.kind, provenOffChain: true };
    case 'eth_sign':
      // The Safe hashes with the EIP-191 prefix and recovers with v - 4.
      return {
        signer: ecrecover(hashMessage(getBytes(safeTxHash)), part.r, part.s, part.v - 4),
        kind: part.kind,
        provenOffChain: true,
      };
    case 'approved_hash':
    case 'contract':
      return { signer: getAddress(dataSlice(part.r, 12)), kind: part.kind, provenOffChain: false };
  }
}

function ecrecover(digest: string, r: string, s: string, v: number): string {
  try {
    return recoverAddress(digest, Signature.from({ r, s, v }));
  } catch (cause) {
    // ethers refuses high-s and off-curve values, as the Safe's ecrecover path would fail to match an owner.
    throw new GuardianError('INVALID_SIGNATURE', 'The signature does not recover to any address.', { cause });
  }
}
