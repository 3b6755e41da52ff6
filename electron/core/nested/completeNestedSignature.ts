import { verifiedConfirmations, type StoredVerdict } from '../bundle/verifiedConfirmations.js';
import { GuardianError, isGuardianError } from '../errors.js';
import type { QuorumStatus } from '../safe/quorum.js';
import type { Store } from '../store/openStore.js';
import { nestedContractSignature, recordNestedContractSignature } from './nestedContractSignature.js';
import { nestedSignatureTally, type NestedSignatureTally } from './nestedMessageSignatures.js';
import type { NestedSigningContext } from './nestedSigningContext.js';

export interface NestedSignatureState {
  tally: NestedSignatureTally;
  /** The outer v=0 signature, once the inner threshold is met; null before. */
  contractSignature: string | null;
  /** false when the outer transaction already held a confirmation from the owner Safe (the first one stays). */
  recorded: boolean;
  /** How the outer transaction's stored confirmation from the owner Safe is judged, once there is one. */
  outerVerdict: StoredVerdict | null;
  outerQuorum: QuorumStatus | null;
  /** Why the outer confirmation could not be checked (its RPC down): stored all the same, counted by nothing. */
  outerFailure: GuardianError | null;
}

/**
 * After an inner signature is kept (signed here or brought from another station): once the inner threshold is
 * met, the outer contract signature is assembled, stored as the owner Safe's confirmation, and judged at once
 * as every confirmation is, by the owner Safe's isValidSignature on the chain or a carried state.
 */
export async function completeNestedSignature(
  store: Store,
  context: NestedSigningContext,
): Promise<NestedSignatureState> {
  const tally = nestedSignatureTally(store, context);
  if (!tally.met)
    return {
      tally,
      contractSignature: null,
      recorded: false,
      outerVerdict: null,
      outerQuorum: null,
      outerFailure: null,
    };
  const contractSignature = nestedContractSignature(context.inner.address, tally);
  const recorded = recordNestedContractSignature(store, context, contractSignature);
  try {
    const verified = await verifiedConfirmations(store, context.hashes.outerSafeTxHash);
    const owner = context.inner.address.toLowerCase();
    return {
      tally,
      contractSignature,
      recorded,
      outerVerdict: verified.verdicts.find((v) => v.owner.toLowerCase() === owner) ?? null,
      outerQuorum: verified.quorum,
      outerFailure: null,
    };
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    return { tally, contractSignature, recorded, outerVerdict: null, outerQuorum: null, outerFailure: error };
  }
}
