import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { corruptRow, type Database } from './store.js';
import type { WatchedSafe } from './watchedSafe.js';

interface Row {
  chain_id: string;
  address: string;
  service_url: string | null;
  rpc_url: string | null;
  label: string | null;
  added_at: string;
}

function fromRow(row: Row): WatchedSafe {
  try {
    return { chainId: BigInt(row.chain_id), address: getAddress(row.address), serviceUrl: row.service_url, rpcUrl: row.rpc_url, label: row.label, addedAt: row.added_at };
  } catch (cause) {
    throw corruptRow('watched_safes', `${row.chain_id}:${row.address}`, cause);
  }
}

export function watchedSafesTable(database: Database) {
  const { db } = database;
  const getWatchedSafe = (chainId: bigint, address: string): WatchedSafe | null => {
    const row = db.prepare('SELECT * FROM watched_safes WHERE chain_id = ? AND lower(address) = lower(?)').get(chainId.toString(), address) as Row | undefined;
    return row ? fromRow(row) : null;
  };
  return {
    getWatchedSafe,
    addWatchedSafe(safe: Omit<WatchedSafe, 'addedAt'> & { addedAt?: string }): WatchedSafe {
      const row = {
        chain_id: safe.chainId.toString(),
        address: getAddress(safe.address),
        service_url: safe.serviceUrl,
        rpc_url: safe.rpcUrl,
        label: safe.label,
        added_at: safe.addedAt ?? new Date().toISOString(),
      };
      db.prepare(
        `INSERT INTO watched_safes (chain_id, address, service_url, rpc_url, label, added_at) VALUES (:chain_id, :address, :service_url, :rpc_url, :label, :added_at)
         ON CONFLICT (chain_id, address) DO UPDATE SET service_url = excluded.service_url, rpc_url = excluded.rpc_url, label = COALESCE(excluded.label, label)`,
      ).run(row);
      return getWatchedSafe(safe.chainId, safe.address)!;
    },
    listWatchedSafes(): WatchedSafe[] {
      return (db.prepare('SELECT * FROM watched_safes ORDER BY chain_id, address').all() as unknown as Row[]).map(fromRow);
    },
    removeWatchedSafe(chainId: bigint, address: string): void {
      const result = db.prepare('DELETE FROM watched_safes WHERE chain_id = ? AND lower(address) = lower(?)').run(chainId.toString(), address);
      if (result.changes === 0) throw new GuardianError('NOT_FOUND', `No watched Safe ${chainId}:${address}.`);
    },
  };
}
