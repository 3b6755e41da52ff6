import { getAddress } from 'ethers';
import { corruptRow, type Database } from './store.js';

export interface RegisteredAbi {
  chainId: bigint;
  address: string;
  name: string | null;
  abi: unknown[];
  addedAt: string;
}

interface Row {
  chain_id: string;
  address: string;
  name: string | null;
  abi_json: string;
  added_at: string;
}

function fromRow(row: Row): RegisteredAbi {
  try {
    const abi = JSON.parse(row.abi_json) as unknown;
    if (!Array.isArray(abi)) throw new Error('ABI is not a JSON array');
    return { chainId: BigInt(row.chain_id), address: getAddress(row.address), name: row.name, abi, addedAt: row.added_at };
  } catch (cause) {
    throw corruptRow('registered_abis', `${row.chain_id}:${row.address}`, cause);
  }
}

export function registeredAbisTable(database: Database) {
  const { db } = database;
  return {
    saveAbi(entry: { chainId: bigint; address: string; name?: string | null; abi: unknown[] }): void {
      db.prepare(
        `INSERT INTO registered_abis (chain_id, address, name, abi_json, added_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (chain_id, address) DO UPDATE SET name = excluded.name, abi_json = excluded.abi_json, added_at = excluded.added_at`,
      ).run(entry.chainId.toString(), getAddress(entry.address), entry.name ?? null, JSON.stringify(entry.abi), new Date().toISOString());
    },
    getAbi(chainId: bigint, address: string): RegisteredAbi | null {
      const row = db.prepare('SELECT * FROM registered_abis WHERE chain_id = ? AND lower(address) = lower(?)').get(chainId.toString(), address) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    listAbis(chainId?: bigint): RegisteredAbi[] {
      const rows = db.prepare('SELECT * FROM registered_abis WHERE (:chain IS NULL OR chain_id = :chain) ORDER BY chain_id, address').all({ chain: chainId?.toString() ?? null }) as unknown as Row[];
      return rows.map(fromRow);
    },
  };
}
