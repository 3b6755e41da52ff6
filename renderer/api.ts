import type { Channel, IpcResult } from '../electron/ipc/channels.js';
import type { Request, Response } from '../electron/ipc/contract.js';

declare global {
  interface Window {
    guardian: { invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> };
  }
}

export class ConsoleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The renderer's only way out: typed calls over window.guardian, answered by the main process. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  const result = await window.guardian.invoke(channel, request);
  if (!result.ok) throw new ConsoleError(result.error.code, result.error.message);
  return result.value as Response<C>;
}
