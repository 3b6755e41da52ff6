import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempStores } from '../../../test/store/tempStores.js';
import { AUDIT_CHAIN_GENESIS, auditEntryHash, type AuditRowColumns } from './auditChain.js';
import { migrate } from './migrations.js';
import { openStore } from './openStore.js';
import { STORE_FILE_NAME } from './store.js';

const stores = tempStores('audit-chain');
const hash = '0x' + 'ab'.repeat(32);

/** A store with five entries, closed, and a raw connection on its file: what a person with the file can do. */
function tamperable() {
  const { store, dir } = stores.storeIn();
  store.appendAudit({ kind: 'pull' });
  store.appendAudit({
    kind: 'review',
    safeTxHash: hash,
    details: { worst: 'critical', findings: ['DELEGATECALL_UNKNOWN_TARGET'] },
  });
  store.appendAudit({ kind: 'signature', safeTxHash: hash, actor: '0x' + 'aa'.repeat(20), details: { mode: 'full' } });
  store.appendAudit({ kind: 'posted', safeTxHash: hash });
  store.appendAudit({ kind: 'review', safeTxHash: hash, details: { worst: 'info' } });
  const head = store.verifyAudit().head;
  store.close();
  const raw = stores.keep(new DatabaseSync(join(dir, STORE_FILE_NAME)));
  // Exactly what an attacker with the file does: lift the triggers, rewrite, put them back.
  const withoutTriggers = (sql: string) => {
    const triggers = raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{
      sql: string;
    }>;
    for (const name of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{
      name: string;
    }>)
      raw.exec(`DROP TRIGGER ${name.name}`);
    raw.exec('PRAGMA foreign_keys = OFF');
    raw.exec(sql);
    for (const t of triggers) raw.exec(t.sql);
  };
  const reopen = () => stores.keep(openStore({ dataDir: dir }));
  return { head, withoutTriggers, reopen, raw };
}

describe('the audit log as a hash chain', () => {
  it('holds for a log written by the console, and gives its head', () => {
    const { head, reopen } = tamperable();
    const verdict = reopen().verifyAudit(head);
    expect(verdict).toEqual({ intact: true, entries: 5, head, headId: 5, firstBad: null, guardsMissing: [] });
  });

  it('names the first edited entry: a critical verdict rewritten to info, triggers restored', () => {
    const { withoutTriggers, reopen } = tamperable();
    withoutTriggers(`UPDATE audit_log SET details_json = '{"worst":"info","findings":[]}' WHERE id = 2`);
    expect(reopen().verifyAudit().firstBad).toMatchObject({ id: 2, problem: 'edited' });
  });

  it('catches a rewritten signer', () => {
    const { withoutTriggers, reopen } = tamperable();
    withoutTriggers(`UPDATE audit_log SET actor = '0x${'bb'.repeat(20)}' WHERE id = 3`);
    expect(reopen().verifyAudit().firstBad).toMatchObject({ id: 3, problem: 'edited' });
  });

  it('catches a deleted entry, whether or not its link went with it', () => {
    const first = tamperable();
    first.withoutTriggers('DELETE FROM audit_log WHERE id = 3');
    expect(first.reopen().verifyAudit().firstBad).toMatchObject({ id: 3, problem: 'unlinked' });
    const second = tamperable();
    second.withoutTriggers('DELETE FROM audit_log WHERE id = 3; DELETE FROM audit_chain WHERE id = 3');
    expect(second.reopen().verifyAudit().firstBad).toMatchObject({ id: 4, problem: 'relinked' });
  });

  it('catches a reorder: two entries that swapped places', () => {
    const { withoutTriggers, reopen } = tamperable();
    withoutTriggers(`
      UPDATE audit_log SET id = 100 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 100;
    `);
    expect(reopen().verifyAudit().firstBad).toMatchObject({ id: 2, problem: 'edited' });
  });

  it('catches a truncation: by the ids SQLite issued, and, with those reset too, by a head recorded elsewhere', () => {
    const first = tamperable();
    first.withoutTriggers('DELETE FROM audit_log WHERE id >= 4; DELETE FROM audit_chain WHERE id >= 4');
    expect(first.reopen().verifyAudit().firstBad).toMatchObject({ id: 4, problem: 'truncated' });
    const second = tamperable();
    second.withoutTriggers(
      "DELETE FROM audit_log WHERE id >= 4; DELETE FROM audit_chain WHERE id >= 4; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log'",
    );
    const store = second.reopen();
    expect(store.verifyAudit().intact).toBe(true);
    expect(store.verifyAudit(second.head).firstBad).toMatchObject({ problem: 'truncated' });
  });

  it('catches a whole chain recomputed after an edit: its head is not the one recorded', () => {
    const { head, withoutTriggers, reopen, raw } = tamperable();
    // The hash function is public, so a person with the file can relink every entry: only a head recorded
    // elsewhere tells the rewritten log from the one the console wrote.
    withoutTriggers(`UPDATE audit_log SET details_json = '{"worst":"info"}' WHERE id = 2; DELETE FROM audit_chain;`);
    let prev = AUDIT_CHAIN_GENESIS;
    for (const row of raw
      .prepare('SELECT id, at, kind, safe_tx_hash, actor, details_json FROM audit_log ORDER BY id')
      .all() as unknown as AuditRowColumns[]) {
      const next = auditEntryHash(row, prev);
      raw.prepare('INSERT INTO audit_chain (id, prev_hash, entry_hash) VALUES (?, ?, ?)').run(row.id, prev, next);
      prev = next;
    }
    const rebuilt = reopen();
    expect(rebuilt.verifyAudit().intact).toBe(true);
    expect(rebuilt.verifyAudit(head).firstBad).toMatchObject({ problem: 'truncated' });
  });

  it('catches an entry inserted around the console, with no link', () => {
    const { withoutTriggers, reopen } = tamperable();
    withoutTriggers(`INSERT INTO audit_log (at, kind) VALUES ('2026-01-01T00:00:00.000Z', 'review')`);
    expect(reopen().verifyAudit().firstBad).toMatchObject({ id: 6, problem: 'unlinked' });
  });

  it('links the entries of a store written before the chain existed, in the order they were written', () => {
    const dir = stores.dir();
    const raw = new DatabaseSync(join(dir, STORE_FILE_NAME));
    migrate(raw, 5);
    raw
      .prepare('INSERT INTO audit_log (at, kind, safe_tx_hash) VALUES (?, ?, ?)')
      .run('2026-11-01T00:00:00.000Z', 'review', hash);
    raw.prepare('INSERT INTO audit_log (at, kind) VALUES (?, ?)').run('2026-11-02T00:00:00.000Z', 'pull');
    raw.close();
    const store = stores.keep(openStore({ dataDir: dir }));
    expect(store.verifyAudit()).toMatchObject({ intact: true, entries: 2, headId: 2 });
    store.appendAudit({ kind: 'signature', safeTxHash: hash });
    expect(store.verifyAudit()).toMatchObject({ intact: true, entries: 3, headId: 3 });
    expect(store.listAudit().map((e) => e.entryHash)).toEqual([
      expect.any(String),
      expect.any(String),
      store.verifyAudit().head,
    ]);
  });
});
