import { reviewForSigning, type SigningReview } from '../signing/reviewForSigning.js';
import type { CarriedState } from '../simulate/replaySimulation.js';
import { withFork } from '../simulate/withFork.js';
import type { StoredQueueItem } from '../store/queueItems.js';
import type { Store } from '../store/openStore.js';

/**
 * The review that gates an owner Safe's signature for the Safe it owns. Its owners sign a SafeMessage, but what
 * it stands for is the outer transaction, so that is what is simulated, as for any signature of it: on a fresh
 * fork when this station has the outer Safe's chain, else on a carried pre-state; with neither it cannot run,
 * the review is incomplete and the gate refuses.
 */
export async function reviewOuterTransaction(
  store: Store,
  outer: StoredQueueItem,
  carried?: CarriedState,
): Promise<SigningReview> {
  const watched = store.getWatchedSafe(outer.safeTx.chainId, outer.safeTx.safe);
  const kept = carried ?? (watched?.rpcUrl ? null : store.getCarriedState(outer.safeTxHash));
  if (kept) return reviewForSigning(store, outer, { carried: kept });
  if (watched?.rpcUrl)
    return withFork(watched.rpcUrl, outer.safeTx.chainId, (provider) => reviewForSigning(store, outer, provider));
  return reviewForSigning(store, outer, null);
}
