import { GuardianError, isGuardianError } from '../errors.js';

/** A Ledger on the USB bus: its HID path and, when its product id is known, its model ("Nano X"). */
export interface PluggedLedger {
  path: string;
  model: string | null;
}

export interface DeviceChange {
  type: 'connected' | 'unplugged';
  path: string;
  model: string | null;
}

export type ListPluggedLedgers = () => Promise<PluggedLedger[]>;

/**
 * Plug and unplug, found by comparing one listing of the bus with the one before. hw-transport-node-hid's own
 * `listen` waits for libusb hotplug events before it lists again, which needs the usb native module and hotplug
 * support; a listing every half second needs only HID, works on every platform the console signs on, and lets
 * tests hand in a scripted bus.
 */
export interface DeviceWatcher {
  /** Lists the bus once and returns what changed since the last listing (the first one reports all as connected). */
  poll(): Promise<DeviceChange[]>;
  /** What the last listing found. */
  plugged(): PluggedLedger[];
}

export function createDeviceWatcher(list: ListPluggedLedgers): DeviceWatcher {
  let known = new Map<string, PluggedLedger>();
  return {
    async poll() {
      const now = new Map((await list()).map((d) => [d.path, d]));
      const changes: DeviceChange[] = [];
      for (const [path, d] of known) if (!now.has(path)) changes.push({ type: 'unplugged', path, model: d.model });
      for (const [path, d] of now) if (!known.has(path)) changes.push({ type: 'connected', path, model: d.model });
      known = now;
      return changes;
    },
    plugged: () => [...known.values()],
  };
}

export interface WatchDevicesOptions {
  list: ListPluggedLedgers;
  onChange: (change: DeviceChange, plugged: PluggedLedger[]) => void;
  /** Told once when listing fails, not again until a listing has worked. */
  onError?: (error: GuardianError) => void;
  intervalMs?: number;
}

export const DEVICE_POLL_MS = 500;

/** Lists the bus every `intervalMs` until the returned function is called; a listing never overlaps the last. */
export function watchDevices(options: WatchDevicesOptions): () => void {
  const watcher = createDeviceWatcher(options.list);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;
  const tick = async () => {
    try {
      const changes = await watcher.poll();
      failing = false;
      if (!stopped) for (const change of changes) options.onChange(change, watcher.plugged());
    } catch (cause) {
      if (!failing && !stopped)
        options.onError?.(
          isGuardianError(cause) ? cause : new GuardianError('DEVICE_FAILED', 'Could not list USB devices.', { cause }),
        );
      failing = true;
    }
    if (!stopped) timer = setTimeout(() => void tick(), options.intervalMs ?? DEVICE_POLL_MS);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** "Ledger Nano X" as @ledgerhq/devices names it, "Nano X" as a guardian says it. */
export function deviceModelName(productName: string | null | undefined): string | null {
  return productName ? productName.replace(/^Ledger\s+/, '') : null;
}
