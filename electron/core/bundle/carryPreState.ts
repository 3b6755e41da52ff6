import type { QueueItem } from '../queue/queueItem.js';
import { batchingRpc } from '../simulate/batchingRpc.js';
import { recordReview } from '../simulate/recordReview.js';
import { carriedState, type CarriedState } from '../simulate/replaySimulation.js';
import { reviewSafeTx } from '../simulate/reviewSafeTx.js';
import type { SimulationProgress } from '../simulate/simulationTypes.js';
import { storedReviewInput } from '../simulate/storedReviewInput.js';
import type { StateMap } from '../simulate/simulationTypes.js';
import { mappingSlot, SAFE_SLOTS } from '../simulate/storageSlots.js';
import { collectStateProofs } from '../simulate/verifyStateProof.js';
import { withFork } from '../simulate/withFork.js';
import type { Store } from '../store/openStore.js';

/**
 * The prestate to prove, with the Safe's approvedHashes slot of every owner for this hash added: the air-gapped
 * station checks an approved-hash signature against the proof of that slot (carriedSignatureEvidence). Only the
 * proofs hold them; the carried storage stays what the simulation read (its own overrides among it).
 */
function withApprovalSlots(prestate: StateMap, store: Store, item: QueueItem): StateMap {
  const owners = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe)?.owners ?? [];
  const key = Object.keys(prestate).find((a) => a.toLowerCase() === item.safeTx.safe.toLowerCase()) ?? item.safeTx.safe.toLowerCase();
  const storage = { ...prestate[key]?.storage };
  for (const owner of owners) {
    const slot = mappingSlot(item.safeTxHash, mappingSlot(owner, SAFE_SLOTS.approvedHashes));
    storage[slot] ??= '0x0';
  }
  return { ...prestate, [key]: { ...prestate[key], storage } };
}

/**
 * Reviews a stored transaction on a fork of its Safe's chain, keeping the code and state it touched with the
 * chain's proofs of them at that block: what an air-gapped station replays. The review is audited here like any.
 */
export async function carryPreState(store: Store, item: QueueItem, rpcUrl: string, onProgress?: (progress: SimulationProgress) => void): Promise<CarriedState> {
  return withFork(
    rpcUrl,
    item.safeTx.chainId,
    async (provider) => {
      const review = await reviewSafeTx({ ...storedReviewInput(store, item.safeTx, provider), carry: true, ...(onProgress ? { onProgress } : {}) });
      const proofs = await collectStateProofs(batchingRpc(provider._getConnection().url), withApprovalSlots(review.simulation.prestate, store, item), review.simulation.chainTag);
      recordReview(store, review, { replayed: false });
      return carriedState(review.simulation, proofs);
    },
    onProgress,
  );
}
