import { AUDIT_CHAIN_GENESIS, auditEntryHash, type AuditRowColumns } from './auditChain.js';

export type AuditBreak =
  /** The entry's columns no longer hash to what was recorded when it was written. */
  | 'edited'
  /** The entry's link names another predecessor: one before it was deleted, or entries were reordered. */
  | 'relinked'
  /** An entry with no link (written around the console), or a link whose entry is gone. */
  | 'unlinked'
  /** Entries after the last one were removed: SQLite issued higher ids than the log now holds, or a recorded head is gone. */
  | 'truncated'
  /** A table of the log (audit_log, audit_chain) is gone from the store. */
  | 'dropped';

export interface AuditChainVerdict {
  intact: boolean;
  entries: number;
  /** The newest entry's hash: record it elsewhere, and a later rewrite of the log cannot match it. */
  head: string;
  headId: number | null;
  firstBad: { id: number; problem: AuditBreak; message: string } | null;
}

export interface ChainLink {
  id: number;
  prev_hash: string;
  entry_hash: string;
}

export interface AuditChainInput {
  /** audit_log rows, in id order. */
  rows: readonly AuditRowColumns[];
  /** audit_chain rows, in id order. */
  links: readonly ChainLink[];
  /** The highest id SQLite ever issued for audit_log (sqlite_sequence), or null when none is recorded. */
  highestIssuedId: number | null;
  /** A head recorded earlier: it must still be in the chain. */
  expectedHead?: string;
}

/** Walks the chain oldest first and names the first entry where it breaks. */
export function verifyAuditChain(input: AuditChainInput): AuditChainVerdict {
  const links = new Map(input.links.map((l) => [l.id, l]));
  const rowIds = new Set(input.rows.map((r) => r.id));
  let prev = AUDIT_CHAIN_GENESIS;
  let headId: number | null = null;
  const seen = new Set<string>();
  const broken = (id: number, problem: AuditBreak, message: string): AuditChainVerdict => ({
    intact: false,
    entries: input.rows.length,
    head: prev,
    headId,
    firstBad: { id, problem, message },
  });
  // A link whose entry is gone: the entry was deleted and its link left behind.
  const orphan = input.links.find((l) => !rowIds.has(l.id))?.id ?? null;
  const deleted = (id: number) => broken(id, 'unlinked', `Audit entry #${id} was deleted: its link is still there.`);
  for (const row of input.rows) {
    const link = links.get(row.id);
    if (orphan !== null && orphan < row.id) return deleted(orphan);
    if (!link)
      return broken(
        row.id,
        'unlinked',
        `Audit entry #${row.id} has no link in the chain: it was written around the console, or its link was deleted.`,
      );
    if (link.prev_hash !== prev)
      return broken(
        row.id,
        'relinked',
        headId === null
          ? `Audit entry #${row.id} is the first in the log, but its link names an entry before it: earlier entries were deleted, or entries were reordered.`
          : `Audit entry #${row.id} follows another entry than #${headId}: an entry before it was deleted, or entries were reordered.`,
      );
    if (auditEntryHash(row, prev) !== link.entry_hash)
      return broken(row.id, 'edited', `Audit entry #${row.id} (${row.kind}) was changed after it was written.`);
    prev = link.entry_hash;
    headId = row.id;
    seen.add(prev);
  }
  if (orphan !== null) return deleted(orphan);
  if (input.highestIssuedId !== null && input.highestIssuedId > (headId ?? 0)) {
    return broken(
      (headId ?? 0) + 1,
      'truncated',
      `The audit log ends at #${headId ?? 'none'} but entries up to #${input.highestIssuedId} were written: the newest were removed.`,
    );
  }
  if (input.expectedHead !== undefined && !seen.has(input.expectedHead.toLowerCase())) {
    return broken(
      (headId ?? 0) + 1,
      'truncated',
      `The recorded head ${input.expectedHead} is not in this audit log: entries were removed or the log was rewritten.`,
    );
  }
  return { intact: true, entries: input.rows.length, head: prev, headId, firstBad: null };
}
