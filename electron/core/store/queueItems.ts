import { getAddress } from 'ethers';
import { z } from 'zod';
import { GuardianError } from '../errors.js';
import type { Confirmation, QueueItem, QueueSource } from '../queue/queueItem.js';
import { safeTxFromJson, safeTxToJson } from '../safe/safeTxJson.js';
import { corruptRow, type Database } from './store.js';

export type ConfirmationOrigin = 'service' | 'local' | 'bundle';

interface ItemRow {
  safe_tx_hash: string;
  safe_tx_json: string;
  claimed_safe_tx_hash: string | null;
  source_json: string;
  proposer: string | null;
  submitted_at: string | null;
  fetched_at: string;
}

interface ConfirmationRow {
  owner: string;
  signature: string;
  signature_type: string | null;
  submitted_at: string | null;
  origin: string;
}

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), url: z.string() }),
  z.object({ kind: z.literal('tx-builder-file'), path: z.string() }),
  z.object({ kind: z.literal('service-file'), path: z.string() }),
  z.object({ kind: z.literal('bundle'), path: z.string() }),
]);

export interface StoredConfirmation extends Confirmation {
  origin: ConfirmationOrigin;
}

export interface StoredQueueItem extends QueueItem {
  confirmations: StoredConfirmation[];
}

export function queueItemsTable(database: Database) {
  const { db } = database;

  function confirmationsOf(hash: string): StoredConfirmation[] {
    const rows = db.prepare('SELECT * FROM confirmations WHERE safe_tx_hash = ? ORDER BY lower(owner)').all(hash) as unknown as ConfirmationRow[];
    return rows.map((r) => {
      const c: StoredConfirmation = { owner: getAddress(r.owner), signature: r.signature, origin: r.origin as ConfirmationOrigin };
      if (r.signature_type) c.signatureType = r.signature_type;
      if (r.submitted_at) c.submittedAt = r.submitted_at;
      return c;
    });
  }

  function fromRow(row: ItemRow): StoredQueueItem {
    try {
      const item: StoredQueueItem = {
        safeTx: safeTxFromJson(JSON.parse(row.safe_tx_json), 'stored transaction'),
        safeTxHash: row.safe_tx_hash,
        claimedSafeTxHash: row.claimed_safe_tx_hash,
        source: sourceSchema.parse(JSON.parse(row.source_json)) as QueueSource,
        confirmations: confirmationsOf(row.safe_tx_hash),
        fetchedAt: row.fetched_at,
      };
      if (row.proposer) item.proposer = row.proposer;
      if (row.submitted_at) item.submittedAt = row.submitted_at;
      return item;
    } catch (cause) {
      throw corruptRow('queue_items', row.safe_tx_hash, cause);
    }
  }

  const insertConfirmation = (hash: string, c: Confirmation, origin: ConfirmationOrigin) =>
    // A confirmation already kept is never replaced or dropped: the first verified signature stays.
    db
      .prepare(
        `INSERT INTO confirmations (safe_tx_hash, owner, signature, signature_type, submitted_at, origin) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (safe_tx_hash, owner) DO NOTHING`,
      )
      .run(hash, getAddress(c.owner), c.signature.toLowerCase(), c.signatureType ?? null, c.submittedAt ?? null, origin);

  return {
    /** Upserts items and merges their confirmations, all in one transaction. */
    saveQueueItems(items: readonly QueueItem[], origin: ConfirmationOrigin = 'service'): void {
      database.transaction(() => {
        const upsert = db.prepare(
          `INSERT INTO queue_items (safe_tx_hash, chain_id, safe, safe_version, nonce, safe_tx_json, claimed_safe_tx_hash, source_json, proposer, submitted_at, fetched_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (safe_tx_hash) DO UPDATE SET claimed_safe_tx_hash = COALESCE(excluded.claimed_safe_tx_hash, claimed_safe_tx_hash),
             source_json = excluded.source_json, fetched_at = excluded.fetched_at, proposer = COALESCE(excluded.proposer, proposer),
             submitted_at = COALESCE(excluded.submitted_at, submitted_at)`,
        );
        for (const item of items) {
          const hash = item.safeTxHash.toLowerCase();
          upsert.run(
            hash,
            item.safeTx.chainId.toString(),
            item.safeTx.safe,
            item.safeTx.safeVersion,
            item.safeTx.nonce.toString().padStart(78, '0'),
            JSON.stringify(safeTxToJson(item.safeTx)),
            item.claimedSafeTxHash?.toLowerCase() ?? null,
            JSON.stringify(item.source),
            item.proposer ?? null,
            item.submittedAt ?? null,
            item.fetchedAt,
          );
          for (const c of item.confirmations) insertConfirmation(hash, c, origin);
        }
      });
    },
    listQueueItems(filter: { chainId?: bigint; safe?: string } = {}): StoredQueueItem[] {
      const rows = db
        .prepare(
          `SELECT * FROM queue_items WHERE (:chain IS NULL OR chain_id = :chain) AND (:safe IS NULL OR lower(safe) = lower(:safe))
           ORDER BY CAST(chain_id AS INTEGER), lower(safe), nonce, safe_tx_hash`,
        )
        .all({ chain: filter.chainId?.toString() ?? null, safe: filter.safe ?? null }) as unknown as ItemRow[];
      return rows.map(fromRow);
    },
    /** By full safeTxHash or a unique prefix of at least 6 hex digits, as a guardian types it from a screen. */
    getQueueItem(hashOrPrefix: string): StoredQueueItem {
      const wanted = hashOrPrefix.toLowerCase();
      if (!/^0x[0-9a-f]{6,64}$/.test(wanted)) {
        throw new GuardianError('INVALID_INPUT', `"${hashOrPrefix}" is not a safeTxHash or a prefix of one (0x and at least 6 hex digits).`);
      }
      const rows = db.prepare("SELECT * FROM queue_items WHERE safe_tx_hash LIKE ? || '%' LIMIT 6").all(wanted) as unknown as ItemRow[];
      if (rows.length === 0) throw new GuardianError('NOT_FOUND', `No stored transaction has a safeTxHash starting ${hashOrPrefix}. Run "guardian queue" to pull.`);
      if (rows.length > 1) {
        throw new GuardianError('INVALID_INPUT', `${hashOrPrefix} matches several stored transactions: ${rows.map((r) => r.safe_tx_hash.slice(0, 14)).join(', ')}. Give more digits.`);
      }
      return fromRow(rows[0]!);
    },
    /** Keeps one owner's confirmation; idempotent, and never overwrites one already kept. */
    addConfirmation(safeTxHash: string, confirmation: Confirmation, origin: ConfirmationOrigin): void {
      insertConfirmation(safeTxHash.toLowerCase(), confirmation, origin);
    },
  };
}
