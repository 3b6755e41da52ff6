import { fetchServiceQueue, type RejectedTransaction } from './fetchServiceQueue.js';
import type { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import type { WatchedSafe } from '../store/watchedSafe.js';
import { keccakReady } from '../safe/wasmKeccak.js';

export interface PullOutcome {
  safe: WatchedSafe;
  pulled: number;
  rejected: RejectedTransaction[];
  /** Set when the service could not be asked; what is stored is still shown. */
  failure: GuardianError | null;
}

/**
 * Pulls one watched Safe's queue and stores it in one transaction with an audit entry: either all of this
 * pull lands, or nothing changes and the previous queue stays as it was.
 */
export async function pullQueue(store: Store, safe: WatchedSafe, timeoutMs?: number): Promise<PullOutcome> {
  if (!safe.serviceUrl) return { safe, pulled: 0, rejected: [], failure: null };
  // A page holds up to hundreds of transactions, each hashed here: the WebAssembly Keccak first.
  await keccakReady();
  try {
    const queue = await fetchServiceQueue({ serviceUrl: safe.serviceUrl, chainId: safe.chainId, safe: safe.address, ...(timeoutMs ? { timeoutMs } : {}) });
    store.transaction(() => {
      store.saveSafeInfo(queue.safeInfo);
      store.saveQueueItems(queue.items, 'service');
      store.appendAudit({
        kind: 'pull',
        details: {
          safe: `${safe.chainId}:${safe.address}`,
          service: safe.serviceUrl,
          pulled: queue.items.map((i) => i.safeTxHash),
          rejected: queue.rejected.map((r) => ({ claimed: r.claimedSafeTxHash, nonce: r.nonce, code: r.error.code, message: r.error.message })),
        },
      });
    });
    return { safe, pulled: queue.items.length, rejected: queue.rejected, failure: null };
  } catch (error) {
    if ((error as { name?: string }).name !== 'GuardianError') throw error;
    return { safe, pulled: 0, rejected: [], failure: error as GuardianError };
  }
}
