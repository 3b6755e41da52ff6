import { replayCarriedReview } from '../core/bundle/replayCarriedReview.js';
import { AddressBook } from '../core/decode/addressBook.js';
import { GuardianError } from '../core/errors.js';
import { recordReview } from '../core/simulate/recordReview.js';
import { reviewSafeTx, type Review } from '../core/simulate/reviewSafeTx.js';
import type { SimulationProgress } from '../core/primitives/simulationTypes.js';
import { storedReviewInput } from '../core/simulate/storedReviewInput.js';
import { withFork } from '../core/simulate/withFork.js';
import type { Store } from '../core/store/openStore.js';

/**
 * Reviews a stored transaction the one way this station can: on a fork of its Safe's RPC, or (air-gapped) by
 * replaying the pre-state a bundle brought in a fresh anvil. Recorded in the audit log either way, so the queue
 * shows the verdict; the same for a review a guardian asks for and one the scheduler runs unasked.
 */
export async function reviewStoredItem(
  store: Store,
  safeTxHash: string,
  onProgress: (p: SimulationProgress) => void,
): Promise<{ review: Review; book: AddressBook }> {
  const item = store.getQueueItem(safeTxHash);
  const { chainId, safe } = item.safeTx;
  const rpcUrl = store.getWatchedSafe(chainId, safe)?.rpcUrl;
  const carried = rpcUrl ? null : store.getCarriedState(item.safeTxHash);
  if (!rpcUrl && !carried)
    throw new GuardianError(
      'INVALID_INPUT',
      `No RPC URL for Safe ${chainId}:${safe}, and no review bundle imported for this transaction: add the RPC with guardian safe add --rpc, or import its bundle.`,
    );
  let review: Review;
  let book = new AddressBook();
  if (carried) {
    const replayed = await replayCarriedReview(store, item.safeTx, carried, onProgress);
    review = replayed.review;
    book = replayed.input.decodeOptions?.addressBook ?? book;
  } else {
    // The main process owns the network: it forks the chain, the renderer only receives the result.
    review = await withFork(
      rpcUrl!,
      chainId,
      (provider) => {
        const input = storedReviewInput(store, item.safeTx, provider);
        book = input.decodeOptions?.addressBook ?? book;
        return reviewSafeTx({ ...input, onProgress });
      },
      onProgress,
    );
  }
  recordReview(store, review, { replayed: carried !== null });
  return { review, book };
}
