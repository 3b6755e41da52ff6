import { getAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import type { ExecutedTransaction } from '../safe/executedTransaction.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedAddress, storedBigint, storedHash } from './storedRow.js';

const rowSchema = lazySchema(() =>
  z.object({
    safe_tx_hash: storedHash(),
    chain_id: storedBigint(),
    safe: storedAddress(),
    nonce: storedBigint(),
    proposed_at: z.string().nullable(),
    executed_at: z.string(),
    executed_at_source: z.enum(['chain', 'service']),
    transaction_hash: storedHash().nullable(),
  }),
);

/** A Safe's executed transactions, kept so its latency history survives the service forgetting or going offline. */
export function executedTransactionsTable(database: Database) {
  const { db } = database;
  return {
    /**
     * Keeps each execution the first time it is seen and never rewrites it: a service that later moves an
     * execution date cannot quietly improve a team's record. Returns how many were new.
     */
    saveExecutedTransactions(executions: readonly ExecutedTransaction[]): number {
      return database.guarded('keep executed transactions', () =>
        database.transaction(() => {
          const insert = db.prepare(
            `INSERT INTO executed_transactions (safe_tx_hash, chain_id, safe, nonce, proposed_at, executed_at, executed_at_source, transaction_hash, recorded_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (safe_tx_hash) DO NOTHING`,
          );
          const at = new Date().toISOString();
          let added = 0;
          for (const e of executions) {
            const result = insert.run(
              e.safeTxHash.toLowerCase(),
              e.chainId.toString(),
              getAddress(e.safe.toLowerCase()),
              e.nonce.toString(),
              e.proposedAt,
              e.executedAt,
              e.executedAtSource,
              e.transactionHash?.toLowerCase() ?? null,
              at,
            );
            added += Number(result.changes);
          }
          return added;
        }),
      );
    },

    /** Whether an execution is kept already: a pull checks on the chain only what it has not seen. */
    hasExecutedTransaction(safeTxHash: string): boolean {
      return database.guarded(
        'read executed transactions',
        () =>
          db.prepare('SELECT 1 FROM executed_transactions WHERE safe_tx_hash = ?').get(safeTxHash.toLowerCase()) !==
          undefined,
      );
    },

    /** One Safe's executed transactions, oldest nonce first. */
    listExecutedTransactions(chainId: bigint, safe: string): ExecutedTransaction[] {
      const rows = database.guarded('read executed transactions', () =>
        db
          .prepare(
            'SELECT * FROM executed_transactions WHERE chain_id = ? AND lower(safe) = lower(?) ORDER BY length(nonce), nonce',
          )
          .all(chainId.toString(), safe),
      );
      return rows.map((raw) => {
        const r = parseRow(rowSchema(), 'executed_transactions', rowKey(raw, 'safe_tx_hash'), raw);
        return {
          chainId: r.chain_id,
          safe: r.safe,
          safeTxHash: r.safe_tx_hash,
          nonce: r.nonce,
          proposedAt: r.proposed_at,
          executedAt: r.executed_at,
          executedAtSource: r.executed_at_source,
          transactionHash: r.transaction_hash,
        };
      });
    },
  };
}
