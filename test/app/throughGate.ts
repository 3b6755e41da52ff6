import { GuardianError } from '../../electron/core/errors.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createMainHandlers } from '../../electron/app/channelHandlers.js';
import { createIpcGate } from '../../electron/app/ipcGate.js';
import type { Channel } from '../../electron/ipc/channels.js';
import type { Response } from '../../electron/ipc/contract.js';
import { RENDERER_URL } from '../../electron/window/rendererProtocol.js';

/**
 * One channel asked of the real main-process handlers through the IPC gate, as the renderer asks it, so the
 * contract's response schema checks the shape. No device is plugged in.
 */
export async function throughGate<C extends Channel>(
  store: Store,
  channel: C,
  payload: unknown = {},
): Promise<Response<C>> {
  const { handlers } = createMainHandlers({
    store,
    clipboard: { writeText: () => {} },
    version: '0',
    dataDir: '/nowhere',
    openLedger: () => Promise.reject(new GuardianError('DEVICE_NOT_FOUND', 'none')),
  });
  const result = await createIpcGate(handlers, RENDERER_URL)(
    { url: RENDERER_URL, isMainFrame: true },
    channel,
    payload,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Response<C>;
}
