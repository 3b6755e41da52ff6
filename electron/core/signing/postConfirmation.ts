import SafeApiKit from '@safe-global/api-kit';
import { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';

/**
 * Sends a stored signature to the Transaction Service with api-kit's confirmTransaction. The signature is
 * already on disk; a failure here loses nothing and can be retried.
 */
export async function postConfirmation(store: Store, options: { serviceUrl: string; safeTxHash: string; owner: string; timeoutMs?: number }): Promise<void> {
  const item = store.getQueueItem(options.safeTxHash);
  const confirmation = item.confirmations.find((c) => c.owner.toLowerCase() === options.owner.toLowerCase());
  if (!confirmation) throw new GuardianError('NOT_FOUND', `No stored signature of ${options.owner} for ${item.safeTxHash}.`);
  const api = new SafeApiKit({ chainId: item.safeTx.chainId, txServiceUrl: options.serviceUrl.replace(/\/+$/, '') });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      api.confirmTransaction(item.safeTxHash, confirmation.signature),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new GuardianError('SERVICE_TIMEOUT', 'The Transaction Service did not accept the signature in time; it is kept here, post it again later.')), options.timeoutMs ?? 15_000);
      }),
    ]);
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service refused the signature: ${(cause as Error).message}. It is kept on this machine.`, { cause });
  } finally {
    clearTimeout(timer);
  }
  store.appendAudit({ kind: 'posted', safeTxHash: item.safeTxHash, actor: confirmation.owner, details: { service: options.serviceUrl } });
}
