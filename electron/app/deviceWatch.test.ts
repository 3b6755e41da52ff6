import { describe, expect, it } from 'vitest';
import { appBehindGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';
import { GuardianError } from '../core/errors.js';
import type { PluggedLedger } from '../core/ledger/deviceWatcher.js';
import { DeviceWatch } from './deviceWatch.js';

const generationOf = (answer: unknown): number => (answer as { value: { generation: number } }).value.generation;

const stores = tempStores('device-watch');

/** The app's handlers behind the IPC gate, over a USB bus the test plugs Ledgers into. */
function app(bus: { plugged: PluggedLedger[]; failing?: boolean }) {
  const devices = new DeviceWatch(
    async () => {
      if (bus.failing)
        throw new GuardianError('DEVICE_FAILED', "Could not list USB devices: install Ledger's udev rules.");
      return bus.plugged;
    },
    { intervalMs: 1, holdMs: 50 },
  );
  const { invoke } = appBehindGate({ store: stores.store(), dataDir: stores.dir(), devices });
  return { devices, changed: (after: number) => invoke('devices.changed', { after }) };
}

describe('devices.changed', () => {
  it('answers with the state at once, then as each plug and unplug happens', async () => {
    const bus = { plugged: [{ path: '/dev/hidraw2', model: 'Nano X' }] as PluggedLedger[] };
    const { devices, changed } = app(bus);
    try {
      const first = await changed(0);
      expect(first).toMatchObject({
        ok: true,
        value: { devices: [{ model: 'Nano X' }], last: null, listingError: null },
      });
      const seen = generationOf(first);

      const unplugged = changed(seen);
      bus.plugged = [];
      expect(await unplugged).toMatchObject({
        ok: true,
        value: { generation: seen + 1, devices: [], last: { type: 'unplugged', model: 'Nano X' } },
      });

      const connected = changed(seen + 1);
      bus.plugged = [{ path: '/dev/hidraw3', model: 'Stax' }];
      expect(await connected).toMatchObject({
        ok: true,
        value: { generation: seen + 2, devices: [{ model: 'Stax' }], last: { type: 'connected', model: 'Stax' } },
      });
      // Nothing new: held, then answered with the same generation for the renderer to ask again.
      expect(await changed(seen + 2)).toMatchObject({ ok: true, value: { generation: seen + 2 } });
    } finally {
      devices.stop();
    }
  });

  it('says why the bus cannot be listed, and never sends the USB paths to the renderer', async () => {
    const bus = { plugged: [{ path: '/dev/hidraw9', model: 'Flex' }] as PluggedLedger[], failing: true };
    const { devices, changed } = app(bus);
    try {
      const failed = await changed(0);
      expect(failed).toMatchObject({ ok: true, value: { devices: [], listingError: expect.stringContaining('udev') } });
      const recovered = changed(generationOf(failed));
      bus.failing = false;
      const answer = await recovered;
      expect(answer).toMatchObject({ ok: true, value: { devices: [{ model: 'Flex' }], listingError: null } });
      expect(JSON.stringify(answer)).not.toContain('hidraw');
    } finally {
      devices.stop();
    }
  });

  it('tells that a Nano S signs in hashed mode only, and nothing for a model that shows the fields', async () => {
    const bus = {
      plugged: [
        { path: '/dev/hidraw1', model: 'Nano S' },
        { path: '/dev/hidraw2', model: 'Nano S Plus' },
      ],
    };
    const { devices, changed } = app(bus);
    try {
      expect(await changed(0)).toMatchObject({
        ok: true,
        value: {
          devices: [
            { model: 'Nano S', note: expect.stringContaining('hashed mode only') },
            { model: 'Nano S Plus', note: null },
          ],
        },
      });
    } finally {
      devices.stop();
    }
  });

  it('stops listing the bus once nobody asks, and starts again at the next question', async () => {
    let listings = 0;
    const devices = new DeviceWatch(
      async () => {
        listings++;
        return [{ path: '/dev/hidraw2', model: 'Nano X' }];
      },
      { intervalMs: 1, holdMs: 20 },
    );
    try {
      const first = await devices.changedAfter(0);
      expect(first.devices).toEqual([{ model: 'Nano X', note: null }]);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(devices.watching).toBe(false);
      const stoppedAt = listings;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(listings).toBe(stoppedAt);

      const again = await devices.changedAfter(0);
      expect(devices.watching).toBe(true);
      expect(again.devices).toEqual([{ model: 'Nano X', note: null }]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(listings).toBeGreaterThan(stoppedAt);
    } finally {
      devices.stop();
    }
  });

  it('refuses a malformed request at the gate', async () => {
    const { devices, changed } = app({ plugged: [] });
    expect(await changed(-1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    devices.stop();
  });
});
