import { GuardianError } from '../errors.js';
import { createDeviceWatcher, DEVICE_POLL_MS, type DeviceChange, type ListPluggedLedgers } from './deviceWatcher.js';
import type { Transport } from './ledgerLibraries.js';

export interface WaitForLedgerOptions {
  list: ListPluggedLedgers;
  open: (path: string) => Promise<Transport>;
  /** Every plug and unplug, while waiting and after, until `stop`: what the CLI prints as it happens. */
  onChange?: (change: DeviceChange) => void;
  /** Nothing was plugged in at the first listing: the guardian is asked to plug the Ledger in. */
  onWaiting?: () => void;
  intervalMs?: number;
  /** How long to wait for a Ledger before giving up with DEVICE_NOT_FOUND; 0 looks once. */
  giveUpAfterMs?: number;
}

export interface WatchedLedger {
  transport: Transport;
  model: string | null;
  /** Stops following plug and unplug; the transport is the caller's to close. */
  stop: () => void;
}

const GIVE_UP_MS = 5 * 60_000;

/**
 * Waits until one Ledger is plugged in and opens it, telling plug and unplug as they happen, and keeps telling
 * them while the caller signs: a guardian who pulls the cable sees "unplugged" where they look, not only an error.
 * Two Ledgers plugged in at once are refused, as openLedgerDevice does: the console never picks which one signs.
 */
export function waitForLedger(options: WaitForLedgerOptions): Promise<WatchedLedger> {
  const watcher = createDeviceWatcher(options.list);
  const interval = options.intervalMs ?? DEVICE_POLL_MS;
  const deadline = Date.now() + (options.giveUpAfterMs ?? GIVE_UP_MS);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  return new Promise<WatchedLedger>((resolve, reject) => {
    let opened = false;
    let first = true;
    const fail = (error: unknown) => {
      stop();
      reject(error);
    };
    const tick = async () => {
      let changes: DeviceChange[];
      try {
        changes = await watcher.poll();
      } catch (error) {
        // Before a device is open the listing is the only way to find it; after, signing goes on without it.
        if (!opened) return fail(error);
        changes = [];
      }
      if (stopped) return;
      for (const change of changes) options.onChange?.(change);
      const plugged = watcher.plugged();
      if (!opened && plugged.length === 0 && Date.now() >= deadline)
        return fail(
          new GuardianError(
            'DEVICE_NOT_FOUND',
            'No Ledger found. Plug it in with a data cable, unlock it with its PIN, then try again.',
          ),
        );
      if (!opened && first && plugged.length === 0) options.onWaiting?.();
      first = false;
      if (!opened && plugged.length > 1)
        return fail(
          new GuardianError(
            'INVALID_INPUT',
            `${plugged.length} Ledgers are plugged in. Unplug all but the one that should sign.`,
            { details: { paths: plugged.map((d) => d.path) } },
          ),
        );
      if (!opened && plugged.length === 1) {
        opened = true;
        const device = plugged[0]!;
        try {
          resolve({ transport: await options.open(device.path), model: device.model, stop });
        } catch (error) {
          return fail(error);
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), interval);
    };
    void tick();
  });
}
