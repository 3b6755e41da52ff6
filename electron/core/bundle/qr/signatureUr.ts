import { ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { UR, UREncoder } from '@ngraveio/bc-ur';
import { getBytes, hexlify } from 'ethers';
import { GuardianError } from '../../errors.js';

/** ERC-4527's UR type for a signature coming back from an offline signer. */
export const SIGNATURE_UR_TYPE = 'eth-signature';
export const SIGNATURE_UR_ORIGIN = 'Guardian Console';

/**
 * ERC-4527 ties a signature to its request by a 16-byte UUID. A station has no request to answer, so the id is
 * the first 16 bytes of the safeTxHash as this station computed it, taken as they are (no RFC 4122 version or
 * variant bits are set, so the id reads back to the hash prefix without loss). It only names the transaction the
 * signature is meant for; the importing station still recovers the signer over its own full hash.
 */
export function requestIdOf(safeTxHash: string): Buffer {
  const bytes = getBytes(safeTxHash);
  if (bytes.length !== 32) throw new GuardianError('INVALID_INPUT', `${safeTxHash} is not a 32-byte safeTxHash.`);
  return Buffer.from(bytes.slice(0, 16));
}

/** The request id as the safeTxHash prefix a guardian can match against a screen: 0x and 32 hex digits. */
export const hashPrefixOf = (requestId: Uint8Array): string => hexlify(requestId);

/** One owner's Safe signature over one transaction, as an ERC-4527 eth-signature UR. */
export function signatureUr(safeTxHash: string, signature: string): UR {
  return new ETHSignature(Buffer.from(getBytes(signature)), requestIdOf(safeTxHash), SIGNATURE_UR_ORIGIN).toUR();
}

/** The whole UR as one text line, `ur:eth-signature/…`, for pasting rather than scanning. */
export const signatureUrText = (ur: UR): string => UREncoder.encodeSinglePart(ur);

export interface SignatureUrContent {
  /** 0x and 32 hex digits: the first half of the safeTxHash the signature claims to be for. */
  hashPrefix: string;
  signature: string;
  origin: string | null;
}

/** What an eth-signature UR carries, every field still a claim. */
export function readSignatureUr(ur: UR, source: string): SignatureUrContent {
  if (ur.type !== SIGNATURE_UR_TYPE)
    throw new GuardianError('INVALID_FILE', `${source} is a "${ur.type}" UR, not an ${SIGNATURE_UR_TYPE} UR.`);
  let decoded: ETHSignature;
  try {
    decoded = ETHSignature.fromCBOR(ur.cbor);
  } catch (cause) {
    throw new GuardianError(
      'INVALID_FILE',
      `${source} is an ${SIGNATURE_UR_TYPE} UR whose content is not an ERC-4527 signature.`,
      { cause },
    );
  }
  const requestId = decoded.getRequestId();
  if (!requestId || requestId.length !== 16)
    throw new GuardianError('INVALID_FILE', `${source} carries no 16-byte request-id, so it names no transaction.`);
  const signature = decoded.getSignature();
  if (!signature || signature.length < 65)
    throw new GuardianError(
      'INVALID_FILE',
      `${source} carries a signature of ${signature?.length ?? 0} bytes; a Safe signature has at least 65.`,
    );
  return { hashPrefix: hashPrefixOf(requestId), signature: hexlify(signature), origin: decoded.getOrigin() ?? null };
}
