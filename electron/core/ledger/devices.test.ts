import { describe, expect, it } from 'vitest';
import { SoftwareLedger } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import { listLedgerDevices, openLedgerDevice, watchLedgerDevices, type LedgerDeviceEvent } from './devices.js';
import { LedgerEthApp } from './ethApp.js';
import type { NodeHidTransportStatic } from './ledgerLibraries.js';

/** A USB bus with software devices plugged in; the real node-hid is exercised by the first test only. */
function bus(paths: string[], openFails = false): NodeHidTransportStatic & { plug: (e: LedgerDeviceEvent) => void } {
  let observer: Parameters<NodeHidTransportStatic['listen']>[0] | null = null;
  return {
    isSupported: async () => true,
    list: async () => paths,
    listen: (o) => {
      observer = o;
      return { unsubscribe: () => (observer = null) };
    },
    open: async (path) => {
      if (openFails) throw new Error(`cannot open device with path ${path}`);
      return new SoftwareLedger();
    },
    plug: (e) =>
      observer?.next({
        type: e.type,
        descriptor: e.descriptor,
        deviceModel: e.model ? { id: 'nanoSP', productName: e.model } : null,
      }),
  };
}

describe('Ledger devices over USB HID', () => {
  it('lists devices through the real node-hid transport', async () => {
    expect(Array.isArray(await listLedgerDevices())).toBe(true);
  });

  it('opens the only device plugged in and talks to its Ethereum app', async () => {
    const transport = await openLedgerDevice(undefined, bus(['/dev/hidraw3']));
    expect((await new LedgerEthApp(transport).appInfo()).appName).toBe('Ethereum');
  });

  it('asks which one when several Ledgers are plugged in', async () => {
    await expect(openLedgerDevice(undefined, bus(['/dev/hidraw3', '/dev/hidraw4']))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('says what to close when the device cannot be opened', async () => {
    await expect(openLedgerDevice('/dev/hidraw3', bus([], true))).rejects.toMatchObject({
      code: 'DEVICE_FAILED',
      message: /Close Ledger Live/,
    });
  });

  it('follows plug and unplug until told to stop', () => {
    const usb = bus([]);
    const events: LedgerDeviceEvent[] = [];
    const stop = watchLedgerDevices(
      (e) => events.push(e),
      () => {},
      usb,
    );
    usb.plug({ type: 'add', descriptor: '/dev/hidraw3', model: 'Nano S Plus' });
    usb.plug({ type: 'remove', descriptor: '/dev/hidraw3' });
    stop();
    usb.plug({ type: 'add', descriptor: '/dev/hidraw4' });
    expect(events).toEqual([
      { type: 'add', descriptor: '/dev/hidraw3', model: 'Nano S Plus' },
      { type: 'remove', descriptor: '/dev/hidraw3' },
    ]);
  });
});
