import type { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import type { WatchedSafe } from '../store/watchedSafe.js';
import { fetchServiceMessages, type RejectedMessage } from './fetchServiceMessages.js';

export interface MessagePullOutcome {
  safe: WatchedSafe;
  pulled: number;
  rejected: RejectedMessage[];
  /** Set when the service could not be asked; what is stored is still shown. */
  failure: GuardianError | null;
}

/**
 * Pulls one watched Safe's messages and stores them, with the Safe's state and an audit entry, in one
 * transaction: all of this pull lands or nothing changes.
 */
export async function pullMessages(store: Store, safe: WatchedSafe, timeoutMs?: number): Promise<MessagePullOutcome> {
  if (!safe.serviceUrl) return { safe, pulled: 0, rejected: [], failure: null };
  try {
    const pulled = await fetchServiceMessages({
      serviceUrl: safe.serviceUrl,
      chainId: safe.chainId,
      safe: safe.address,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    store.transaction(() => {
      store.saveSafeInfo(pulled.safeInfo);
      store.saveSafeMessages(pulled.messages);
      store.appendAudit({
        kind: 'message-pull',
        details: {
          safe: `${safe.chainId}:${safe.address}`,
          service: safe.serviceUrl,
          pulled: pulled.messages.map((m) => m.safeMessageHash),
          rejected: pulled.rejected.map((r) => ({
            claimed: r.claimedSafeMessageHash,
            code: r.error.code,
            message: r.error.message,
          })),
        },
      });
    });
    return { safe, pulled: pulled.messages.length, rejected: pulled.rejected, failure: null };
  } catch (error) {
    if ((error as { name?: string }).name !== 'GuardianError') throw error;
    return { safe, pulled: 0, rejected: [], failure: error as GuardianError };
  }
}
