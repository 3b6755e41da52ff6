import { verifyBlockHeader } from '../simulate/blockHeader.js';
import { GuardianError, isGuardianError } from '../errors.js';
import { onChainSignatureChecks } from '../safe/onChainSignatureChecks.js';
import { startAnvil } from '../simulate/anvilProcess.js';
import { providerWithBatchingRpc } from '../simulate/batchingRpc.js';
import type { SignatureEvidence } from '../safe/confirmationVerdict.js';
import type { SafeTx } from '../safe/safeTx.js';
import { loadCarriedState, type CarriedState } from '../simulate/replaySimulation.js';
import { mappingSlot, SAFE_SLOTS } from '../primitives/storageSlots.js';
import { verifyAccountProof } from '../simulate/verifyStateProof.js';

/**
 * A carried pre-state as the evidence an air-gapped station has: `approvedHashes[owner][hash]` read from the
 * Safe's storage proof for that slot (mapping 8), checked against the carried block's state root. The value is
 * taken from the proof, never from the carried storage: the simulation sets those very slots by override, so
 * the storage it carries holds its own assumption, not the chain's. Contract signatures need the owner
 * contract's state: a carried review holds it (traced online), and it is asked on a fresh anvil loaded with
 * that state once its proofs hold; without it they stay unverified here.
 */
export function carriedSignatureEvidence(
  carried: CarriedState,
  tx: SafeTx,
  safe?: { owners: readonly string[]; threshold: number },
): SignatureEvidence {
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
      // A proof is only as good as the state root it ends in, and that root only as good as the header it came in.
      if (!carried.header)
        return unavailable(
          `The carried state of block ${block} has no block header binding its state root, so the approved hash of ${owner} cannot be checked here.`,
        );
      verifyBlockHeader(carried.header, carried.block);
      if (!safeProof)
        return unavailable(
          `The carried state of block ${block} holds no proof of the Safe's storage, so the approved hash of ${owner} cannot be checked here.`,
        );
      const slot = mappingSlot(safeTxHash, mappingSlot(owner, SAFE_SLOTS.approvedHashes));
      const entry = safeProof.storageProof.find((s) => BigInt(s.key) === BigInt(slot));
      if (!entry)
        return unavailable(
          `The carried state of block ${block} does not prove the approvedHashes slot of ${owner}, so the approved hash cannot be checked here.`,
        );
      try {
        verifyAccountProof(carried.block.stateRoot, safeProof, { storage: { [slot]: entry.value } });
      } catch (cause) {
        if (!isGuardianError(cause)) throw cause;
        throw new GuardianError(
          'INVALID_SIGNATURE',
          `The carried proof of the approved hash of ${owner} does not hold: ${cause.message}`,
          { cause },
        );
      }
      return BigInt(entry.value) !== 0n;
    },
    async contractSignatureValid(owner, safeTxHash, contractSignature) {
      const account = Object.entries(carried.prestate).find(([a]) => a.toLowerCase() === owner.toLowerCase())?.[1];
      if (!account?.code || account.code === '0x')
        return unavailable(
          `The carried state of block ${block} does not hold the owner contract ${owner}, so its isValidSignature cannot be called here; check it online.`,
        );
      // Asked of a fresh anvil holding the carried state, once its proofs held: the same question on the same state.
      const anvil = await startAnvil({ chainId: tx.chainId });
      const provider = providerWithBatchingRpc(anvil.rpcUrl, Number(tx.chainId), {
        staticNetwork: true,
        cacheTimeout: -1,
      });
      try {
        let proven: 'proven' | 'unproven';
        try {
          proven = await loadCarriedState(provider, carried, {
            tx,
            owners: safe?.owners ?? [],
            threshold: safe?.threshold ?? 1,
          });
        } catch (cause) {
          if (!isGuardianError(cause)) throw cause;
          throw new GuardianError(
            'INVALID_SIGNATURE',
            `The carried state the contract signature of ${owner} would be checked on does not hold: ${cause.message}`,
            { cause },
          );
        }
        if (proven !== 'proven')
          return unavailable(
            `The carried state of block ${block} has no proofs, so the contract signature of ${owner} cannot be checked on it.`,
          );
        return await onChainSignatureChecks(provider, tx).contractSignatureValid(owner, safeTxHash, contractSignature);
      } finally {
        provider.destroy();
        await anvil.stop();
      }
    },
    unavailable: () => lastUnavailable,
  };
}
