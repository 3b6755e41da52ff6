import type { auditContract } from '../../ipc/auditContract.js';
import { auditEntryView } from '../auditEntryView.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function auditHandlers({ store }: Pick<HandlerContext, 'store'>): HandlersOf<typeof auditContract> {
  return {
    'audit.list': (request) =>
      store
        .listAudit()
        .reverse()
        .slice(0, request.limit ?? 200)
        .map(auditEntryView),
    'audit.verify': () => store.verifyAudit(),
  };
}
