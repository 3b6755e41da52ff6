import type { Database } from './store.js';

export interface AuditEntry {
  id: number;
  at: string;
  /** e.g. "review", "signature", "pull", "execution" */
  kind: string;
  safeTxHash: string | null;
  actor: string | null;
  details: Record<string, unknown> | null;
}

export function auditLogTable(database: Database) {
  const { db } = database;
  return {
    appendAudit(entry: { kind: string; safeTxHash?: string; actor?: string; details?: Record<string, unknown> }): void {
      db.prepare('INSERT INTO audit_log (at, kind, safe_tx_hash, actor, details_json) VALUES (?, ?, ?, ?, ?)').run(
        new Date().toISOString(),
        entry.kind,
        entry.safeTxHash ?? null,
        entry.actor ?? null,
        entry.details ? JSON.stringify(entry.details, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : null,
      );
    },
    listAudit(filter: { safeTxHash?: string; kind?: string } = {}): AuditEntry[] {
      const rows = db
        .prepare('SELECT * FROM audit_log WHERE (:hash IS NULL OR safe_tx_hash = :hash) AND (:kind IS NULL OR kind = :kind) ORDER BY id')
        .all({ hash: filter.safeTxHash ?? null, kind: filter.kind ?? null }) as Array<{
        id: number;
        at: string;
        kind: string;
        safe_tx_hash: string | null;
        actor: string | null;
        details_json: string | null;
      }>;
      return rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind, safeTxHash: r.safe_tx_hash, actor: r.actor, details: r.details_json ? (JSON.parse(r.details_json) as Record<string, unknown>) : null }));
    },
  };
}
