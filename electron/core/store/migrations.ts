import type { DatabaseSync } from 'node:sqlite';

/**
 * Schema steps, applied in order and recorded in PRAGMA user_version. Never edit a step that has shipped:
 * a guardian's store holds signatures; add a new step instead.
 */
const steps: string[] = [
  `
  CREATE TABLE watched_safes (
    chain_id TEXT NOT NULL,
    address TEXT NOT NULL,
    service_url TEXT,
    rpc_url TEXT,
    label TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (chain_id, address)
  );
  CREATE TABLE safe_info (
    chain_id TEXT NOT NULL,
    address TEXT NOT NULL,
    info_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (chain_id, address)
  );
  CREATE TABLE queue_items (
    safe_tx_hash TEXT PRIMARY KEY,
    chain_id TEXT NOT NULL,
    safe TEXT NOT NULL,
    safe_version TEXT NOT NULL,
    nonce TEXT NOT NULL,
    safe_tx_json TEXT NOT NULL,
    claimed_safe_tx_hash TEXT,
    source_json TEXT NOT NULL,
    proposer TEXT,
    submitted_at TEXT,
    fetched_at TEXT NOT NULL
  );
  CREATE INDEX queue_items_by_safe ON queue_items (chain_id, safe, nonce);
  CREATE TABLE confirmations (
    safe_tx_hash TEXT NOT NULL REFERENCES queue_items (safe_tx_hash),
    owner TEXT NOT NULL,
    signature TEXT NOT NULL,
    signature_type TEXT,
    submitted_at TEXT,
    origin TEXT NOT NULL,
    PRIMARY KEY (safe_tx_hash, owner)
  );
  CREATE TABLE registered_abis (
    chain_id TEXT NOT NULL,
    address TEXT NOT NULL,
    name TEXT,
    abi_json TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (chain_id, address)
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    safe_tx_hash TEXT,
    actor TEXT,
    details_json TEXT
  );
  -- The audit log is evidence of who reviewed and signed what: the database itself refuses to rewrite it.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
];

export function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let version = row.user_version; version < steps.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(steps[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
