import { approveWithOwnerSafe } from '../../core/nested/approveWithOwnerSafe.js';
import { ownerSafesOf } from '../../core/nested/ownerSafesOf.js';
import { approvedOuterHash } from '../../core/signing/recordNestedApproval.js';
import type { nestedContract } from '../../ipc/nestedContract.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function nestedHandlers({ store }: Pick<HandlerContext, 'store'>): HandlersOf<typeof nestedContract> {
  return {
    'nested.ownerSafes': async (request) => {
      const found = await ownerSafesOf(store, request.safeTxHash);
      const approved = approvedOuterHash(store, store.getQueueItem(request.safeTxHash));
      return {
        outer: { ...found.outer, chainId: found.outer.chainId.toString() },
        ownerSafes: found.ownerSafes,
        chainUnavailable: found.chainUnavailable,
        approves: approved ? { safe: store.getQueueItem(approved).safeTx.safe, safeTxHash: approved } : null,
      };
    },
    'nested.approve': (request) => {
      const outer = store.getQueueItem(request.outerSafeTxHash);
      const approval = approveWithOwnerSafe(store, {
        outerSafeTxHash: outer.safeTxHash,
        ownerSafe: { chainId: outer.safeTx.chainId, address: request.ownerSafe },
      });
      const { safeTx, safeTxHash } = approval.inner;
      return {
        outer: { ...approval.outer, chainId: approval.outer.chainId.toString() },
        inner: { chainId: safeTx.chainId.toString(), safe: safeTx.safe, safeTxHash, nonce: safeTx.nonce.toString() },
        alreadyStored: approval.alreadyStored,
        deviceSigns: safeTxHash,
      };
    },
  };
}
