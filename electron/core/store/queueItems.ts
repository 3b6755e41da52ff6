import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError, isGuardianError } from '../errors.js';
import type { QueueItem, QueueSource } from '../safe/queueItem.js';
import type { SafeTx } from '../safe/safeTx.js';
import { safeTxFromJson } from '../safe/safeTxJson.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { confirmationsTable, type ConfirmationOrigin, type StoredConfirmation } from './confirmations.js';
import type { Database } from './store.js';
import { corruptRow, parseRow, rowKey, storedHash } from './storedRow.js';

export type { ConfirmationOrigin, StoredConfirmation } from './confirmations.js';

export interface StoredQueueItem extends QueueItem {
  confirmations: StoredConfirmation[];
}

const rowSchema = lazySchema(() =>
  z.object({
    safe_tx_hash: storedHash(),
    chain_id: z.string(),
    safe: z.string(),
    safe_version: z.string(),
    to_address: z.string(),
    value: z.string(),
    data: z.string(),
    operation: z.number(),
    safe_tx_gas: z.string(),
    base_gas: z.string(),
    gas_price: z.string(),
    gas_token: z.string(),
    refund_receiver: z.string(),
    nonce: z.string(),
    claimed_safe_tx_hash: storedHash().nullable(),
    source_kind: z.enum(['service', 'tx-builder-file', 'service-file', 'bundle', 'nested']),
    source_location: z.string(),
    proposer: z.string().nullable(),
    submitted_at: z.string().nullable(),
    fetched_at: z.string(),
  }),
);
type Row = z.output<ReturnType<typeof rowSchema>>;

export interface QueueFilter {
  chainId?: bigint;
  safe?: string;
}

function sourceOf(row: Row): QueueSource {
  if (row.source_kind === 'service') return { kind: 'service', url: row.source_location };
  if (row.source_kind === 'nested') return { kind: 'nested', outerSafeTxHash: row.source_location };
  return { kind: row.source_kind, path: row.source_location };
}

/** Where a source points, as one string: its URL, its file, or the outer transaction a nested one approves. */
export function sourceLocation(source: QueueSource): string {
  if (source.kind === 'service') return source.url;
  return source.kind === 'nested' ? source.outerSafeTxHash : source.path;
}

/** The hash this machine computes, which is the only one the store keys on. */
function expectedHash(item: QueueItem): string {
  const computed = safeTxHash(item.safeTx);
  // The queue sources refuse mismatches already; the store checks again because it is what every later screen
  // (and the Ledger) is fed from.
  for (const [label, hash] of [
    ['safeTxHash', item.safeTxHash],
    ['claimed safeTxHash', item.claimedSafeTxHash],
  ] as const) {
    if (hash !== null && hash.toLowerCase() !== computed) {
      throw new GuardianError(
        'HASH_MISMATCH',
        `Refusing to store nonce ${item.safeTx.nonce} of ${item.safeTx.safe}: its ${label} ${hash} is not the hash of its fields (${computed}).`,
        {
          details: { given: hash, computed },
        },
      );
    }
  }
  return computed;
}

