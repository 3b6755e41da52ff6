import { getAddress } from 'ethers';
import { isGuardianError } from '../errors.js';
import type { Confirmation } from './confirmation.js';
import { compareAddresses, decodeSafeSignatures, type SafeSignatureKind } from './safeSignature.js';
import { recoverSafeSignature } from './recoverSafeSignature.js';

/**
 * Where the two signature kinds that only name their owner are checked: the Safe's `approvedHashes` (v=1) and
 * the owner contract's `isValidSignature` (v=0), asked of the chain or of a carried, proven pre-state. Each
 * answers true (confirmed), false (the state says no) or null (this source cannot tell, and says why in
 * `unavailable`).
 */
export interface SignatureEvidence {
  /** Where the answers come from, in words: "the chain at http://…", "the carried state of block 123". */
  source: string;
  approvedHash(owner: string, safeTxHash: string): Promise<boolean | null>;
  contractSignatureValid(owner: string, safeTxHash: string, contractSignature: string): Promise<boolean | null>;
  /** Why the last null answer could not be given. */
  unavailable(kind: 'approved_hash' | 'contract', owner: string): string;
}

/**
 * valid: proven (by recovery, or by the state) to be this owner's over the hash computed here: it counts.
 * unverified: an approved hash or contract signature that nothing here can check: shown, never counted.
 * refused: proven wrong (not an owner, another key or hash, a state that says no): never counted, exported or posted.
 */
export type ConfirmationStatus = 'valid' | 'unverified' | 'refused';

export interface ConfirmationVerdict<C extends Confirmation = Confirmation> {
  confirmation: C;
  owner: string;
  kind: SafeSignatureKind | null;
  status: ConfirmationStatus;
  /** Why it is refused or unverified; null when valid. */
  reason: string | null;
}

/**
 * Judges one stored or received confirmation against the Safe's owners and the safeTxHash computed on this
 * machine, never against what the confirmation says of itself: the kind comes from the v byte, the owner of an
 * approved hash or contract signature from its r word, and those two kinds count only once `evidence` confirms them.
 */
export async function confirmationVerdict<C extends Confirmation>(
  safeTxHash: string,
  confirmation: C,
  owners: readonly string[],
  evidence: SignatureEvidence | null,
): Promise<ConfirmationVerdict<C>> {
  let owner: string;
  try {
    owner = getAddress(confirmation.owner.toLowerCase());
  } catch {
    return {
      confirmation,
      owner: confirmation.owner,
      kind: null,
      status: 'refused',
      reason: `"${confirmation.owner}" is not an address.`,
    };
  }
  const verdict = (
    status: ConfirmationStatus,
    kind: SafeSignatureKind | null,
    reason: string | null,
  ): ConfirmationVerdict<C> => ({ confirmation, owner, kind, status, reason });
  if (!owners.some((o) => compareAddresses(o, owner) === 0))
    return verdict('refused', null, `${owner} is not an owner of this Safe.`);
  let kind: SafeSignatureKind;
  let contractSignature = '0x';
  let signer: string;
  try {
    const [part] = decodeSafeSignatures(confirmation.signature, 1);
    kind = part!.kind;
    contractSignature = part!.contractSignature ?? '0x';
    signer = recoverSafeSignature(safeTxHash, part!).signer;
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    return verdict('refused', null, `The signature of ${owner} cannot be read: ${error.message}`);
  }
  if (compareAddresses(signer, owner) !== 0) {
    return verdict(
      'refused',
      kind,
      `The ${kind} signature listed for ${owner} is ${kind === 'eip712' || kind === 'eth_sign' ? 'by' : 'in the name of'} ${signer} over safeTxHash ${safeTxHash}: it is from another key or over another hash.`,
    );
  }
  if (kind === 'eip712' || kind === 'eth_sign') return verdict('valid', kind, null);
  if (!evidence)
    return verdict(
      'unverified',
      kind,
      `No chain and no carried state here can check the ${kind} signature of ${owner}.`,
    );
  let confirmed: boolean | null;
  try {
    confirmed =
      kind === 'approved_hash'
        ? await evidence.approvedHash(owner, safeTxHash)
        : await evidence.contractSignatureValid(owner, safeTxHash, contractSignature);
  } catch (error) {
    // The evidence itself proved the signature wrong (a proof that does not hold, an owner with no code).
    if (!isGuardianError(error)) throw error;
    return verdict('refused', kind, error.message);
  }
  if (confirmed === null) return verdict('unverified', kind, evidence.unavailable(kind, owner));
  if (confirmed) return verdict('valid', kind, null);
  return verdict(
    'refused',
    kind,
    kind === 'approved_hash'
      ? `${owner} never approved safeTxHash ${safeTxHash}: approvedHashes is 0 in ${evidence.source}.`
      : `The owner contract ${owner} rejects the signature in ${evidence.source} (isValidSignature did not return the magic value).`,
  );
}
