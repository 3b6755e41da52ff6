import { SAFE_VERSION_RULES } from '../../core/safe/safeVersions.js';
import type { appContract } from '../../ipc/appContract.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function appHandlers({ services }: Pick<HandlerContext, 'services'>): HandlersOf<typeof appContract> {
  return {
    'app.info': () => ({
      version: services.version,
      dataDir: services.dataDir,
      safeVersions: SAFE_VERSION_RULES.map((r) => r.version),
    }),
  };
}
