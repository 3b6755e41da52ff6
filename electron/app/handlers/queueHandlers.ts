import { verifiedConfirmations } from '../../core/bundle/verifiedConfirmations.js';
import { decodeTransaction, type DecodeOptions } from '../../core/decode/decodeTransaction.js';
import { GuardianError } from '../../core/errors.js';
import { pullQueue } from '../../core/queue/pullQueue.js';
import { responseFigures } from '../../core/queue/responseFigures.js';
import { signatureDepths } from '../../core/signing/signatureDepths.js';
import { storedDecodeOptions } from '../../core/store/storedDecodeOptions.js';
import type { QueueEntry } from '../../ipc/contract.js';
import type { queueContract } from '../../ipc/queueContract.js';
import { damagedRowView } from '../damagedRowView.js';
import { lastReviews } from '../lastReviews.js';
import { pendingQueueItems } from '../pendingQueueItems.js';
import { queueEntry, type QueueReading } from '../queueEntry.js';
import { reviewedMultiSends } from '../../core/simulate/reviewedMultiSends.js';
import { unreviewedHashes } from '../unreviewedHashes.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function queueHandlers({
  store,
  scheduler,
  progress,
}: Pick<HandlerContext, 'store' | 'scheduler' | 'progress'>): HandlersOf<typeof queueContract> {
  const background = (hash: string): QueueEntry['background'] => {
    const at = scheduler.state(hash);
    if (!at) return null;
    if (at.state === 'failed') return { state: 'failed', detail: at.message };
    return { state: at.state, detail: at.state === 'reviewing' ? (progress.read(hash)?.at(-1)?.detail ?? null) : null };
  };
  const threshold = (chainId: bigint, safe: string) => store.getSafeInfo(chainId, safe)?.threshold ?? null;
  return {
    'queue.list': async (request) => {
      const items = pendingQueueItems(
        store,
        store.listQueueItems({
          ...(request.chainId ? { chainId: BigInt(request.chainId) } : {}),
          ...(request.safe ? { safe: request.safe } : {}),
        }),
      );
      // One set of decode options per Safe, not per row: they come from the store (ABIs, owners, labels).
      const options = new Map<string, DecodeOptions>();
      const byCode = reviewedMultiSends(store);
      const read = (item: (typeof items)[number]): QueueReading => {
        const { chainId, safe } = item.safeTx;
        const key = `${chainId}:${safe.toLowerCase()}`;
        try {
          if (!options.has(key)) options.set(key, storedDecodeOptions(store, chainId, safe));
          const stored = options.get(key)!;
          // A MultiSend its review recognised by code is read as one here too: the row says what the review says.
          const recognised = byCode.get(item.safeTxHash.toLowerCase()) ?? [];
          return {
            decoded: decodeTransaction(
              item.safeTx,
              recognised.length > 0
                ? { ...stored, extraMultiSend: [...(stored.extraMultiSend ?? []), ...recognised] }
                : stored,
            ),
          };
        } catch (error) {
          // One unreadable transaction costs its own row its sentence, never the list.
          return { failure: error instanceof GuardianError ? error.message : 'the decoder failed' };
        }
      };
      const reviewed = lastReviews(store);
      // Every stored signature verified again as the list is read, as guardian queue does.
      const entries: QueueEntry[] = [];
      const now = new Date();
      for (const item of items) {
        const { verdicts, quorum } = await verifiedConfirmations(store, item.safeTxHash);
        const live = {
          figures: responseFigures(item, verdicts, quorum, now),
          depthOf: signatureDepths(store, item.safeTxHash),
        };
        entries.push(
          queueEntry(
            item,
            threshold(item.safeTx.chainId, item.safeTx.safe),
            read(item),
            verdicts,
            reviewed.get(item.safeTxHash.toLowerCase()) ?? null,
            background(item.safeTxHash),
            live,
          ),
        );
      }
      return entries;
    },
    'queue.pull': async () => {
      // Each Safe lands whole or not at all (pullQueue); one unreachable service costs only its own Safe.
      const { safes, damaged } = store.readWatchedSafes();
      const outcomes = await Promise.all(safes.map((safe) => pullQueue(store, safe)));
      scheduler.enqueue(
        unreviewedHashes(
          store,
          pendingQueueItems(store, store.listQueueItems()).map((i) => i.safeTxHash),
        ),
      );
      return {
        safes: outcomes.map(({ safe, pulled, rejected, failure }) => ({
          chainId: safe.chainId.toString(),
          address: safe.address,
          label: safe.label,
          asked: safe.serviceUrl !== null,
          pulled,
          refused: rejected.map((r) => ({
            claimedSafeTxHash: r.claimedSafeTxHash ?? null,
            nonce: r.nonce ?? null,
            reason: r.error.message,
          })),
          failure: failure?.message ?? null,
        })),
        damaged: damaged.map(damagedRowView),
      };
    },
  };
}
