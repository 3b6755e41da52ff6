import { getAddress, isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError } from '../errors.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedAddress, storedBigint, storedJson } from './storedRow.js';

/** An ABI a guardian registered for one contract, used by the decoder before any bundled or guessed one. */
export interface RegisteredAbi {
  chainId: bigint;
  address: string;
  name: string | null;
  /** The ABI as JSON fragments (ethers' Interface takes it as is). */
  abi: unknown[];
  addedAt: string;
}

const rowSchema = lazySchema(() =>
  z.object({
    chain_id: storedBigint(),
    address: storedAddress(),
    name: z.string().nullable(),
    abi_json: storedJson().pipe(z.array(z.unknown())),
    added_at: z.string(),
  }),
);

function fromRow(raw: unknown): RegisteredAbi {
  const row = parseRow(rowSchema(), 'registered_abis', rowKey(raw, 'chain_id', 'address'), raw);
  return { chainId: row.chain_id, address: row.address, name: row.name, abi: row.abi_json, addedAt: row.added_at };
}

export function registeredAbisTable(database: Database) {
  const { db } = database;
  return {
    /** Registers (or replaces) the ABI of one contract on one chain. */
    saveAbi(entry: { chainId: bigint; address: string; name?: string | null; abi: unknown[] }): void {
      if (!isAddress(entry.address))
        throw new GuardianError(
          'INVALID_INPUT',
          `"${entry.address}" is not a contract address (0x and 40 hex digits).`,
        );
      if (!Array.isArray(entry.abi))
        throw new GuardianError('INVALID_INPUT', `The ABI for ${entry.address} is not a JSON array of fragments.`);
      const address = getAddress(entry.address.toLowerCase());
      database.guarded(`register the ABI of ${address}`, () =>
        db
          .prepare(
            `INSERT INTO registered_abis (chain_id, address, name, abi_json, added_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (chain_id, address) DO UPDATE SET name = excluded.name, abi_json = excluded.abi_json, added_at = excluded.added_at`,
          )
          .run(
            entry.chainId.toString(),
            address,
            entry.name ?? null,
            JSON.stringify(entry.abi),
            new Date().toISOString(),
          ),
      );
    },

    getAbi(chainId: bigint, address: string): RegisteredAbi | null {
      const row = database.guarded('read a registered ABI', () =>
        db
          .prepare('SELECT * FROM registered_abis WHERE chain_id = ? AND lower(address) = lower(?)')
          .get(chainId.toString(), address),
      );
      return row ? fromRow(row) : null;
    },

    /** All registered ABIs, or those of one chain; ordered by chain id (numerically), then address. */
    listAbis(chainId?: bigint): RegisteredAbi[] {
      const rows = database.guarded('read registered ABIs', () =>
        db
          .prepare(
            'SELECT * FROM registered_abis WHERE (:chain IS NULL OR chain_id = :chain) ORDER BY length(chain_id), chain_id, lower(address)',
          )
          .all({ chain: chainId?.toString() ?? null }),
      );
      return rows.map(fromRow);
    },
  };
}
