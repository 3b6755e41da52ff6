import { GuardianError, isGuardianError } from '../errors.js';
import type { SignatureEvidence } from '../safe/confirmationVerdict.js';
import type { SafeTx } from '../safe/safeTx.js';
import type { CarriedState } from '../simulate/replaySimulation.js';
import { mappingSlot, SAFE_SLOTS } from '../simulate/storageSlots.js';
import { verifyAccountProof } from '../simulate/verifyStateProof.js';

/**
 * A carried pre-state as the evidence an air-gapped station has: `approvedHashes[owner][hash]` read from the
 * Safe's storage proof for that slot (mapping 8), checked against the carried block's state root. The value is
 * taken from the proof, never from the carried storage: the simulation sets those very slots by override, so
 * the storage it carries holds its own assumption, not the chain's. Contract signatures need the owner
 * contract's state, which a carried review does not hold: they stay unverified here.
 */
export function carriedSignatureEvidence(carried: CarriedState, tx: SafeTx): SignatureEvidence {
  const block = BigInt(carried.block.number);
  const safeProof = carried.proofs?.find((p) => p.address.toLowerCase() === tx.safe.toLowerCase()) ?? null;
  let lastUnavailable = '';
  const unavailable = (why: string): null => {
    lastUnavailable = why;
    return null;
  };
  return {
    source: `the carried state of block ${block}`,
    async approvedHash(owner, safeTxHash) {
      if (!safeProof) return unavailable(`The carried state of block ${block} holds no proof of the Safe's storage, so the approved hash of ${owner} cannot be checked here.`);
      const slot = mappingSlot(safeTxHash, mappingSlot(owner, SAFE_SLOTS.approvedHashes));
      const entry = safeProof.storageProof.find((s) => BigInt(s.key) === BigInt(slot));
      if (!entry) return unavailable(`The carried state of block ${block} does not prove the approvedHashes slot of ${owner}, so the approved hash cannot be checked here.`);
      try {
        verifyAccountProof(carried.block.stateRoot, safeProof, { storage: { [slot]: entry.value } });
      } catch (cause) {
        if (!isGuardianError(cause)) throw cause;
        throw new GuardianError('INVALID_SIGNATURE', `The carried proof of the approved hash of ${owner} does not hold: ${cause.message}`, { cause });
      }
      return BigInt(entry.value) !== 0n;
    },
    async contractSignatureValid(owner) {
      return unavailable(`The carried state of block ${block} does not hold the owner contract ${owner}'s state, so its isValidSignature cannot be called here; check it online.`);
    },
    unavailable: () => lastUnavailable,
  };
}
