import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { openStore, type Store } from './openStore.js';

const stores = tempStores('audit');
const freshStore = (): Store => stores.store();

const hash = '0x' + 'ab'.repeat(32);
const actor = '0x' + 'aa'.repeat(20);

describe('the audit log', () => {
  it('appends entries in order and filters them by safeTxHash (any case) and kind', () => {
    const store = freshStore();
    const first = store.appendAudit({ kind: 'review', safeTxHash: hash.toUpperCase().replace('0X', '0x'), actor, details: { worst: 'high', nonce: 7n } });
    store.appendAudit({ kind: 'signature', safeTxHash: hash, actor });
    store.appendAudit({ kind: 'pull' });
    expect(store.listAudit()).toEqual([
      { id: first, at: expect.any(String), kind: 'review', safeTxHash: hash, actor, details: { worst: 'high', nonce: '7' } },
      { id: first + 1, at: expect.any(String), kind: 'signature', safeTxHash: hash, actor, details: null },
      { id: first + 2, at: expect.any(String), kind: 'pull', safeTxHash: null, actor: null, details: null },
    ]);
    expect(store.listAudit({ safeTxHash: hash.toUpperCase().replace('0X', '0x') }).map((e) => e.kind)).toEqual(['review', 'signature']);
    expect(store.listAudit({ safeTxHash: hash, kind: 'signature' })).toHaveLength(1);
  });

  it('is append-only in the database itself: UPDATE and DELETE abort, even from another connection', () => {
    const store = freshStore();
    store.appendAudit({ kind: 'signature', safeTxHash: hash, actor, details: { mode: 'eip712' } });
    const raw = new DatabaseSync(store.path);
    try {
      expect(() => raw.exec("UPDATE audit_log SET kind = 'nothing happened'")).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM audit_log')).toThrow(/append-only/);
      expect(() => raw.exec("INSERT OR REPLACE INTO audit_log (id, at, kind) VALUES (1, 'now', 'rewritten')")).toThrow(/append-only/);
    } finally {
      raw.close();
    }
    expect(store.listAudit()).toMatchObject([{ kind: 'signature', details: { mode: 'eip712' } }]);
  });

  it('refuses an entry without a kind or with details that are not an object', () => {
    const store = freshStore();
    expect(() => store.appendAudit({ kind: '' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => store.appendAudit({ kind: 'x', details: ['a'] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(store.listAudit()).toEqual([]);
  });

  it('names the entry whose details are no longer JSON', () => {
    const store = freshStore();
    const id = store.appendAudit({ kind: 'review', details: { ok: true } });
    // Only a rebuilt database can change a row: the triggers refuse an UPDATE, so drop them as an attacker would.
    const raw = new DatabaseSync(store.path);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details_json = '{broken'");
    raw.close();
    expect(() => store.listAudit()).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(`audit_log (${id})`) }));
  });
});
