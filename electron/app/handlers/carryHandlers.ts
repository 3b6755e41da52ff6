import { carryPreState } from '../../core/bundle/carryPreState.js';
import { reviewBundle, reviewBundleJson } from '../../core/bundle/reviewBundle.js';
import { signaturesFile } from '../../core/bundle/signaturesFile.js';
import { GuardianError } from '../../core/errors.js';
import type { carryContract } from '../../ipc/carryContract.js';
import { exportFile } from '../exportFile.js';
import { importedFile } from '../importedFile.js';
import { signatureQrView } from '../signatureQrView.js';
import { unreviewedHashes } from '../unreviewedHashes.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function carryHandlers({
  services,
  store,
  scheduler,
}: Pick<HandlerContext, 'services' | 'store' | 'scheduler'>): HandlersOf<typeof carryContract> {
  return {
    'queue.import': async (request) => {
      const result = await importedFile(
        store,
        request.name,
        request.encoding === 'base64' ? Buffer.from(request.text, 'base64') : request.text,
        request.nonce === undefined ? undefined : BigInt(request.nonce),
        services.readQrPicture,
      );
      scheduler.enqueue(
        unreviewedHashes(
          store,
          result.imported.map((i) => i.safeTxHash),
        ),
      );
      return result;
    },
    'queue.exportBundle': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
      if (!rpcUrl)
        throw new GuardianError(
          'INVALID_INPUT',
          'A review bundle carries the pre-state of a review on a fork: this Safe has no RPC URL here.',
        );
      const carried = await carryPreState(store, item, rpcUrl);
      return {
        path: exportFile(
          services.dataDir,
          `${item.safeTxHash.slice(0, 10)}.bundle.json`,
          reviewBundleJson(await reviewBundle(store, item.safeTxHash, carried)),
        ),
      };
    },
    'queue.exportSignatures': async (request) => {
      const file = await signaturesFile(store, request.safeTxHash);
      return {
        path: exportFile(services.dataDir, `${file.safeTxHash.slice(0, 10)}.signatures.json`, file),
        signatures: file.confirmations.length,
      };
    },
    'queue.signatureQr': (request) => signatureQrView(store, request.safeTxHash),
  };
}
