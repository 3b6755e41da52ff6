import { getAddress, isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError, isGuardianError } from '../errors.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedAddress, storedBigint } from './storedRow.js';
import type { WatchedSafe } from './watchedSafe.js';

const rowSchema = lazySchema(() =>
  z.object({
    chain_id: storedBigint(),
    address: storedAddress(),
    service_url: z.string().nullable(),
    rpc_url: z.string().nullable(),
    label: z.string().nullable(),
    added_at: z.string(),
  }),
);

function fromRow(raw: unknown): WatchedSafe {
  const row = parseRow(rowSchema(), 'watched_safes', rowKey(raw, 'chain_id', 'address'), raw);
  return {
    chainId: row.chain_id,
    address: row.address,
    serviceUrl: row.service_url,
    rpcUrl: row.rpc_url,
    label: row.label,
    addedAt: row.added_at,
  };
}

function checkedAddress(address: string): string {
  if (!isAddress(address))
    throw new GuardianError('INVALID_INPUT', `"${address}" is not a Safe address (0x and 40 hex digits).`);
  return getAddress(address.toLowerCase());
}

export function watchedSafesTable(database: Database) {
  const { db } = database;
  const getWatchedSafe = (chainId: bigint, address: string): WatchedSafe | null => {
    const row = database.guarded('read a watched Safe', () =>
      db
        .prepare('SELECT * FROM watched_safes WHERE chain_id = ? AND lower(address) = lower(?)')
        .get(chainId.toString(), address),
    );
    return row ? fromRow(row) : null;
  };
  /**
   * The watched Safes as listWatchedSafes orders them, and apart from them every row that does not read back
   * (edited by hand, damaged), each a STORE_FAILED naming its chain and address and what is wrong: one bad row
   * must not hide the other Safes from a guardian.
   */
  const readWatchedSafes = (): { safes: WatchedSafe[]; damaged: GuardianError[] } => {
    const rows = database.guarded('read watched Safes', () =>
      db.prepare('SELECT * FROM watched_safes ORDER BY length(chain_id), chain_id, lower(address)').all(),
    );
    const safes: WatchedSafe[] = [];
    const damaged: GuardianError[] = [];
    for (const row of rows) {
      try {
        safes.push(fromRow(row));
      } catch (error) {
        if (!isGuardianError(error, 'STORE_FAILED')) throw error;
        damaged.push(error);
      }
    }
    return { safes, damaged };
  };
  return {
    getWatchedSafe,

    /**
     * Adds a Safe, or updates its service and RPC URLs; a null label keeps the one it had, and the time it was
     * first added stays.
     */
    addWatchedSafe(safe: Omit<WatchedSafe, 'addedAt'> & { addedAt?: string }): WatchedSafe {
      const address = checkedAddress(safe.address);
      database.guarded(`watch Safe ${address}`, () =>
        db
          .prepare(
            `INSERT INTO watched_safes (chain_id, address, service_url, rpc_url, label, added_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (chain_id, address) DO UPDATE SET service_url = excluded.service_url, rpc_url = excluded.rpc_url, label = COALESCE(excluded.label, label)`,
          )
          .run(
            safe.chainId.toString(),
            address,
            safe.serviceUrl,
            safe.rpcUrl,
            safe.label,
            safe.addedAt ?? new Date().toISOString(),
          ),
      );
      return getWatchedSafe(safe.chainId, address)!;
    },

    readWatchedSafes,

    /**
     * Ordered by chain id (numerically), then address. A damaged row throws STORE_FAILED naming it: a Safe left
     * out without a word would not be pulled, and nobody would know; a screen that can name it beside the
     * others uses readWatchedSafes.
     */
    listWatchedSafes(): WatchedSafe[] {
      const { safes, damaged } = readWatchedSafes();
      if (damaged[0]) throw damaged[0];
      return safes;
    },

    /** Stops watching a Safe; what was pulled for it (queue, confirmations, audit) stays. */
    removeWatchedSafe(chainId: bigint, address: string): void {
      const result = database.guarded(`stop watching Safe ${address}`, () =>
        db
          .prepare('DELETE FROM watched_safes WHERE chain_id = ? AND lower(address) = lower(?)')
          .run(chainId.toString(), address),
      );
      if (result.changes === 0)
        throw new GuardianError('NOT_FOUND', `Safe ${address} on chain ${chainId} is not watched.`);
    },
  };
}
