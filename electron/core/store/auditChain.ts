import { createHash } from 'node:crypto';

/**
 * The audit log as a hash chain. SQLite's triggers stop an honest program from rewriting the log, not a person
 * with the file: drop the trigger, edit a "critical" verdict to none, restore the trigger. Each entry's hash
 * covers its columns and the hash of the entry before it, so an edit, a deletion or a reorder breaks every link
 * after it. A truncation (the newest entries cut) leaves a chain that still holds; only a head recorded
 * elsewhere (the app shows it, `guardian audit export` writes it) exposes it, and so does a whole chain
 * recomputed after an edit: its head changes.
 */
export const AUDIT_CHAIN_GENESIS = `0x${'00'.repeat(32)}`;

/** The columns of an audit_log row, exactly as stored: the hash is over what is on disk, not a reading of it. */
export interface AuditRowColumns {
  id: number;
  at: string;
  kind: string;
  safe_tx_hash: string | null;
  actor: string | null;
  details_json: string | null;
}

// Versioned and tagged so a hash from this chain can never be mistaken for, or replayed as, another hash.
const DOMAIN = 'guardian-console audit entry v1';

export function auditEntryHash(row: AuditRowColumns, prevHash: string): string {
  const preimage = JSON.stringify([
    DOMAIN,
    prevHash,
    row.id,
    row.at,
    row.kind,
    row.safe_tx_hash,
    row.actor,
    row.details_json,
  ]);
  return `0x${createHash('sha256').update(preimage, 'utf8').digest('hex')}`;
}
