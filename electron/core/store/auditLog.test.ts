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
    const first = store.appendAudit({
      kind: 'review',
      safeTxHash: hash.toUpperCase().replace('0X', '0x'),
      actor,
      details: { worst: 'high', nonce: 7n },
    });
    store.appendAudit({ kind: 'signature', safeTxHash: hash, actor });
    store.appendAudit({ kind: 'pull' });
    expect(store.listAudit()).toEqual([
      {
        id: first,
        at: expect.any(String),
        kind: 'review',
        safeTxHash: hash,
        actor,
        details: { worst: 'high', nonce: '7' },
        entryHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      },
      {
        id: first + 1,
        at: expect.any(String),
        kind: 'signature',
        safeTxHash: hash,
        actor,
        details: null,
        entryHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      },
      {
        id: first + 2,
        at: expect.any(String),
        kind: 'pull',
        safeTxHash: null,
        actor: null,
        details: null,
        entryHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      },
    ]);
    expect(store.listAudit({ safeTxHash: hash.toUpperCase().replace('0X', '0x') }).map((e) => e.kind)).toEqual([
      'review',
      'signature',
    ]);
    expect(store.listAudit({ safeTxHash: hash, kind: 'signature' })).toHaveLength(1);
  });

  it('gives the newest entry of a kind per transaction among those whose details hold the keys named', () => {
    const store = freshStore();
    const other = '0x' + 'cd'.repeat(32);
    store.appendAudit({ kind: 'review', safeTxHash: hash, details: { worst: 'high', block: '0x1' } });
    const newest = store.appendAudit({ kind: 'review', safeTxHash: hash, details: { worst: null, block: '0x2' } });
    // Newer, but without a block (a signing's acknowledgement): not a candidate.
    store.appendAudit({ kind: 'review', safeTxHash: hash, details: { acknowledged: [] } });
    store.appendAudit({ kind: 'signature', safeTxHash: other, details: { worst: 'info', block: '0x3' } });
    const onlyOther = store.appendAudit({
      kind: 'review',
      safeTxHash: other,
      details: { worst: 'info', block: '0x4' },
    });
    store.appendAudit({ kind: 'review', details: { worst: 'info', block: '0x5' } });
    const latest = store.latestAuditPerTransaction({ kind: 'review', withDetails: ['worst', 'block'] });
    expect(latest.map((e) => [e.id, e.safeTxHash, e.details])).toEqual([
      [newest, hash, { worst: null, block: '0x2' }],
      [onlyOther, other, { worst: 'info', block: '0x4' }],
    ]);
    expect(() => store.latestAuditPerTransaction({ kind: 'review', withDetails: ["worst') OR 1=1 --"] })).toThrow(
      /is not a key audit details can be searched by/,
    );
  });

  it('is append-only in the database itself: UPDATE and DELETE abort, even from another connection', () => {
    const store = freshStore();
    store.appendAudit({ kind: 'signature', safeTxHash: hash, actor, details: { mode: 'eip712' } });
    const raw = new DatabaseSync(store.path);
    try {
      expect(() => raw.exec("UPDATE audit_log SET kind = 'nothing happened'")).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM audit_log')).toThrow(/append-only/);
      expect(() => raw.exec("INSERT OR REPLACE INTO audit_log (id, at, kind) VALUES (1, 'now', 'rewritten')")).toThrow(
        /append-only/,
      );
    } finally {
      raw.close();
    }
    expect(store.listAudit()).toMatchObject([{ kind: 'signature', details: { mode: 'eip712' } }]);
  });

  it('refuses an entry without a kind or with details that are not an object', () => {
    const store = freshStore();
    expect(() => store.appendAudit({ kind: '' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => store.appendAudit({ kind: 'x', details: ['a'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(store.listAudit()).toEqual([]);
  });

  it('names the entry whose details are no longer JSON', () => {
    const store = freshStore();
    const id = store.appendAudit({ kind: 'review', details: { ok: true } });
    // Only a rebuilt database can change a row: the triggers refuse an UPDATE, so drop them as an attacker would.
    const raw = new DatabaseSync(store.path);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details_json = '{broken'");
    raw.close();
    expect(() => store.listAudit()).toThrow(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(`audit_log (${id})`) }),
    );
  });
});
