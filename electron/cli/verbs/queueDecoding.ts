import { decodeTransaction, type DecodeOptions } from '../../core/decode/decodeTransaction.js';
import { GuardianError } from '../../core/errors.js';
import type { QueueItem } from '../../core/safe/queueItem.js';
import type { Store } from '../../core/store/openStore.js';
import { storedDecodeOptions } from '../../core/store/storedDecodeOptions.js';

/** What a queue row says its transaction does, or why it cannot: the same reading as the app's queue row. */
export type QueueDecoding =
  { summary: string; classes: string[]; delegatecallToUnknown: boolean; failure: null } | { failure: string };

/**
 * Each queued transaction decoded with what this machine knows (storedDecodeOptions) and the MultiSends its
 * latest review recognised by their code (reviewedMultiSends, by lower-case safeTxHash), so a batch through a
 * MultiSend at an address safe-deployments does not list reads as the batch the review read, not as a
 * DELEGATECALL to unknown code, as the app's queue row does.
 * One transaction that does not decode, or whose Safe's stored state does not read back, costs only its own line.
 */
export function queueDecodings(
  store: Store,
  items: readonly QueueItem[],
  byCode: ReadonlyMap<string, readonly string[]>,
): Map<string, QueueDecoding> {
  const options = new Map<string, DecodeOptions>();
  const found = new Map<string, QueueDecoding>();
  for (const item of items) {
    const { chainId, safe } = item.safeTx;
    const key = `${chainId}:${safe.toLowerCase()}`;
    try {
      if (!options.has(key)) options.set(key, storedDecodeOptions(store, chainId, safe));
      const stored = options.get(key)!;
      const recognised = byCode.get(item.safeTxHash.toLowerCase()) ?? [];
      const decoded = decodeTransaction(
        item.safeTx,
        recognised.length > 0
          ? { ...stored, extraMultiSend: [...(stored.extraMultiSend ?? []), ...recognised] }
          : stored,
      );
      found.set(item.safeTxHash, {
        summary: decoded.summary,
        classes: decoded.classes,
        delegatecallToUnknown: decoded.flags.delegatecallToUnknown,
        failure: null,
      });
    } catch (error) {
      if (!(error instanceof GuardianError)) throw error;
      found.set(item.safeTxHash, { failure: error.message });
    }
  }
  return found;
}
