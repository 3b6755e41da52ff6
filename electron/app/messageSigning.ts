import type { Transport } from '../core/ledger/ledgerLibraries.js';
import { signMessageOnDevice } from '../core/message/signMessageOnDevice.js';
import type { Store } from '../core/store/openStore.js';
import type { Response } from '../ipc/contract.js';

/** The app's messages.sign: the same station signing as `guardian message sign`, reduced to what the screen shows. */
export async function messageSigning(
  store: Store,
  openDevice: () => Promise<Transport>,
  request: { safeMessageHash: string; acknowledged: readonly string[]; path?: string; scan?: number },
): Promise<Response<'messages.sign'>> {
  const { result, posted, postFailure, onChain } = await signMessageOnDevice({
    store,
    openDevice,
    ...request,
    post: true,
  });
  return {
    signer: result.signer,
    path: result.path,
    posted,
    postFailure: postFailure?.message ?? null,
    signed: result.quorum.signed.map((s) => s.owner),
    threshold: result.quorum.threshold,
    onChainValid: onChain ? onChain.valid : null,
  };
}
