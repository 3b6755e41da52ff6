import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { openStore, type Store } from './openStore.js';

const stores = tempStores('watched');
const freshStore = (): { store: Store; dir: string } => stores.storeIn();

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const other = getAddress('0x0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');

describe('watched Safes', () => {
  it('keeps them across reopening, checksummed, ordered by numeric chain id', () => {
    const { store, dir } = freshStore();
    store.addWatchedSafe({
      chainId: 10n,
      address: safe.toLowerCase(),
      serviceUrl: null,
      rpcUrl: 'http://127.0.0.1:8545',
      label: 'Optimism',
    });
    store.addWatchedSafe({
      chainId: 2n,
      address: other,
      serviceUrl: 'http://127.0.0.1:1/api',
      rpcUrl: null,
      label: null,
      addedAt: '2026-01-01T00:00:00.000Z',
    });
    store.close();
    const again = openStore({ dataDir: dir });
    stores.keep(again);
    expect(again.listWatchedSafes()).toEqual([
      {
        chainId: 2n,
        address: other,
        serviceUrl: 'http://127.0.0.1:1/api',
        rpcUrl: null,
        label: null,
        addedAt: '2026-01-01T00:00:00.000Z',
      },
      {
        chainId: 10n,
        address: safe,
        serviceUrl: null,
        rpcUrl: 'http://127.0.0.1:8545',
        label: 'Optimism',
        addedAt: expect.any(String),
      },
    ]);
    expect(again.getWatchedSafe(10n, safe.toLowerCase())?.label).toBe('Optimism');
    expect(again.getWatchedSafe(1n, safe)).toBeNull();
  });

  it('updates URLs on a second add, keeping the label when none is given and the first added time', () => {
    const { store } = freshStore();
    const first = store.addWatchedSafe({
      chainId: 1n,
      address: safe,
      serviceUrl: 'http://a',
      rpcUrl: null,
      label: 'Treasury',
      addedAt: '2026-01-01T00:00:00.000Z',
    });
    const second = store.addWatchedSafe({
      chainId: 1n,
      address: safe.toLowerCase(),
      serviceUrl: 'http://b',
      rpcUrl: 'http://rpc',
      label: null,
    });
    expect(second).toEqual({ ...first, serviceUrl: 'http://b', rpcUrl: 'http://rpc' });
    expect(store.listWatchedSafes()).toHaveLength(1);
  });

  it('removes a watched Safe, and says NOT_FOUND for one it does not watch', () => {
    const { store } = freshStore();
    store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: null });
    store.removeWatchedSafe(1n, safe.toLowerCase());
    expect(store.listWatchedSafes()).toEqual([]);
    expect(() => store.removeWatchedSafe(1n, safe)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses an address that is not one', () => {
    const { store } = freshStore();
    expect(() =>
      store.addWatchedSafe({ chainId: 1n, address: '0x1234', serviceUrl: null, rpcUrl: null, label: null }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('names the row when a watched Safe was changed into garbage', () => {
    const { store } = freshStore();
    store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: null });
    const raw = new DatabaseSync(store.path);
    raw.exec("UPDATE watched_safes SET chain_id = 'mainnet'");
    raw.close();
    expect(() => store.listWatchedSafes()).toThrow(
      expect.objectContaining({
        code: 'STORE_FAILED',
        message: expect.stringContaining(`watched_safes (mainnet:${safe})`),
      }),
    );
  });

  it('reads every other watched Safe when one row is damaged, and names that row by itself', () => {
    const { store } = freshStore();
    store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: 'Treasury' });
    store.addWatchedSafe({ chainId: 10n, address: other, serviceUrl: null, rpcUrl: null, label: 'Ops' });
    const raw = new DatabaseSync(store.path);
    raw.exec(`UPDATE watched_safes SET address = 'not an address' WHERE chain_id = '10'`);
    raw.close();
    const { safes, damaged } = store.readWatchedSafes();
    expect(safes.map((s) => [s.chainId, s.address, s.label])).toEqual([[1n, safe, 'Treasury']]);
    expect(damaged).toHaveLength(1);
    expect(damaged[0]).toMatchObject({
      code: 'STORE_FAILED',
      details: { table: 'watched_safes', key: '10:not an address' },
    });
    expect(damaged[0]!.message).toMatch(/column address not a 20-byte 0x address/);
  });
});
