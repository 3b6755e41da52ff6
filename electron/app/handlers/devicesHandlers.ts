import type { devicesContract } from '../../ipc/devicesContract.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function devicesHandlers({ devices }: Pick<HandlerContext, 'devices'>): HandlersOf<typeof devicesContract> {
  return {
    'devices.changed': (request) => devices.changedAfter(request.after),
  };
}
