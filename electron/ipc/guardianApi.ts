import type { Channel, IpcResult } from './channels.js';
import type { Request, Response } from './contract.js';

type Namespace = Channel extends infer C ? (C extends `${infer N}.${string}` ? N : never) : never;
type Method<C extends Channel> =
  {} extends Request<C>
    ? (request?: Request<C>) => Promise<IpcResult<Response<C>>>
    : (request: Request<C>) => Promise<IpcResult<Response<C>>>;

/**
 * `window.guardian`: one method per allow-listed channel, grouped by the name before the dot
 * (`guardian.queue.list({})` calls 'queue.list'). Every method resolves to an IpcResult; none throws.
 */
export type GuardianApi = {
  readonly [N in Namespace]: { readonly [C in Channel as C extends `${N}.${infer M}` ? M : never]: Method<C> };
};

/**
 * Builds window.guardian from the channel list. The preload hands it ipcRenderer.invoke; the browser tests hand
 * it a bridge to the same main-process gate; so the shape the renderer sees cannot drift between the two.
 * Self-contained on purpose: it runs in the sandboxed preload and is bundled alone into the test page.
 */
export function buildGuardianApi(
  channels: readonly string[],
  send: (channel: string, payload: unknown) => Promise<unknown>,
): GuardianApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const [namespace, method, extra] = channel.split('.');
    if (!namespace || !method || extra !== undefined)
      throw new Error(`IPC channel "${channel}" must be named namespace.method`);
    (api[namespace] ??= {})[method] = (request?: unknown) => send(channel, request ?? {});
  }
  for (const methods of Object.values(api)) Object.freeze(methods);
  return Object.freeze(api) as unknown as GuardianApi;
}
