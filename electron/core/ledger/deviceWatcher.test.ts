import { describe, expect, it } from 'vitest';
import { createDeviceWatcher, watchDevices, type DeviceChange, type PluggedLedger } from './deviceWatcher.js';
import { listPluggedLedgers } from './usbLedgerListing.js';

const NANO_X: PluggedLedger = { path: '/dev/hidraw3', model: 'Nano X' };
const STAX: PluggedLedger = { path: '/dev/hidraw4', model: 'Stax' };

/** A USB bus the test plugs devices into and out of, listing what is plugged at each call. */
function bus(...states: PluggedLedger[][]) {
  let i = 0;
  return async () => states[Math.min(i++, states.length - 1)]!;
}

describe('the Ledger device watcher', () => {
  it('reports connected and unplugged as the listing changes, and nothing when it does not', async () => {
    const watcher = createDeviceWatcher(bus([], [NANO_X], [NANO_X], [NANO_X, STAX], [STAX], []));
    expect(await watcher.poll()).toEqual([]);
    expect(await watcher.poll()).toEqual([{ type: 'connected', ...NANO_X }]);
    expect(await watcher.poll()).toEqual([]);
    expect(await watcher.poll()).toEqual([{ type: 'connected', ...STAX }]);
    expect(watcher.plugged()).toEqual([NANO_X, STAX]);
    expect(await watcher.poll()).toEqual([{ type: 'unplugged', ...NANO_X }]);
    expect(await watcher.poll()).toEqual([{ type: 'unplugged', ...STAX }]);
    expect(watcher.plugged()).toEqual([]);
  });

  it('reports a device already plugged in at the first listing as connected', async () => {
    expect(await createDeviceWatcher(bus([NANO_X])).poll()).toEqual([{ type: 'connected', ...NANO_X }]);
  });

  it('keeps listing until stopped, and reports a failing listing once until it recovers', async () => {
    let calls = 0;
    const errors: string[] = [];
    const seen: DeviceChange[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const stop = watchDevices({
      intervalMs: 1,
      list: async () => {
        calls++;
        if (calls === 2 || calls === 3) throw new Error('hid gone');
        return calls >= 4 ? [] : [NANO_X];
      },
      onChange: (change) => {
        seen.push(change);
        if (change.type === 'unplugged') done();
      },
      onError: (error) => errors.push(error.code),
    });
    await finished;
    stop();
    expect(seen.map((c) => c.type)).toEqual(['connected', 'unplugged']);
    expect(errors).toEqual(['DEVICE_FAILED']);
  });

  it('lists the real USB bus through node-hid', async () => {
    const plugged = await listPluggedLedgers();
    expect(Array.isArray(plugged)).toBe(true);
    for (const d of plugged) expect(typeof d.path).toBe('string');
  });
});
