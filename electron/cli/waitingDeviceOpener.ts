import type { ListPluggedLedgers } from '../core/ledger/deviceWatcher.js';
import type { Transport } from '../core/ledger/ledgerLibraries.js';
import { waitForLedger } from '../core/ledger/waitForLedger.js';
import type { CliContext } from './cliContext.js';

/** How a verb that signs reaches its Ledger: USB HID for the command line, a software Ledger in tests. */
export interface SigningDevices {
  /** Opens the device at a path the listing found, or the only one plugged in when there is no listing. */
  openDevice: (path?: string) => Promise<Transport>;
  /** The Ledgers on the bus: with it, the verb waits for one to be plugged in and tells plug and unplug. */
  listDevices?: ListPluggedLedgers;
  pollMs?: number;
}

/**
 * Opens the Ledger for a verb that signs: at a terminal it waits for one to be plugged in, saying so, and tells
 * plug and unplug on stderr (guardian sign, message sign, nested sign, bundle export --sign, execute); a script (no
 * terminal) gets DEVICE_NOT_FOUND at once.
 * Without a listing of the bus it opens the only device plugged in.
 */
export function waitingDeviceOpener(
  ctx: CliContext,
  deps: SigningDevices,
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
