import SafeApiKit from '@safe-global/api-kit';
import { GuardianError } from '../errors.js';
import type { Store } from '../store/openStore.js';
import { verifiedConfirmations } from '../bundle/verifiedConfirmations.js';

/**
 * Sends a stored signature to the Transaction Service with api-kit's confirmTransaction. The signature is
 * already on disk; a failure here loses nothing and can be retried.
 */
export async function postConfirmation(
  store: Store,
  options: { serviceUrl: string; safeTxHash: string; owner: string; timeoutMs?: number },
): Promise<void> {
  // Verified again as read: a row edited on disk, or a signature the state disproves, is never sent.
  const { item, verdicts } = await verifiedConfirmations(store, options.safeTxHash);
  const verdict = verdicts.find((v) => v.owner.toLowerCase() === options.owner.toLowerCase());
  if (!verdict) throw new GuardianError('NOT_FOUND', `No stored signature of ${options.owner} for ${item.safeTxHash}.`);
  if (verdict.status === 'refused')
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The stored signature of ${verdict.owner} is refused, so it is not posted: ${verdict.reason}`,
      { details: { owner: verdict.owner, safeTxHash: item.safeTxHash } },
    );
  const { confirmation } = verdict;
  const api = new SafeApiKit({ chainId: item.safeTx.chainId, txServiceUrl: options.serviceUrl.replace(/\/+$/, '') });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      api.confirmTransaction(item.safeTxHash, confirmation.signature),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new GuardianError(
                'SERVICE_TIMEOUT',
                'The Transaction Service did not accept the signature in time; it is kept here, post it again later.',
              ),
            ),
          options.timeoutMs ?? 15_000,
        );
      }),
    ]);
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError(
      'SERVICE_BAD_RESPONSE',
      `The Transaction Service refused the signature: ${(cause as Error).message}. It is kept on this machine.`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
  }
  store.appendAudit({
    kind: 'posted',
    safeTxHash: item.safeTxHash,
    actor: confirmation.owner,
    details: { service: options.serviceUrl },
  });
}
