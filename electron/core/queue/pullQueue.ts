import { JsonRpcProvider, Network } from 'ethers';
import { fetchServiceQueue, type RejectedTransaction } from './fetchServiceQueue.js';
import type { ExecutedTransaction } from '../safe/executedTransaction.js';
import { executionsOnChain, type CheckedExecutions } from './executionsOnChain.js';
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
 * The executions not kept yet, checked on the Safe's chain where this station has its RPC: the times a team is
 * judged by come from blocks, not from the service. Without an RPC they stay the service's word, marked so.
 */
async function checkedOnChain(
  store: Store,
  safe: WatchedSafe,
  executions: readonly ExecutedTransaction[],
): Promise<CheckedExecutions> {
  const fresh = executions.filter((e) => !store.hasExecutedTransaction(e.safeTxHash));
  if (!safe.rpcUrl || fresh.length === 0) return { executions: fresh, refused: [] };
  const provider = new JsonRpcProvider(safe.rpcUrl, Network.from(safe.chainId), { staticNetwork: true });
  try {
    return await executionsOnChain(provider, fresh);
  } finally {
    provider.destroy();
  }
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
    const queue = await fetchServiceQueue({
      serviceUrl: safe.serviceUrl,
      chainId: safe.chainId,
      safe: safe.address,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    const history = queue.history && (await checkedOnChain(store, safe, queue.history.executions));
    store.transaction(() => {
      store.saveSafeInfo(queue.safeInfo);
      store.saveQueueItems(queue.items, 'service');
      if (history) store.saveExecutedTransactions(history.executions);
      store.appendAudit({
        kind: 'pull',
        details: {
          safe: `${safe.chainId}:${safe.address}`,
          service: safe.serviceUrl,
          pulled: queue.items.map((i) => i.safeTxHash),
          rejected: queue.rejected.map((r) => ({
            claimed: r.claimedSafeTxHash,
            nonce: r.nonce,
            code: r.error.code,
            message: r.error.message,
          })),
          executed: history?.executions.length ?? null,
          executedRefused: [...(queue.history?.refused ?? []), ...(history?.refused ?? [])],
          ...(queue.historyFailure ? { historyFailure: queue.historyFailure.message } : {}),
        },
      });
    });
    return { safe, pulled: queue.items.length, rejected: queue.rejected, failure: null };
  } catch (error) {
    if ((error as { name?: string }).name !== 'GuardianError') throw error;
    return { safe, pulled: 0, rejected: [], failure: error as GuardianError };
  }
}
