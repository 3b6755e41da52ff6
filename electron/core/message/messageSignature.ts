import { dataLength, getAddress, isHexString } from 'ethers';
import { GuardianError } from '../errors.js';
import { recoverSafeSignature } from '../safe/recoverSafeSignature.js';
import { compareAddresses, decodeSafeSignatures, type SafeSignature } from '../safe/safeSignature.js';

/**
 * Who signed a SafeMessage, proven by the maths alone: an ECDSA signature (v 27/28 over the safeMessageHash,
 * or eth_sign's 31/32) recovered over the hash computed here, and that signer one of the Safe's owners.
 * Approved-hash and contract signatures only name an owner; they are not counted here.
 */
export function checkMessageSignature(
  safeMessageHash: string,
  signature: string,
  owners: readonly string[],
  expectedOwner?: string,
): SafeSignature {
  // One owner's signature is one 65-byte part; trailing bytes would ride along into what is posted.
  if (!isHexString(signature) || dataLength(signature) !== 65) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `An owner's message signature is 65 bytes of hex; this one is ${isHexString(signature) ? `${dataLength(signature)} bytes` : 'not hex'}.`,
    );
  }
  let parts;
  try {
    parts = decodeSafeSignatures(signature, 1);
  } catch (cause) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The signature is not one 65-byte Safe signature: ${(cause as Error).message}`,
      { cause },
    );
  }
  const part = parts[0]!;
  if (part.kind !== 'eip712' && part.kind !== 'eth_sign') {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `A ${part.kind === 'contract' ? 'contract' : 'pre-approved'} signature cannot be proven off-chain, so it is not counted for this message.`,
      {
        details: { kind: part.kind, safeMessageHash },
      },
    );
  }
  const { signer } = recoverSafeSignature(safeMessageHash, part);
  if (expectedOwner !== undefined && compareAddresses(signer, expectedOwner) !== 0) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The signature recovers to ${signer}, not to ${getAddress(expectedOwner)}, over safeMessageHash ${safeMessageHash}: it is from another key or over another message.`,
      { details: { recovered: signer, expected: getAddress(expectedOwner), safeMessageHash } },
    );
  }
  if (!owners.some((o) => compareAddresses(o, signer) === 0)) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `The signature over safeMessageHash ${safeMessageHash} recovers to ${signer}, who is not an owner of this Safe.`,
      {
        details: { recovered: signer, safeMessageHash },
      },
    );
  }
  return { signer, kind: part.kind, data: part.staticPart };
}
