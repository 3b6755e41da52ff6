import { describe, expect, it } from 'vitest';
import { SoftwareLedger } from '../../../test/ledger/softwareDevice/softwareLedger.js';
import type { DeviceChange, PluggedLedger } from './deviceWatcher.js';
import { LedgerEthApp } from './ethApp.js';
import { waitForLedger } from './waitForLedger.js';

const FLEX: PluggedLedger = { path: '/dev/hidraw5', model: 'Flex' };
const NANO_SP: PluggedLedger = { path: '/dev/hidraw6', model: 'Nano S Plus' };

/** A bus that shows each state in turn, then stays at the last. */
function bus(...states: PluggedLedger[][]) {
  let i = 0;
  return async () => states[Math.min(i++, states.length - 1)]!;
}

describe('waitForLedger', () => {
  it('asks for the Ledger, then opens the one plugged in at the path the bus gave', async () => {
    const events: string[] = [];
    const openedAt: string[] = [];
    const watched = await waitForLedger({
      list: bus([], [], [FLEX]),
      open: async (path) => (openedAt.push(path), new SoftwareLedger()),
      onWaiting: () => events.push('waiting'),
      onChange: (c: DeviceChange) => events.push(`${c.type} ${c.model}`),
      intervalMs: 1,
    });
    watched.stop();
    expect(events).toEqual(['waiting', 'connected Flex']);
    expect(openedAt).toEqual([FLEX.path]);
    expect(watched.model).toBe('Flex');
    expect((await new LedgerEthApp(watched.transport).appInfo()).appName).toBe('Ethereum');
  });

  it('refuses to choose between two Ledgers plugged in', async () => {
    await expect(
      waitForLedger({ list: bus([FLEX, NANO_SP]), open: async () => new SoftwareLedger(), intervalMs: 1 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('gives up at the first look when told not to wait, without asking', async () => {
    const events: string[] = [];
    await expect(
      waitForLedger({
        list: bus([]),
        open: async () => new SoftwareLedger(),
        onWaiting: () => events.push('waiting'),
        giveUpAfterMs: 0,
      }),
    ).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    expect(events).toEqual([]);
  });

  it('passes on a listing that fails before any Ledger is found', async () => {
    await expect(
      waitForLedger({
        list: () => Promise.reject(Object.assign(new Error('no hidraw'), { code: 'DEVICE_FAILED' })),
        open: async () => new SoftwareLedger(),
      }),
    ).rejects.toThrow('no hidraw');
  });
});
