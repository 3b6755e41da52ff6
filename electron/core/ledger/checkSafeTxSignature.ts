import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { recoverSafeSignature } from '../safe/recoverSafeSignature.js';
import { decodeSafeSignatures, type SafeSignature } from '../safe/safeSignature.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';

/**
 * The last gate before a device signature is kept: it must recover, over the safeTxHash this machine
 * computed from the transaction's fields, to the owner the guardian meant to sign with. A device (or a
 * compromised host path to it) that signed another hash, or with another key, is caught here, and its
 * signature never reaches the store or the service.
 */
export function checkSafeTxSignature(
  tx: SafeTx,
  signature: string,
  kind: 'eip712' | 'eth_sign',
  expectedSigner: string,
): SafeSignature {
  const hash = safeTxHash(tx);
  const [part] = decodeSafeSignatures(signature, 1);
  if (!part || part.kind !== kind) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `Expected an ${kind} signature, got ${part?.kind ?? 'nothing'}. It was not kept.`,
    );
  }
  const { signer } = recoverSafeSignature(hash, part);
  if (signer.toLowerCase() !== expectedSigner.toLowerCase()) {
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The Ledger's signature recovers to ${signer}, not to owner ${getAddress(expectedSigner)}, over safeTxHash ${hash}. It was not kept. Do not use this device or computer for signing until you know why.`,
      { details: { recovered: signer, expected: getAddress(expectedSigner), safeTxHash: hash } },
    );
  }
  return { signer, kind, data: part.staticPart };
}
