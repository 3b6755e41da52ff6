import { GuardianError } from '../../electron/core/errors.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createMainHandlers, type MainServices } from '../../electron/app/channelHandlers.js';
import { createIpcGate } from '../../electron/app/ipcGate.js';
import type { Channel } from '../../electron/ipc/channels.js';
import type { Response } from '../../electron/ipc/contract.js';
import { RENDERER_URL } from '../../electron/window/rendererProtocol.js';

/** The renderer's own top frame: the one sender the gate answers. */
export const RENDERER_FRAME = { url: RENDERER_URL, isMainFrame: true };

/** What a test hands the app: a store at least; the rest defaults to a console with no device plugged in. */
export type TestServices = Pick<MainServices, 'store'> & Partial<MainServices>;

/**
 * The real main-process handlers behind the IPC gate, with `invoke` asking a channel as the renderer's frame asks
 * it: the gate's whole answer ({ ok, value } or { ok: false, error }), its payload and response checked against
 * the contract. `drill`, `devices` and `backgroundReviews` are there for a test to wait on.
 */
export function appBehindGate(services: TestServices) {
  const main = createMainHandlers({
    clipboard: { writeText: () => {} },
    version: '0',
    dataDir: '/nowhere',
    openLedger: () => Promise.reject(new GuardianError('DEVICE_NOT_FOUND', 'No Ledger is plugged in here.')),
    ...services,
  });
  const gate = createIpcGate(main.handlers, RENDERER_URL);
  const invoke = (channel: string, payload: unknown = {}) => gate(RENDERER_FRAME, channel, payload);
  return { ...main, invoke };
}

export type AppBehindGate = ReturnType<typeof appBehindGate>;

/** One channel asked through the gate, its value returned, a refusal thrown: for a test that expects an answer. */
export async function throughGate<C extends Channel>(
  store: Store,
  channel: C,
  payload: unknown = {},
  services: Partial<MainServices> = {},
): Promise<Response<C>> {
  const result = await appBehindGate({ store, ...services }).invoke(channel, payload);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Response<C>;
}
