import type { QueueItem } from '../safe/queueItem.js';
import { batchingRpc } from '../simulate/batchingRpc.js';
import { AddressBook } from '../decode/addressBook.js';
import { recordReview } from '../simulate/recordReview.js';
import { carriedState, type CarriedState } from '../simulate/replaySimulation.js';
import { reviewSafeTx } from '../simulate/reviewSafeTx.js';
import type { SimulationProgress } from '../primitives/simulationTypes.js';
import { storedReviewInput } from '../simulate/storedReviewInput.js';
import { collectStateProofs } from '../simulate/verifyStateProof.js';
import { withFork } from '../simulate/withFork.js';
import { withApprovalSlots, withContractSignatureState } from './signatureEvidenceState.js';
import type { Store } from '../store/openStore.js';
import { crossCheckBlock } from './crossCheckBlock.js';

/**
 * Reviews a stored transaction on a fork of its Safe's chain, keeping the code and state it touched with the
 * chain's proofs of them at that block: what an air-gapped station replays. The review is audited here like any.
 * With `checkRpcUrl`, the block's hash is compared with a second RPC's before anything is returned.
 */
export async function carryPreState(
  store: Store,
  item: QueueItem,
  rpcUrl: string,
  onProgress?: (progress: SimulationProgress) => void,
  options: { checkRpcUrl?: string } = {},
): Promise<CarriedState> {
  const carried = await withFork(
    rpcUrl,
    item.safeTx.chainId,
    async (provider, forkRpcUrl) => {
      const book = new AddressBook();
      const review = await reviewSafeTx({
        ...storedReviewInput(store, item.safeTx, provider, book),
        carry: true,
        ...(onProgress ? { onProgress } : {}),
      });
      // What the station needs to verify signatures itself comes too: the approved-hash slots, proven, and
      // the state each owner contract's isValidSignature reads.
      const prestate = await withContractSignatureState(
        review.simulation.prestate,
        item,
        provider,
        review.simulation.chainTag,
      );
      const proofs = await collectStateProofs(
        batchingRpc(forkRpcUrl),
        withApprovalSlots(prestate, store, item),
        review.simulation.chainTag,
      );
      recordReview(store, review, { replayed: false, book });
      return carriedState({ ...review.simulation, prestate }, proofs);
    },
    onProgress,
  );
  if (options.checkRpcUrl) {
    const { number, hash } = await crossCheckBlock(carried, options.checkRpcUrl);
    onProgress?.({ stage: 'done', detail: `block ${number} is ${hash} on the second RPC too` });
  }
  return carried;
}
