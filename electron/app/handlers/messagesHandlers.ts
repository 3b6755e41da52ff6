import type { messagesContract } from '../../ipc/messagesContract.js';
import { messageSigning } from '../messageSigning.js';
import { messagesList } from '../messagesList.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function messagesHandlers({
  services,
  store,
  signing,
}: Pick<HandlerContext, 'services' | 'store' | 'signing'>): HandlersOf<typeof messagesContract> {
  return {
    'messages.list': (request) => messagesList(store, request.pull ?? false),
    'messages.sign': (request) =>
      signing.alone(
        request.safeMessageHash,
        'This message is already being signed at this station: finish on the Ledger first.',
        () =>
          messageSigning(store, () => services.openLedger(), {
            safeMessageHash: request.safeMessageHash,
            acknowledged: request.acknowledged,
            ...request.account,
          }),
      ),
  };
}
