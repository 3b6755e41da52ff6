import { watchSafe } from '../../core/queue/watchSafe.js';
import type { safesContract } from '../../ipc/safesContract.js';
import { damagedRowView } from '../damagedRowView.js';
import { watchedSafeView } from '../watchedSafeView.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function safesHandlers({ store }: Pick<HandlerContext, 'store'>): HandlersOf<typeof safesContract> {
  return {
    // One damaged row must not hide the other Safes: it is named by safes.damaged instead.
    'safes.list': () => store.readWatchedSafes().safes.map((s) => watchedSafeView(store, s)),
    'safes.damaged': () => store.readWatchedSafes().damaged.map(damagedRowView),
    'safes.watch': async (request) =>
      watchedSafeView(
        store,
        await watchSafe(store, {
          chainId: BigInt(request.chainId),
          address: request.address,
          serviceUrl: request.serviceUrl,
          rpcUrl: request.rpcUrl,
          label: request.label,
        }),
      ),
  };
}
