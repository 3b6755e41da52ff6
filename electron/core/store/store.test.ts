import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { migrations } from './migrations.js';
import { openStore, type Store } from './openStore.js';

const stores = tempStores('store');
const tempDir = stores.dir;
const keep = stores.keep;

const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const watch = (store: Store, label: string) =>
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label });

describe('opening the store', () => {
  it('creates its folder and a WAL database at the schema this code knows', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const store = keep(openStore({ dataDir: dir }));
    expect(store.path).toBe(join(dir, 'guardian.sqlite'));
    const raw = keep(new DatabaseSync(store.path));
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(raw.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
  });

  it('opens a database file given by path', () => {
    const path = join(tempDir(), 'elsewhere.sqlite');
    keep(openStore({ path }));
    const raw = keep(new DatabaseSync(path));
    expect(raw.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
  });

  it('refuses a store written by a newer console instead of writing into a schema it does not know', () => {
    const path = join(tempDir(), 'newer.sqlite');
    const raw = new DatabaseSync(path);
    raw.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openStore({ path })).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('newer Guardian Console') }),
    );
  });

  it('says STORE_FAILED when the path is not a database', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'guardian.sqlite'),
      'this is not SQLite, it is a note a guardian saved here by mistake'.repeat(20),
    );
    expect(() => openStore({ dataDir: dir })).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(dir) }),
    );
  });
});

describe('store.transaction', () => {
  it('keeps what was stored when a write in a transaction fails', () => {
    const store = keep(openStore({ dataDir: tempDir() }));
    watch(store, 'before');
    expect(() =>
      store.transaction(() => {
        watch(store, 'inside');
        store.appendAudit({ kind: 'pull' });
        throw new Error('the process dies here');
      }),
    ).toThrow('the process dies here');
    expect(store.listWatchedSafes().map((w) => w.label)).toEqual(['before']);
    expect(store.listAudit()).toEqual([]);
  });

  it('undoes only the inner writes when a nested transaction fails and the caller carries on', () => {
    const store = keep(openStore({ dataDir: tempDir() }));
    store.transaction(() => {
      store.appendAudit({ kind: 'outer' });
      expect(() =>
        store.transaction(() => {
          store.appendAudit({ kind: 'inner' });
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
      store.appendAudit({ kind: 'after' });
    });
    expect(store.listAudit().map((e) => e.kind)).toEqual(['outer', 'after']);
  });

  it('refuses an async callback, whose awaited writes would land after the commit', () => {
    const store = keep(openStore({ dataDir: tempDir() }));
    expect(() =>
      store.transaction(() => {
        store.appendAudit({ kind: 'sync part' });
        return Promise.resolve();
      }),
    ).toThrow(/synchronous/);
    expect(store.listAudit()).toEqual([]);
  });

  it('gives STORE_FAILED, not a raw SQLite error, when another process holds the store', () => {
    const dir = tempDir();
    const store = keep(openStore({ dataDir: dir, busyTimeoutMs: 0 }));
    const other = keep(new DatabaseSync(store.path));
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => watch(store, 'blocked')).toThrow(
        expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('Another Guardian Console') }),
      );
      expect(() => store.transaction(() => store.appendAudit({ kind: 'x' }))).toThrow(
        expect.objectContaining({ code: 'STORE_FAILED' }),
      );
    } finally {
      other.exec('ROLLBACK');
    }
    watch(store, 'after');
    expect(store.listWatchedSafes().map((w) => w.label)).toEqual(['after']);
  });
});
