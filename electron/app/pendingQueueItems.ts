import type { Store } from '../core/store/openStore.js';
import type { StoredQueueItem } from '../core/store/queueItems.js';

// An executed (or replaced) transaction's nonce is behind the Safe's: it is history, not pending work.
export function pendingQueueItems(store: Store, items: StoredQueueItem[]): StoredQueueItem[] {
  return items.filter((item) => {
    const nonce = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe)?.nonce;
    return nonce === undefined || item.safeTx.nonce >= nonce;
  });
}
