import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { openStore, type Store } from './openStore.js';

const stores = tempStores('info');
const freshStore = (): Store => stores.store();

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const owners = [
  getAddress('0x' + 'aa'.repeat(20)),
  getAddress('0x' + 'bb'.repeat(20)),
  getAddress('0x' + 'cc'.repeat(20)),
];
const info: SafeInfo = {
  chainId: 1n,
  address: safe,
  owners,
  threshold: 2,
  nonce: 2n ** 70n,
  version: '1.3.0+L2',
  singleton: getAddress('0x' + '29'.repeat(20)),
  modules: [],
  guard: getAddress('0x' + '47'.repeat(20)),
  fallbackHandler: getAddress('0x' + 'f4'.repeat(20)),
};

function corrupt(store: Store, sql: string): void {
  const raw = new DatabaseSync(store.path);
  raw.exec(sql);
  raw.close();
}

describe('Safe info snapshots', () => {
  it('round-trips a snapshot and finds it by address in any case', () => {
    const store = freshStore();
    store.saveSafeInfo(info);
    expect(store.getSafeInfo(1n, safe.toLowerCase())).toEqual(info);
    expect(store.getSafeInfo(5n, safe)).toBeNull();
  });

  it('replaces the previous snapshot of the same Safe', () => {
    const store = freshStore();
    store.saveSafeInfo(info);
    const minimal: SafeInfo = {
      chainId: 1n,
      address: safe,
      owners: owners.slice(0, 1),
      threshold: 1,
      nonce: 3n,
      version: '1.4.1',
    };
    store.saveSafeInfo(minimal);
    expect(store.getSafeInfo(1n, safe)).toEqual(minimal);
  });

  it('refuses a snapshot whose threshold the Safe could never have', () => {
    const store = freshStore();
    expect(() => store.saveSafeInfo({ ...info, threshold: 4 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.saveSafeInfo({ ...info, threshold: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.saveSafeInfo({ ...info, owners: ['0x12'], threshold: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(store.getSafeInfo(1n, safe)).toBeNull();
  });

  const damaged: Array<[string, string]> = [
    ['is not JSON', "UPDATE safe_info SET info_json = '{owners'"],
    ['claims a threshold above its owners', "UPDATE safe_info SET info_json = json_set(info_json, '$.threshold', 9)"],
    [
      'has an owner that is not an address',
      "UPDATE safe_info SET info_json = json_set(info_json, '$.owners[0]', 'alice')",
    ],
    ['describes another Safe', `UPDATE safe_info SET info_json = json_set(info_json, '$.address', '${owners[0]}')`],
  ];
  for (const [what, sql] of damaged) {
    it(`says STORE_FAILED naming the row when a snapshot ${what}`, () => {
      const store = freshStore();
      store.saveSafeInfo(info);
      corrupt(store, sql);
      expect(() => store.getSafeInfo(1n, safe)).toThrow(
        expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(`safe_info (1:${safe})`) }),
      );
    });
  }
});
