import { causeChain } from '../core/errorCauses.js';
import { GuardianError } from '../core/errors.js';
import { isChannel, type IpcResult } from '../ipc/channels.js';
import { contract } from '../ipc/contract.js';
import { isOwnPage } from '../window/rendererProtocol.js';
import type { ChannelHandlers } from './channelHandlers.js';

/** The frame a call came from, as Electron's event.senderFrame (or the test browser's frame) describes it. */
export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

const refused = (message: string): IpcResult<never> => ({ ok: false, error: { code: 'IPC_REFUSED', message } });

/**
 * The gate every renderer call passes, in the app (ipcMain.handle) and in the browser tests alike: our own top
 * frame, an allow-listed channel, a payload its schema accepts, and a result its schema accepts. Anything else is
 * answered with a typed error, never with a thrown object or a stack (Electron's checklist: validate the sender
 * of every IPC message, treat every payload as hostile).
 */
export function createIpcGate(
  handlers: ChannelHandlers,
  rendererUrl: string,
  log: (message: string, error: unknown) => void = () => {},
) {
  return async function invoke(
    sender: SenderFrame | null,
    channel: unknown,
    payload: unknown,
  ): Promise<IpcResult<unknown>> {
    if (!sender || !sender.isMainFrame || !isOwnPage(sender.url, rendererUrl))
      return refused('Only the Guardian Console page may call the console.');
    if (!isChannel(channel)) return refused(`Unknown channel "${String(channel).slice(0, 80)}".`);
    // Validation runs inside the try: a hostile payload may make the schema itself throw (a getter, a regex
    // out of stack on megabytes of calldata), and the renderer must still get an answer, not a rejection.
    let request: unknown;
    try {
      const parsed = contract[channel].request.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: `Invalid ${channel} request: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
          },
        };
      }
      request = parsed.data;
    } catch (error) {
      log(`IPC ${channel} request could not be validated`, error);
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid ${channel} request: it could not be read (${error instanceof Error ? error.name : 'not an object'}).`,
        },
      };
    }
    try {
      const value: unknown = await (handlers[channel] as (request: unknown) => unknown)(request);
      return { ok: true, value: contract[channel].response.parse(value) };
    } catch (error) {
      // The cause chain holds names, codes and messages only (causeChain), so a guardian told "the RPC did not
      // answer" sees ECONNREFUSED without the renderer getting a stack.
      if (error instanceof GuardianError) {
        const cause = causeChain(error);
        return {
          ok: false,
          error: { code: error.code, message: error.message, ...(cause.length > 0 ? { cause } : {}) },
        };
      }
      log(`IPC ${channel} failed`, error);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `The console failed on ${channel}; its log has the details.` },
      };
    }
  };
}

export type IpcGate = ReturnType<typeof createIpcGate>;
