import type { DatabaseSync } from 'node:sqlite';
import { GuardianError } from '../errors.js';
import { linkAuditLog } from './auditChainMigration.js';

/** A step is SQL, or a function where the step must compute what SQL cannot (a hash). */
type Migration = string | ((db: DatabaseSync) => void);

/**
 * Schema steps, applied in order, each in its own transaction, and recorded in PRAGMA user_version. Never edit
 * a step that has shipped: a guardian's store holds signatures; add a new step instead.
 */
export const migrations: readonly Migration[] = [
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
  `, // 2: every SafeTx field in its own column, so the store can be read (and audited) with any SQLite tool;
  // nonces as plain decimals, ordered by length then text.
  `
  CREATE TABLE queue_items_v2 (
    safe_tx_hash TEXT PRIMARY KEY,
    chain_id TEXT NOT NULL,
    safe TEXT NOT NULL,
    safe_version TEXT NOT NULL,
    to_address TEXT NOT NULL,
    value TEXT NOT NULL,
    data TEXT NOT NULL,
    operation INTEGER NOT NULL,
    safe_tx_gas TEXT NOT NULL,
    base_gas TEXT NOT NULL,
    gas_price TEXT NOT NULL,
    gas_token TEXT NOT NULL,
    refund_receiver TEXT NOT NULL,
    nonce TEXT NOT NULL,
    claimed_safe_tx_hash TEXT,
    source_kind TEXT NOT NULL,
    source_location TEXT NOT NULL,
    proposer TEXT,
    submitted_at TEXT,
    fetched_at TEXT NOT NULL
  );
  INSERT INTO queue_items_v2
    SELECT safe_tx_hash, chain_id, safe, safe_version,
      json_extract(safe_tx_json, '$.to'), json_extract(safe_tx_json, '$.value'), json_extract(safe_tx_json, '$.data'),
      json_extract(safe_tx_json, '$.operation'), json_extract(safe_tx_json, '$.safeTxGas'), json_extract(safe_tx_json, '$.baseGas'),
      json_extract(safe_tx_json, '$.gasPrice'), json_extract(safe_tx_json, '$.gasToken'), json_extract(safe_tx_json, '$.refundReceiver'),
      CASE WHEN ltrim(nonce, '0') = '' THEN '0' ELSE ltrim(nonce, '0') END,
      claimed_safe_tx_hash, json_extract(source_json, '$.kind'),
      COALESCE(json_extract(source_json, '$.url'), json_extract(source_json, '$.path')),
      proposer, submitted_at, fetched_at
    FROM queue_items;
  DROP TABLE queue_items;
  ALTER TABLE queue_items_v2 RENAME TO queue_items;
  CREATE INDEX queue_items_by_safe ON queue_items (chain_id, lower(safe), length(nonce), nonce);
  `,
  // 3: INSERT OR REPLACE deletes the old row without firing DELETE triggers (unless recursive_triggers is on,
  // which another program's connection will not set), so an entry could be rewritten under its own id.
  `
  CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  // 4: decimals and symbols tokens gave in reviews, so the queue reads amounts in units offline too.
  `
  CREATE TABLE token_info (
    chain_id TEXT NOT NULL,
    address TEXT NOT NULL,
    decimals INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    learned_at TEXT NOT NULL,
    PRIMARY KEY (chain_id, address)
  );
  `,
  // 5: the pre-state a review bundle carried, by transaction, so an air-gapped station reviews and signs from it.
  `
  CREATE TABLE carried_states (
    safe_tx_hash TEXT PRIMARY KEY,
    carried_json TEXT NOT NULL,
    kept_at TEXT NOT NULL
  );
  `,
  // 6: the audit log as a hash chain (auditChain.ts), its existing entries linked in the order they were written.
  linkAuditLog,
  // 7: off-chain Safe messages (EIP-191 text, EIP-712 typed data) by the safeMessageHash computed here, and
  // their owners' signatures, kept before they are posted.
  `
  CREATE TABLE safe_messages (
    safe_message_hash TEXT PRIMARY KEY,
    chain_id TEXT NOT NULL,
    safe TEXT NOT NULL,
    safe_version TEXT NOT NULL,
    content_json TEXT NOT NULL,
    claimed_safe_message_hash TEXT,
    source_kind TEXT NOT NULL,
    source_location TEXT NOT NULL,
    proposed_by TEXT,
    created_at TEXT,
    fetched_at TEXT NOT NULL
  );
  CREATE INDEX safe_messages_by_safe ON safe_messages (chain_id, lower(safe));
  CREATE TABLE safe_message_signatures (
    safe_message_hash TEXT NOT NULL REFERENCES safe_messages (safe_message_hash),
    owner TEXT NOT NULL,
    signature TEXT NOT NULL,
    origin TEXT NOT NULL,
    submitted_at TEXT,
    PRIMARY KEY (safe_message_hash, owner)
  );
  `,
  // 8: executed transactions as the service reported them, re-hashed here: a Safe's governance latency history.
  `
  CREATE TABLE executed_transactions (
    safe_tx_hash TEXT PRIMARY KEY,
    chain_id TEXT NOT NULL,
    safe TEXT NOT NULL,
    nonce TEXT NOT NULL,
    proposed_at TEXT,
    executed_at TEXT NOT NULL,
    executed_at_source TEXT NOT NULL,
    transaction_hash TEXT,
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX executed_transactions_by_safe ON executed_transactions (chain_id, lower(safe), length(nonce), nonce);
  `,
  // 9: ERC-7730 descriptors the guardian trusts, as the bytes of the file they added, with where and when.
  `
  CREATE TABLE erc7730_descriptors (
    sha256 TEXT PRIMARY KEY,
    file_path TEXT NOT NULL,
    owner TEXT NOT NULL,
    descriptor_text TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
  );
  `,
];

/** How many schema steps the store still needs (0 when current); throws when a newer console wrote it. */
export function migrationsPending(db: DatabaseSync, target = migrations.length): number {
  return Math.max(0, target - schemaVersion(db));
}

function schemaVersion(db: DatabaseSync): number {
  const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (current > migrations.length) {
    // An older console must not write into a schema it does not know: it could drop what the newer one keeps.
    throw new GuardianError(
      'STORE_FAILED',
      `The local store was written by a newer Guardian Console (schema ${current}, this one knows ${migrations.length}). Update Guardian Console.`,
      { details: { schema: current, known: migrations.length } },
    );
  }
  return current;
}

export function migrate(db: DatabaseSync, target = migrations.length): void {
  const current = schemaVersion(db);
  if (current >= target) return;
  // Rebuilding a table that others reference needs foreign keys off, and the pragma is ignored inside a
  // transaction (SQLite's "making other kinds of table schema changes"); the check below replaces it.
  db.exec('PRAGMA foreign_keys = OFF');
  try {
    for (let version = current; version < target; version++) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const step = migrations[version]!;
        if (typeof step === 'string') db.exec(step);
        else step(db);
        const broken = db.prepare('PRAGMA foreign_key_check').all();
        if (broken.length > 0)
          throw new Error(`schema step ${version + 1} would leave ${broken.length} rows pointing at nothing`);
        db.exec(`PRAGMA user_version = ${version + 1}`);
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    }
  } finally {
    db.exec('PRAGMA foreign_keys = ON');
  }
}
