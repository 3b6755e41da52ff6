import type { ListPluggedLedgers } from '../core/ledger/deviceWatcher.js';
import type { Transport } from '../core/ledger/ledgerLibraries.js';
import { waitForLedger } from '../core/ledger/waitForLedger.js';
import type { CliContext } from './cliContext.js';

/**
 * Opens the Ledger for a verb that signs: at a terminal it waits for one to be plugged in, saying so, and tells
 * plug and unplug on stderr as `guardian sign` does; a script (no terminal) gets DEVICE_NOT_FOUND at once.
 * Without a listing of the bus it opens the only device plugged in.
 */
export function waitingDeviceOpener(
  ctx: CliContext,
  deps: { openDevice: (path?: string) => Promise<Transport>; listDevices?: ListPluggedLedgers; pollMs?: number },
): { openDevice: () => Promise<Transport>; stop: () => void } {
  const list = deps.listDevices;
  if (!list) return { openDevice: () => deps.openDevice(), stop: () => {} };
  let stop = () => {};
  const say = (s: string) => ctx.streams.stderr.write(`${s}\n`);
  return {
    openDevice: async () => {
      const watched = await waitForLedger({
        list,
        open: (path) => deps.openDevice(path),
        onChange: (change) =>
          say(
            change.type === 'connected'
              ? `Ledger connected${change.model ? `: ${change.model}` : ''}`
              : `Ledger unplugged${change.model ? ` (${change.model})` : ''}`,
          ),
        onWaiting: () => say('Waiting for the Ledger: plug it in with a data cable and unlock it…'),
        ...(deps.pollMs ? { intervalMs: deps.pollMs } : {}),
        ...(ctx.streams.stderr.isTTY ? {} : { giveUpAfterMs: 0 }),
      });
      stop = watched.stop;
      return watched.transport;
    },
    stop: () => stop(),
  };
}
