import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxToJson } from '../safe/safeTxJson.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { importQueueFile } from './importQueueFile.js';
import { parseQueueFile } from './readQueueFile.js';
import { resolveSafeContext } from './resolveSafeContext.js';

const stores = tempStores('import');
const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const vault = getAddress('0x' + '12'.repeat(20));
const tx = (nonce: bigint, data = '0x8456cb59') =>
  createSafeTx({ chainId: 1n, safe, safeVersion: '1.4.1', to: vault, data, nonce });
const served = (nonce: bigint) => ({
  ...safeTxToJson(tx(nonce)),
  safeTxHash: safeTxHash(tx(nonce)),
  confirmations: [],
});

function pulledStore() {
  const store = stores.store();
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: null });
  store.saveSafeInfo({
    chainId: 1n,
    address: safe,
    owners: [getAddress('0x' + '01'.repeat(20))],
    threshold: 1,
    nonce: 4n,
    version: '1.4.1',
  });
  return store;
}

describe('importing a queue file', () => {
  it("stores a Transaction Builder batch re-hashed here, with the Safe's version and next nonce from the store, and audits it", () => {
    const store = pulledStore();
    const batch = {
      version: '1.0',
      chainId: '1',
      meta: { name: 'Pause', createdFromSafeAddress: safe },
      transactions: [{ to: vault, value: '0', data: '0x8456cb59' }],
    };
    const { imported, rejected } = importQueueFile(
      store,
      parseQueueFile(JSON.stringify(batch), 'pause.json', resolveSafeContext(store, {})),
      'pause.json',
    );
    expect(rejected).toEqual([]);
    const [item] = imported;
    expect(item!.safeTx).toMatchObject({ nonce: 4n, safeVersion: '1.4.1', to: vault, operation: 0 });
    expect(store.getQueueItem(item!.safeTxHash)).toMatchObject({
      safeTxHash: safeTxHash(item!.safeTx),
      claimedSafeTxHash: null,
      source: { kind: 'tx-builder-file', path: 'pause.json' },
    });
    expect(store.listAudit({ kind: 'import' }).map((e) => e.details)).toEqual([
      { file: 'pause.json', kind: 'tx-builder-file', imported: [item!.safeTxHash], rejected: [] },
    ]);
  });

  it('stores the sound entries of a service page and refuses a doctored one by position', () => {
    const store = pulledStore();
    const page = { count: 2, next: null, previous: null, results: [served(4n), { ...served(5n), data: '0x3f4ba83a' }] };
    const { imported, rejected } = importQueueFile(
      store,
      parseQueueFile(JSON.stringify(page), 'page.json', resolveSafeContext(store, {})),
      'page.json',
    );
    expect(imported.map((i) => i.safeTx.nonce)).toEqual([4n]);
    expect(rejected).toMatchObject([{ index: 1, error: { code: 'HASH_MISMATCH' } }]);
    expect(store.listQueueItems().map((i) => i.safeTx.nonce)).toEqual([4n]);
  });

  it('refuses a file that is not JSON, or of a Safe this machine has not pulled, and what is stored stays', () => {
    const store = pulledStore();
    importQueueFile(
      store,
      parseQueueFile(JSON.stringify(served(4n)), 'one.json', resolveSafeContext(store, {})),
      'one.json',
    );
    expect(() => parseQueueFile('{"results": [', 'broken.json', resolveSafeContext(store, {}))).toThrow(
      /broken\.json is not valid JSON at position \d+/,
    );
    const stranger = {
      version: '1.0',
      chainId: '1',
      meta: { name: 'x', createdFromSafeAddress: getAddress('0x' + '99'.repeat(20)) },
      transactions: [{ to: vault, value: '0', data: '0x' }],
    };
    expect(() => parseQueueFile(JSON.stringify(stranger), 'stranger.json', resolveSafeContext(store, {}))).toThrow(
      /has not been pulled on this machine: watch it and pull it first/,
    );
    expect(store.listQueueItems().map((i) => i.safeTx.nonce)).toEqual([4n]);
  });
});
