import type { Channel, IpcError, IpcErrorCode, IpcResult } from '../electron/ipc/channels.js';
import type { Request, Response } from '../electron/ipc/contract.js';
import type { GuardianApi } from '../electron/ipc/guardianApi.js';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts; the renderer's only way out. */
    readonly guardian: GuardianApi;
  }
}

/** A refusal from the main process, with its stable code (INVALID_INPUT, NOT_FOUND, IPC_REFUSED, ...). */
export class ConsoleError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    /** What caused it, outermost first, as the main process described it. */
    readonly causes: NonNullable<IpcError['cause']> = [],
  ) {
    super(message);
  }
}

type AnyMethod = (request?: unknown) => Promise<IpcResult<unknown>>;

/** A typed call over window.guardian: resolves to the channel's response, or throws a ConsoleError. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  const [namespace, method] = channel.split('.') as [string, string];
  const invoke = (window.guardian as unknown as Record<string, Record<string, AnyMethod> | undefined>)[namespace]?.[
    method
  ];
  if (!invoke) throw new ConsoleError('IPC_REFUSED', `This console has no ${channel} channel.`);
  const result = await invoke(request);
  if (!result.ok) throw new ConsoleError(result.error.code, result.error.message, result.error.cause);
  return result.value as Response<C>;
}

/** The message to show for a failed call: a ConsoleError's own words and code, a fixed line for anything else. */
export function failureText(error: unknown, fallback: string): string {
  if (!(error instanceof ConsoleError)) return fallback;
  let text = `${error.message} [${error.code}]`;
  // A cause the message already quotes (a JSON parser's words, say) adds nothing but length.
  for (const c of error.causes)
    if (!text.includes(c.message))
      text += ` Caused by ${c.name}${c.code !== undefined ? ` [${c.code}]` : ''}: ${c.message}`;
  return text;
}
