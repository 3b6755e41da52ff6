import { getAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError } from '../errors.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import type { Database } from './store.js';
import { corruptRow, parseRow, storedAddress, storedDecimal, storedJson } from './storedRow.js';

const infoSchema = lazySchema(() =>
  z
    .object({
      chainId: storedDecimal(),
      address: storedAddress(),
      owners: z.array(storedAddress()).min(1),
      threshold: z.number().int().min(1),
      nonce: storedDecimal(),
      version: z.string().min(1),
      singleton: storedAddress().optional(),
      modules: z.array(storedAddress()).optional(),
      guard: storedAddress().optional(),
      fallbackHandler: storedAddress().optional(),
    })
    // A Safe's setup refuses a threshold above its owner count; a snapshot claiming one would misstate the quorum.
    .refine((i) => i.threshold <= i.owners.length, {
      message: 'threshold above the number of owners',
      path: ['threshold'],
    }),
);

const rowSchema = lazySchema(() =>
  z.object({
    chain_id: storedDecimal(),
    address: storedAddress(),
    info_json: storedJson(),
    updated_at: z.string(),
  }),
);

function toJson(info: SafeInfo): Record<string, unknown> {
  return { ...info, chainId: info.chainId.toString(), nonce: info.nonce.toString(), address: getAddress(info.address) };
}

export function safeInfoTable(database: Database) {
  const { db } = database;
  return {
    /** The last known state of a Safe, so owners and threshold are known offline. Replaces the previous snapshot. */
    saveSafeInfo(info: SafeInfo): void {
      const checked = infoSchema().safeParse(toJson(info));
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        throw new GuardianError(
          'INVALID_INPUT',
          `Refusing to store the state of Safe ${info.address}: ${issue.path.join('.')} ${issue.message}.`,
          { cause: checked.error },
        );
      }
      database.guarded(`save the state of Safe ${info.address}`, () =>
        db
          .prepare(
            `INSERT INTO safe_info (chain_id, address, info_json, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (chain_id, address) DO UPDATE SET info_json = excluded.info_json, updated_at = excluded.updated_at`,
          )
          .run(
            info.chainId.toString(),
            getAddress(info.address),
            JSON.stringify(toJson(info)),
            new Date().toISOString(),
          ),
      );
    },

    getSafeInfo(chainId: bigint, address: string): SafeInfo | null {
      const raw = database.guarded('read the state of a Safe', () =>
        db
          .prepare('SELECT * FROM safe_info WHERE chain_id = ? AND lower(address) = lower(?)')
          .get(chainId.toString(), address),
      );
      if (!raw) return null;
      const key = `${chainId}:${address}`;
      const row = parseRow(rowSchema(), 'safe_info', key, raw);
      const info = parseRow(infoSchema(), 'safe_info', key, row.info_json);
      // A snapshot moved under another Safe's key would give that Safe someone else's owners.
      if (info.chainId !== row.chain_id || info.address !== row.address) {
        throw corruptRow('safe_info', key, new Error(`it describes ${info.chainId}:${info.address}`));
      }
      const result: SafeInfo = {
        chainId: BigInt(info.chainId),
        address: info.address,
        owners: info.owners,
        threshold: info.threshold,
        nonce: BigInt(info.nonce),
        version: info.version,
      };
      if (info.singleton !== undefined) result.singleton = info.singleton;
      if (info.modules !== undefined) result.modules = info.modules;
      if (info.guard !== undefined) result.guard = info.guard;
      if (info.fallbackHandler !== undefined) result.fallbackHandler = info.fallbackHandler;
      return result;
    },
  };
}
