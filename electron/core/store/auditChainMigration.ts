import type { DatabaseSync } from 'node:sqlite';
import { AUDIT_CHAIN_GENESIS, auditEntryHash, type AuditRowColumns } from './auditChain.js';

/**
 * Schema step 6: the chain's table, as append-only as the log, and every entry already in the log linked in
 * id order. What was written before this step is vouched for only from the moment of the migration on.
 */
export function linkAuditLog(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE audit_chain (
      id INTEGER PRIMARY KEY REFERENCES audit_log (id),
      prev_hash TEXT NOT NULL,
      entry_hash TEXT NOT NULL UNIQUE
    );
    CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
    CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
    CREATE TRIGGER audit_chain_no_replace BEFORE INSERT ON audit_chain
      WHEN EXISTS (SELECT 1 FROM audit_chain WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
  `);
  const insert = db.prepare('INSERT INTO audit_chain (id, prev_hash, entry_hash) VALUES (?, ?, ?)');
  let prev = AUDIT_CHAIN_GENESIS;
  for (const row of db
    .prepare('SELECT id, at, kind, safe_tx_hash, actor, details_json FROM audit_log ORDER BY id')
    .iterate() as Iterable<AuditRowColumns>) {
    const hash = auditEntryHash(row, prev);
    insert.run(row.id, prev, hash);
    prev = hash;
  }
}
