import type { AddressBook } from '../core/decode/addressBook.js';
import type { Review } from '../core/simulate/reviewSafeTx.js';
import { reviewTransaction } from '../core/simulate/reviewTransaction.js';
import type { SimulationProgress } from '../core/primitives/simulationTypes.js';
import type { Store } from '../core/store/openStore.js';

/**
 * Reviews a stored transaction through the core's one review (reviewTransaction: a fork of its Safe's RPC, or,
 * air-gapped, the pre-state a bundle brought replayed in a fresh anvil), recorded in the audit log so the queue
 * shows the verdict; the same for a review a guardian asks for and one the scheduler runs unasked. The main
 * process owns the network: the renderer only receives the result.
 */
export async function reviewStoredItem(
  store: Store,
  safeTxHash: string,
  onProgress: (p: SimulationProgress) => void,
): Promise<{ review: Review; book: AddressBook }> {
  const item = store.getQueueItem(safeTxHash);
  const { review, addressBook } = await reviewTransaction({ store, tx: item.safeTx, onProgress });
  return { review, book: addressBook };
}
