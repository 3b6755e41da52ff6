import { GuardianError } from '../errors.js';
import { toDeviceError } from './deviceErrors.js';
import { loadNodeHidTransport, type NodeHidTransportStatic, type Transport } from './ledgerLibraries.js';

export interface LedgerDeviceEvent {
  type: 'add' | 'remove';
  /** The HID path: pass it to openLedgerDevice. */
  descriptor: string;
  /** "Nano S Plus", "Nano X", ... when the USB product id is known. */
  model?: string;
}

/**
 * Ledger devices over USB HID. The HID implementation is a parameter so the CLI and the app use
 * @ledgerhq/hw-transport-node-hid while tests hand in their own; signing itself takes any Transport.
 */
export async function listLedgerDevices(hid: NodeHidTransportStatic = loadNodeHidTransport()): Promise<string[]> {
  try {
    return await hid.list();
  } catch (cause) {
    throw new GuardianError(
      'DEVICE_FAILED',
      "Could not list USB devices. On Linux, install Ledger's udev rules; then plug the Ledger in again.",
      { cause },
    );
  }
}

/** Follows plug and unplug; returns the function that stops listening. */
export function watchLedgerDevices(
  onEvent: (event: LedgerDeviceEvent) => void,
  onError: (error: GuardianError) => void,
  hid: NodeHidTransportStatic = loadNodeHidTransport(),
): () => void {
  const subscription = hid.listen({
    next: (e) =>
      onEvent({
        type: e.type,
        descriptor: e.descriptor,
        ...(e.deviceModel ? { model: e.deviceModel.productName } : {}),
      }),
    error: (error) => onError(toDeviceError(error, { operation: 'open' })),
    complete: () => {},
  });
  return () => subscription.unsubscribe();
}

/** Opens the device at `descriptor`, or the only one plugged in. */
export async function openLedgerDevice(
  descriptor?: string,
  hid: NodeHidTransportStatic = loadNodeHidTransport(),
): Promise<Transport> {
  let path = descriptor;
  if (path === undefined) {
    const paths = await listLedgerDevices(hid);
    if (paths.length === 0) {
      throw new GuardianError(
        'DEVICE_NOT_FOUND',
        'No Ledger found. Plug it in with a data cable, unlock it with its PIN, then try again.',
      );
    }
    if (paths.length > 1) {
      throw new GuardianError(
        'INVALID_INPUT',
        `${paths.length} Ledgers are plugged in. Unplug all but the one that should sign, or choose one by its path.`,
        {
          details: { paths },
        },
      );
    }
    path = paths[0]!;
  }
  try {
    return await hid.open(path);
  } catch (cause) {
    const error = toDeviceError(cause, { operation: 'open' });
    if (error.code !== 'DEVICE_FAILED') throw error;
    throw new GuardianError(
      'DEVICE_FAILED',
      "Could not open the Ledger. Close Ledger Live or any wallet using it, check Ledger's udev rules on Linux, then unplug and replug it.",
      { details: { path }, cause },
    );
  }
}
