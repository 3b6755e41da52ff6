import type { DatabaseSync } from 'node:sqlite';

/** The tables the audit log lives in and the triggers that make both append-only (migrations 1, 3 and 6). */
const AUDIT_TABLES = ['audit_log', 'audit_chain'] as const;
const AUDIT_TRIGGERS = [
  'audit_log_no_update',
  'audit_log_no_delete',
  'audit_log_no_replace',
  'audit_chain_no_update',
  'audit_chain_no_delete',
  'audit_chain_no_replace',
] as const;

/**
 * What of the audit log's schema is gone from the store. The console never drops any of it: a table or a trigger
 * missing is the trace of someone working on the file with another SQLite tool, even where the links still hold
 * (a trigger dropped to rewrite, and not put back).
 */
export function missingAuditSchema(db: DatabaseSync): { tables: string[]; triggers: string[] } {
  const present = new Set(
    (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").all() as Array<{ name: string }>
    ).map((r) => r.name),
  );
  return {
    tables: AUDIT_TABLES.filter((name) => !present.has(name)),
    triggers: AUDIT_TRIGGERS.filter((name) => !present.has(name)),
  };
}
