import { safeTxHashes } from '../../core/safe/safeTxHash.js';
import type { hashesContract } from '../../ipc/hashesContract.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function hashesHandlers({ store }: Pick<HandlerContext, 'store'>): HandlersOf<typeof hashesContract> {
  return {
    'queue.hashes': (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      return { ...safeTxHashes(item.safeTx), storedSafeTxHash: item.safeTxHash };
    },
    'tx.hashes': (request) => safeTxHashes(request.tx),
  };
}
