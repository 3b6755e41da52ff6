import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError } from '../errors.js';
import type { Database } from './store.js';
import { AUDIT_CHAIN_GENESIS, auditEntryHash, type AuditRowColumns } from './auditChain.js';
import { parseRow, rowKey, storedJson } from './storedRow.js';
import { missingAuditSchema } from './auditGuards.js';
import { verifyAuditChain, type AuditChainVerdict, type ChainLink } from './verifyAuditChain.js';

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
  /** This entry's link in the hash chain (auditChain.ts); null for an entry written around the console. */
  entryHash: string | null;
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

const rowSchema = lazySchema(() =>
  z.object({
    id: z.number().int(),
    at: z.string(),
    kind: z.string().min(1),
    safe_tx_hash: z.string().nullable(),
    actor: z.string().nullable(),
    details_json: storedJson().pipe(z.record(z.string(), z.unknown())).nullable(),
    entry_hash: z.string().nullable(),
  }),
);

// Audit details may carry bigints (nonces, values); JSON has no bigint, so they are kept as decimal text.
const bigintAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** A table of the audit log dropped from the store: nothing of the chain can be vouched for past that. */
function droppedTable(table: 'audit_log' | 'audit_chain', entries: number, firstId: number | null): AuditChainVerdict {
  const what =
    table === 'audit_log'
      ? 'The audit log itself (table audit_log) is gone from the store: it was dropped, and every entry with it.'
      : 'The audit chain (table audit_chain) is gone from the store: it was dropped, and no entry can be checked against the hash it was written with.';
  return {
    intact: false,
    entries,
    head: AUDIT_CHAIN_GENESIS,
    headId: null,
    firstBad: { id: firstId ?? 1, problem: 'dropped', message: what },
  };
}

export function auditLogTable(database: Database) {
  const { db } = database;
  return {
    /** Records an event, appended after every other; returns its id. */
    appendAudit(entry: AuditInput): number {
      if (!entry.kind) throw new GuardianError('INVALID_INPUT', 'An audit entry needs a kind.');
      if (
        entry.details !== undefined &&
        (entry.details === null || typeof entry.details !== 'object' || Array.isArray(entry.details))
      ) {
        throw new GuardianError('INVALID_INPUT', `The details of audit entry "${entry.kind}" must be an object.`);
      }
      const columns = {
        at: new Date().toISOString(),
        kind: entry.kind,
        safe_tx_hash: entry.safeTxHash?.toLowerCase() ?? null,
        actor: entry.actor ?? null,
        details_json: entry.details === undefined ? null : JSON.stringify(entry.details, bigintAsText),
      };
      // One transaction (BEGIN IMMEDIATE holds the write lock): the entry and its link land together, and two
      // processes appending at once cannot both link to the same predecessor.
      return database.guarded(`record "${entry.kind}" in the audit log`, () =>
        database.transaction(() => {
          const last = db.prepare('SELECT entry_hash FROM audit_chain ORDER BY id DESC LIMIT 1').get() as
            { entry_hash: string } | undefined;
          const prev = last?.entry_hash ?? AUDIT_CHAIN_GENESIS;
          const result = db
            .prepare('INSERT INTO audit_log (at, kind, safe_tx_hash, actor, details_json) VALUES (?, ?, ?, ?, ?)')
            .run(columns.at, columns.kind, columns.safe_tx_hash, columns.actor, columns.details_json);
          const id = Number(result.lastInsertRowid);
          db.prepare('INSERT INTO audit_chain (id, prev_hash, entry_hash) VALUES (?, ?, ?)').run(
            id,
            prev,
            auditEntryHash({ id, ...columns }, prev),
          );
          return id;
        }),
      );
    },

    /**
     * The whole log checked link by link (verifyAuditChain.ts): the first entry edited, deleted, reordered or
     * cut off, and the head to record elsewhere. `expectedHead`: a head recorded earlier, which must still be there.
     */
    verifyAudit(expectedHead?: string): AuditChainVerdict & { guardsMissing: string[] } {
      return database.guarded('read the audit log', () => {
        const missing = missingAuditSchema(db);
        const guardsMissing = missing.triggers;
        if (missing.tables.includes('audit_log')) return { ...droppedTable('audit_log', 0, null), guardsMissing };
        const rows = db
          .prepare('SELECT id, at, kind, safe_tx_hash, actor, details_json FROM audit_log ORDER BY id')
          .all() as unknown as AuditRowColumns[];
        if (missing.tables.includes('audit_chain'))
          return { ...droppedTable('audit_chain', rows.length, rows[0]?.id ?? null), guardsMissing };
        const links = db
          .prepare('SELECT id, prev_hash, entry_hash FROM audit_chain ORDER BY id')
          .all() as unknown as ChainLink[];
        const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as
          { seq: number } | undefined;
        const verdict = verifyAuditChain({
          rows,
          links,
          highestIssuedId: sequence ? Number(sequence.seq) : null,
          ...(expectedHead !== undefined ? { expectedHead } : {}),
        });
        return { ...verdict, guardsMissing };
      });
    },

    /** Entries in the order they were recorded, optionally for one safeTxHash and/or one kind. */
    listAudit(filter: AuditFilter = {}): AuditEntry[] {
      const rows = database.guarded('read the audit log', () =>
        db
          .prepare(
            'SELECT audit_log.*, audit_chain.entry_hash FROM audit_log LEFT JOIN audit_chain USING (id) WHERE (:hash IS NULL OR safe_tx_hash = :hash) AND (:kind IS NULL OR kind = :kind) ORDER BY id',
          )
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
      if (bad !== undefined)
        throw new GuardianError('INVALID_INPUT', `"${bad}" is not a key audit details can be searched by.`);
      const holdsEvery = filter.withDetails
        .map((_, i) => `AND json_type(details_json, :path${i}) IS NOT NULL`)
        .join(' ');
      const paths = Object.fromEntries(filter.withDetails.map((key, i) => [`path${i}`, `$.${key}`]));
      const rows = database.guarded('read the audit log', () =>
        db
          .prepare(
            `SELECT audit_log.*, audit_chain.entry_hash FROM audit_log LEFT JOIN audit_chain USING (id) WHERE id IN (
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
  const r = parseRow(rowSchema(), 'audit_log', rowKey(raw, 'id'), raw);
  return {
    id: r.id,
    at: r.at,
    kind: r.kind,
    safeTxHash: r.safe_tx_hash,
    actor: r.actor,
    details: r.details_json,
    entryHash: r.entry_hash,
  };
}
