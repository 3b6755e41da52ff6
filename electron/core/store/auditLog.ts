import { z } from 'zod';
import { GuardianError } from '../errors.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedJson } from './storedRow.js';

/** One thing that happened on this machine; the database refuses to change or delete it (see migrations). */
export interface AuditEntry {
  id: number;
  /** ISO-8601 time it was recorded. */
  at: string;
  /** e.g. "review", "signature", "posted", "pull", "execution" */
  kind: string;
  safeTxHash: string | null;
  actor: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditInput {
  kind: string;
  safeTxHash?: string;
  actor?: string;
  details?: object;
}

export interface AuditFilter {
  safeTxHash?: string;
  kind?: string;
}

/** The newest entry of one kind for each transaction, among those whose details carry every key named. */
export interface LatestAuditFilter {
  kind: string;
  withDetails: readonly string[];
}

const DETAIL_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const rowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string().min(1),
  safe_tx_hash: z.string().nullable(),
  actor: z.string().nullable(),
  details_json: storedJson.pipe(z.record(z.string(), z.unknown())).nullable(),
});

// Audit details may carry bigints (nonces, values); JSON has no bigint, so they are kept as decimal text.
const bigintAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

export function auditLogTable(database: Database) {
  const { db } = database;
  return {
    /** Records an event, appended after every other; returns its id. */
    appendAudit(entry: AuditInput): number {
      if (!entry.kind) throw new GuardianError('INVALID_INPUT', 'An audit entry needs a kind.');
      if (entry.details !== undefined && (entry.details === null || typeof entry.details !== 'object' || Array.isArray(entry.details))) {
        throw new GuardianError('INVALID_INPUT', `The details of audit entry "${entry.kind}" must be an object.`);
      }
      const result = database.guarded(`record "${entry.kind}" in the audit log`, () =>
        db
          .prepare('INSERT INTO audit_log (at, kind, safe_tx_hash, actor, details_json) VALUES (?, ?, ?, ?, ?)')
          .run(
            new Date().toISOString(),
            entry.kind,
            entry.safeTxHash?.toLowerCase() ?? null,
            entry.actor ?? null,
            entry.details === undefined ? null : JSON.stringify(entry.details, bigintAsText),
          ),
      );
      return Number(result.lastInsertRowid);
    },

    /** Entries in the order they were recorded, optionally for one safeTxHash and/or one kind. */
    listAudit(filter: AuditFilter = {}): AuditEntry[] {
      const rows = database.guarded('read the audit log', () =>
        db
          .prepare('SELECT * FROM audit_log WHERE (:hash IS NULL OR safe_tx_hash = :hash) AND (:kind IS NULL OR kind = :kind) ORDER BY id')
          .all({ hash: filter.safeTxHash?.toLowerCase() ?? null, kind: filter.kind ?? null }),
      );
      return rows.map(toEntry);
    },

    /**
     * One entry per safeTxHash: the newest of `kind` whose details hold every key in `withDetails` (null counts,
     * absent does not). The log only grows, so this is chosen by SQLite, not by reading every entry of the kind.
     */
    latestAuditPerTransaction(filter: LatestAuditFilter): AuditEntry[] {
      const bad = filter.withDetails.find((key) => !DETAIL_KEY.test(key));
      if (bad !== undefined) throw new GuardianError('INVALID_INPUT', `"${bad}" is not a key audit details can be searched by.`);
      const holdsEvery = filter.withDetails.map((_, i) => `AND json_type(details_json, :path${i}) IS NOT NULL`).join(' ');
      const paths = Object.fromEntries(filter.withDetails.map((key, i) => [`path${i}`, `$.${key}`]));
      const rows = database.guarded('read the audit log', () =>
        db
          .prepare(
            `SELECT * FROM audit_log WHERE id IN (
               SELECT MAX(id) FROM audit_log
               WHERE kind = :kind AND safe_tx_hash IS NOT NULL AND json_valid(details_json) ${holdsEvery}
               GROUP BY safe_tx_hash
             ) ORDER BY id`,
          )
          .all({ kind: filter.kind, ...paths }),
      );
      return rows.map(toEntry);
    },
  };
}

function toEntry(raw: unknown): AuditEntry {
  const r = parseRow(rowSchema, 'audit_log', rowKey(raw, 'id'), raw);
  return { id: r.id, at: r.at, kind: r.kind, safeTxHash: r.safe_tx_hash, actor: r.actor, details: r.details_json };
}