export function queueItemsTable(database: Database) {
  const { db } = database;
  const confirmations = confirmationsTable(database);

  function fromRow(raw: unknown): StoredQueueItem {
    const key = rowKey(raw, 'safe_tx_hash');
    const row = parseRow(rowSchema(), 'queue_items', key, raw);
    let safeTx: SafeTx;
    try {
      safeTx = safeTxFromJson(
        {
          chainId: row.chain_id,
          safe: row.safe,
          safeVersion: row.safe_version,
          to: row.to_address,
          value: row.value,
          data: row.data,
          operation: row.operation,
          safeTxGas: row.safe_tx_gas,
          baseGas: row.base_gas,
          gasPrice: row.gas_price,
          gasToken: row.gas_token,
          refundReceiver: row.refund_receiver,
          nonce: row.nonce,
        },
        'stored transaction',
      );
      // A changed field under an unchanged key would show one transaction and have the Ledger sign another.
      const computed = safeTxHash(safeTx);
      if (computed !== row.safe_tx_hash)
        throw new Error(`its fields hash to ${computed}, not to the safeTxHash it is stored under`);
    } catch (cause) {
      throw corruptRow('queue_items', key, cause);
    }
    const item: StoredQueueItem = {
      safeTx,
      safeTxHash: row.safe_tx_hash,
      claimedSafeTxHash: row.claimed_safe_tx_hash,
      source: sourceOf(row),
      confirmations: confirmations.confirmationsOf(row.safe_tx_hash),
      fetchedAt: row.fetched_at,
    };
    if (row.proposer !== null) item.proposer = row.proposer;
    if (row.submitted_at !== null) item.submittedAt = row.submitted_at;
    return item;
  }

  /**
   * Stored transactions ordered by chain, Safe and nonce (several may share a nonce: rival proposals), and apart
   * from them every row that does not read back (edited by hand, damaged), each a STORE_FAILED naming its
   * safeTxHash and what is wrong: one bad row must not hide the rest of the queue from a guardian.
   */
  function readQueueItems(filter: QueueFilter = {}): { items: StoredQueueItem[]; damaged: GuardianError[] } {
    const rows = database.guarded('read queue items', () =>
      db
        .prepare(
          `SELECT * FROM queue_items WHERE (:chain IS NULL OR chain_id = :chain) AND (:safe IS NULL OR lower(safe) = lower(:safe))
           ORDER BY length(chain_id), chain_id, lower(safe), length(nonce), nonce, safe_tx_hash`,
        )
        .all({ chain: filter.chainId?.toString() ?? null, safe: filter.safe ?? null }),
    );
    const items: StoredQueueItem[] = [];
    const damaged: GuardianError[] = [];
    for (const row of rows) {
      try {
        items.push(fromRow(row));
      } catch (error) {
        if (!isGuardianError(error, 'STORE_FAILED')) throw error;
        damaged.push(error);
      }
    }
    return { items, damaged };
  }

  return {
    /**
     * Upserts items and merges their confirmations, all in one transaction: a pull lands whole or not at all,
     * and a confirmation already kept is never dropped. Refuses (HASH_MISMATCH) an item whose hash is not
     * that of its fields.
     */
    saveQueueItems(items: readonly QueueItem[], origin: ConfirmationOrigin = 'service'): void {
      database.guarded('save queue items', () =>
        database.transaction(() => {
          const upsert = db.prepare(
            `INSERT INTO queue_items (safe_tx_hash, chain_id, safe, safe_version, to_address, value, data, operation, safe_tx_gas, base_gas,
               gas_price, gas_token, refund_receiver, nonce, claimed_safe_tx_hash, source_kind, source_location, proposer, submitted_at, fetched_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (safe_tx_hash) DO UPDATE SET claimed_safe_tx_hash = COALESCE(excluded.claimed_safe_tx_hash, claimed_safe_tx_hash),
               source_kind = excluded.source_kind, source_location = excluded.source_location, fetched_at = excluded.fetched_at,
               proposer = COALESCE(excluded.proposer, proposer), submitted_at = COALESCE(excluded.submitted_at, submitted_at)`,
          );
          for (const item of items) {
            const hash = expectedHash(item);
            const tx = item.safeTx;
            upsert.run(
              hash,
              tx.chainId.toString(),
              tx.safe,
              tx.safeVersion,
              tx.to,
              tx.value.toString(),
              tx.data.toLowerCase(),
              tx.operation,
              tx.safeTxGas.toString(),
              tx.baseGas.toString(),
              tx.gasPrice.toString(),
              tx.gasToken,
              tx.refundReceiver,
              tx.nonce.toString(),
              item.claimedSafeTxHash?.toLowerCase() ?? null,
              item.source.kind,
              sourceLocation(item.source),
              item.proposer ?? null,
              item.submittedAt ?? null,
              item.fetchedAt,
            );
            for (const c of item.confirmations) confirmations.insertConfirmation(hash, c, origin);
          }
        }),
      );
    },

    readQueueItems,

    /**
     * The readable stored transactions, as readQueueItems orders them. A damaged row is left out, never shown as
     * fact; a screen that lists the queue uses readQueueItems, which names it.
     */
    listQueueItems(filter: QueueFilter = {}): StoredQueueItem[] {
      return readQueueItems(filter).items;
    },

    /** By full safeTxHash or a unique prefix of at least 6 hex digits (0x optional), as a guardian types it from a screen. */
    getQueueItem(hashOrPrefix: string): StoredQueueItem {
      const digits = hashOrPrefix.trim().toLowerCase().replace(/^0x/, '');
      if (!/^[0-9a-f]{6,64}$/.test(digits)) {
        throw new GuardianError(
          'INVALID_INPUT',
          `"${hashOrPrefix}" is not a safeTxHash or a prefix of one (at least 6 hex digits).`,
        );
      }
      const rows = database.guarded('look up a transaction', () =>
        db
          .prepare('SELECT * FROM queue_items WHERE substr(safe_tx_hash, 1, ?) = ? ORDER BY safe_tx_hash LIMIT 6')
          .all(digits.length + 2, `0x${digits}`),
      );
      if (rows.length === 0) {
        throw new GuardianError(
          'NOT_FOUND',
          `No stored transaction has a safeTxHash starting 0x${digits}. Pull the queue ("guardian queue") or load its file.`,
        );
      }
      if (rows.length > 1) {
        const candidates = rows.map((r) => String((r as { safe_tx_hash: unknown }).safe_tx_hash));
        const more = rows.length === 6 ? ' and more' : '';
        throw new GuardianError(
          'INVALID_INPUT',
          `0x${digits} matches several stored transactions: ${candidates.join(', ')}${more}. Give more digits.`,
          {
            details: { candidates },
          },
        );
      }
      return fromRow(rows[0]);
    },

    addConfirmation: confirmations.addConfirmation,
  };
}
