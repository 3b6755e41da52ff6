import { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import { postConfirmation } from './postConfirmation.js';
import { unpostedConfirmations, type UnpostedConfirmation } from './unpostedConfirmations.js';

export type PostOutcome = UnpostedConfirmation & ({ posted: true } | { posted: false; failure: GuardianError });

/**
 * Posts again what was signed and stored here but never reached the Transaction Service, without touching a
 * device: each signature is re-verified against the owners and the hash as it is read (postConfirmation), so a
 * row edited on disk or a non-owner's signature is refused, not sent. One failure does not stop the others.
 */
export async function postStoredConfirmations(
  store: Store,
  options: { safeTxHash?: string; owner?: string; timeoutMs?: number } = {},
): Promise<PostOutcome[]> {
  const pending = unpostedConfirmations(store, options.safeTxHash).filter(
    (c) => !options.owner || c.owner.toLowerCase() === options.owner.toLowerCase(),
  );
  const outcomes: PostOutcome[] = [];
  for (const c of pending) {
    const item = store.getQueueItem(c.safeTxHash);
    const serviceUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.serviceUrl;
    if (!serviceUrl) {
      outcomes.push({
        ...c,
        posted: false,
        failure: new GuardianError(
          'INVALID_INPUT',
          `Safe ${item.safeTx.chainId}:${item.safeTx.safe} has no Transaction Service here (guardian safe add … --service URL).`,
        ),
      });
      continue;
    }
    try {
      await postConfirmation(store, {
        serviceUrl,
        safeTxHash: c.safeTxHash,
        owner: c.owner,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      outcomes.push({ ...c, posted: true });
    } catch (error) {
      if (!(error instanceof GuardianError)) throw error;
      outcomes.push({ ...c, posted: false, failure: error });
    }
  }
  return outcomes;
}
