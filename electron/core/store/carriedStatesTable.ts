import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError, isGuardianError } from '../errors.js';
import { parseCarriedState, type CarriedState } from '../primitives/carriedState.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedJson } from './storedRow.js';

const rowSchema = lazySchema(() =>
  z.object({ safe_tx_hash: z.string(), carried_json: storedJson(), kept_at: z.string() }),
);

/**
 * Pre-states carried by review bundles, by safeTxHash: on an air-gapped station, the state a transaction's
 * review is replayed on. Checked again when read back, as anything from disk is.
 */
export function carriedStatesTable(database: Database) {
  const { db } = database;
  return {
    keepCarriedState(safeTxHash: string, carried: CarriedState): void {
      database.guarded('keep the carried pre-state', () =>
        db
          .prepare(
            'INSERT INTO carried_states (safe_tx_hash, carried_json, kept_at) VALUES (?, ?, ?) ON CONFLICT (safe_tx_hash) DO UPDATE SET carried_json = excluded.carried_json, kept_at = excluded.kept_at',
          )
          .run(safeTxHash.toLowerCase(), JSON.stringify(carried), new Date().toISOString()),
      );
    },

    /** The pre-state kept for a transaction, or null when no bundle brought one. */
    getCarriedState(safeTxHash: string): CarriedState | null {
      const raw = database.guarded('read the carried pre-state', () =>
        db.prepare('SELECT * FROM carried_states WHERE safe_tx_hash = ?').get(safeTxHash.toLowerCase()),
      );
      if (!raw) return null;
      const row = parseRow(rowSchema(), 'carried_states', rowKey(raw, 'safe_tx_hash'), raw);
      try {
        return parseCarriedState(row.carried_json);
      } catch (cause) {
        if (!isGuardianError(cause)) throw cause;
        throw new GuardianError(
          'STORE_FAILED',
          `The pre-state kept for ${row.safe_tx_hash} no longer reads as one (${cause.message}): import its bundle again.`,
          { cause },
        );
      }
    },
  };
}
