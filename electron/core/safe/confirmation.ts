/** An owner's signature over a safeTxHash, as the service or a bundle carries it. */
export interface Confirmation {
  owner: string;
  /** 0x-prefixed, 65 bytes for ECDSA / approved-hash kinds, longer for contract signatures. */
  signature: string;
  /** As the service labels it: EOA, ETH_SIGN, APPROVED_HASH, CONTRACT_SIGNATURE. */
  signatureType?: string;
  submittedAt?: string;
}
