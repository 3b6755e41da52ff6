import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../queue/queueItem.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { defaultDataDir } from './dataDir.js';
import { openStore, type Store } from './openStore.js';

const dirs: string[] = [];
const stores: Store[] = [];
function freshStore(): { store: Store; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'guardian-store-'));
  dirs.push(dir);
  const store = openStore({ dataDir: dir });
  stores.push(store);
  return { store, dir };
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
function item(nonce: bigint, confirmations: QueueItem['confirmations'] = []): QueueItem {
  const tx = createSafeTx({ chainId: 1n, safe, safeVersion: '1.4.1', to: '0x' + '11'.repeat(20), nonce });
  const hash = safeTxHash(tx);
  return { safeTx: tx, safeTxHash: hash, claimedSafeTxHash: hash, source: { kind: 'service', url: 'http://127.0.0.1:1' }, confirmations, fetchedAt: '2026-11-24T00:00:00.000Z' };
}
const ownerA = '0x' + 'aa'.repeat(20);
const ownerB = '0x' + 'bb'.repeat(20);

describe('the local store', () => {
  it('keeps watched Safes, Safe info and registered ABIs across reopening', () => {
    const { store, dir } = freshStore();
    store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: 'http://127.0.0.1:1', rpcUrl: null, label: 'Treasury' });
    store.saveSafeInfo({ chainId: 1n, address: safe, owners: [ownerA, ownerB], threshold: 2, nonce: 7n, version: '1.4.1' });
    store.saveAbi({ chainId: 1n, address: ownerA, name: 'Vault', abi: [{ type: 'function', name: 'pause', inputs: [], outputs: [] }] });
    store.close();
    stores.pop();
    const again = openStore({ dataDir: dir });
    stores.push(again);
    expect(again.listWatchedSafes()).toMatchObject([{ chainId: 1n, label: 'Treasury', serviceUrl: 'http://127.0.0.1:1' }]);
    expect(again.getSafeInfo(1n, safe.toUpperCase().replace('0X', '0x'))).toMatchObject({ threshold: 2, nonce: 7n });
    expect(again.getAbi(1n, ownerA)?.name).toBe('Vault');
  });

  it('round-trips queue items in nonce order and merges confirmations without dropping any', () => {
    const { store } = freshStore();
    store.saveQueueItems([item(10n), item(9n, [{ owner: ownerA, signature: '0x01' }])]);
    store.saveQueueItems([item(9n, [{ owner: ownerB, signature: '0x02' }])]);
    const items = store.listQueueItems({ chainId: 1n, safe });
    expect(items.map((i) => i.safeTx.nonce)).toEqual([9n, 10n]);
    expect(items[0]!.confirmations.map((c) => c.owner.toLowerCase())).toEqual([ownerA, ownerB]);
    expect(items[0]!.safeTx).toEqual(item(9n).safeTx);
  });

  it('finds a transaction by a unique prefix and names ambiguity or absence', () => {
    const { store } = freshStore();
    const a = item(1n);
    store.saveQueueItems([a]);
    expect(store.getQueueItem(a.safeTxHash.slice(0, 10)).safeTxHash).toBe(a.safeTxHash);
    expect(() => store.getQueueItem('0x12')).toThrow(/at least 6/);
    expect(() => store.getQueueItem('0x' + 'f'.repeat(64))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses to rewrite or delete the audit log', () => {
    const { store, dir } = freshStore();
    store.appendAudit({ kind: 'signature', safeTxHash: '0x01', actor: ownerA, details: { mode: 'eip712' } });
    expect(store.listAudit()).toMatchObject([{ kind: 'signature', actor: ownerA, details: { mode: 'eip712' } }]);
    const raw = new DatabaseSync(join(dir, 'guardian.sqlite'));
    expect(() => raw.exec("UPDATE audit_log SET kind = 'nothing'")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    raw.close();
    expect(store.listAudit()).toHaveLength(1);
  });

  it('keeps what was stored when a write in a transaction fails', () => {
    const { store } = freshStore();
    store.saveQueueItems([item(1n)]);
    expect(() =>
      store.transaction(() => {
        store.saveQueueItems([item(2n)]);
        throw new Error('the process dies here');
      }),
    ).toThrow('the process dies here');
    expect(store.listQueueItems().map((i) => i.safeTx.nonce)).toEqual([1n]);
  });

  it('names the table and row of a corrupt record instead of returning garbage', () => {
    const { store, dir } = freshStore();
    const a = item(1n);
    store.saveQueueItems([a]);
    const raw = new DatabaseSync(join(dir, 'guardian.sqlite'));
    raw.prepare("UPDATE queue_items SET safe_tx_json = '{\"to\":\"nope\"}'").run();
    raw.close();
    expect(() => store.listQueueItems()).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(`queue_items (${a.safeTxHash})`) }));
  });

  it('puts its data in the platform folder unless GUARDIAN_DATA_DIR says otherwise', () => {
    expect(defaultDataDir({ GUARDIAN_DATA_DIR: '/x' }, 'linux', '/home/g')).toBe('/x');
    expect(defaultDataDir({}, 'linux', '/home/g')).toBe('/home/g/.config/guardian-console');
    expect(defaultDataDir({}, 'darwin', '/Users/g')).toBe('/Users/g/Library/Application Support/Guardian Console');
  });
});
