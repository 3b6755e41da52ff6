import { createRequire } from 'node:module';
import { GuardianError } from '../errors.js';
import { deviceModelName, type PluggedLedger } from './deviceWatcher.js';

/**
 * The Ledgers on USB with their models. hw-transport-node-hid lists paths only; the HID listing it builds on
 * (its own dependency, hw-transport-node-hid-noevents) also gives each product id, which @ledgerhq/devices maps
 * to a model. Both are resolved from hw-transport-node-hid so they are the versions it ships with, and loaded
 * on first use like the rest of the Ledger stack (ledgerLibraries.ts).
 */
interface HidListing {
  getDevices(): Array<{ path?: string; productId?: number }>;
}
interface DeviceModels {
  identifyUSBProductId(productId: number): { productName: string } | undefined;
}

function loadListing(): { hid: HidListing; models: DeviceModels } {
  const fromTransport = createRequire(createRequire(import.meta.url).resolve('@ledgerhq/hw-transport-node-hid'));
  const hid = fromTransport('@ledgerhq/hw-transport-node-hid-noevents') as HidListing;
  const models = createRequire(fromTransport.resolve('@ledgerhq/hw-transport-node-hid-noevents'))(
    '@ledgerhq/devices',
  ) as DeviceModels;
  return { hid, models };
}

export async function listPluggedLedgers(): Promise<PluggedLedger[]> {
  try {
    const { hid, models } = loadListing();
    return hid
      .getDevices()
      .filter((d): d is { path: string; productId?: number } => typeof d.path === 'string')
      .map((d) => ({
        path: d.path,
        model: deviceModelName(
          d.productId === undefined ? null : models.identifyUSBProductId(d.productId)?.productName,
        ),
      }));
  } catch (cause) {
    throw new GuardianError(
      'DEVICE_FAILED',
      "Could not list USB devices. On Linux, install Ledger's udev rules; then plug the Ledger in again.",
      { cause },
    );
  }
}
