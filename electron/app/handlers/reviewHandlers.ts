import { verifiedConfirmations } from '../../core/bundle/verifiedConfirmations.js';
import { ownerSafesOf } from '../../core/nested/ownerSafesOf.js';
import type { reviewContract } from '../../ipc/reviewContract.js';
import { reviewView } from '../reviewView.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function reviewHandlers({
  store,
  review,
  progress,
  scheduler,
  shownAddresses,
}: Pick<HandlerContext, 'store' | 'review' | 'progress' | 'scheduler' | 'shownAddresses'>): HandlersOf<
  typeof reviewContract
> {
  return {
    'queue.review': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      // Asked for by hand: it need not wait its turn behind the reviews the station runs unasked.
      scheduler.withdraw(item.safeTxHash);
      // An owner Safe's approveHash executed at another station is on the chain, not in the store: ownerSafesOf
      // keeps it as that owner's approved-hash confirmation, so the quorum read below counts it on the first
      // review. Asked beside the simulation; without an RPC the Owner Safes panel says what it could not tell.
      const recording = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl
        ? ownerSafesOf(store, item.safeTxHash).catch(() => null)
        : null;
      // Already under way unasked: the guardian gets that review, not a second anvil racing it.
      const { review: done, book } = await (scheduler.runningReview(item.safeTxHash) ?? review(item.safeTxHash));
      await recording;
      const { quorum } = await verifiedConfirmations(store, item.safeTxHash);
      const view = reviewView(done, book, item.safeTx.chainId, quorum);
      shownAddresses.set(item.safeTxHash.toLowerCase(), new Set(view.addresses.map((a) => a.address.toLowerCase())));
      return view;
    },
    'queue.reviewProgress': (request) => ({ steps: progress.read(request.safeTxHash) }),
    'queue.retryReview': (request) => {
      scheduler.enqueue([store.getQueueItem(request.safeTxHash).safeTxHash]);
      return { queued: true as const };
    },
  };
}
