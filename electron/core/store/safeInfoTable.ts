import { getAddress } from 'ethers';
import { z } from 'zod';
import type { SafeInfo } from '../safe/safeInfo.js';
import { corruptRow, type Database } from './store.js';

const infoSchema = z.object({
  chainId: z.string(),
  address: z.string(),
  owners: z.array(z.string()),
  threshold: z.number().int(),
  nonce: z.string(),
  version: z.string(),
  singleton: z.string().optional(),
  modules: z.array(z.string()).optional(),
  guard: z.string().optional(),
  fallbackHandler: z.string().optional(),
});

export function safeInfoTable(database: Database) {
  const { db } = database;
  return {
    /** The last known state of a Safe, so owners and threshold are known offline. */
    saveSafeInfo(info: SafeInfo): void {
      const json = JSON.stringify({ ...info, chainId: info.chainId.toString(), nonce: info.nonce.toString(), address: getAddress(info.address) });
      db.prepare(
        `INSERT INTO safe_info (chain_id, address, info_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (chain_id, address) DO UPDATE SET info_json = excluded.info_json, updated_at = excluded.updated_at`,
      ).run(info.chainId.toString(), getAddress(info.address), json, new Date().toISOString());
    },
    getSafeInfo(chainId: bigint, address: string): SafeInfo | null {
      const row = db.prepare('SELECT info_json FROM safe_info WHERE chain_id = ? AND lower(address) = lower(?)').get(chainId.toString(), address) as
        | { info_json: string }
        | undefined;
      if (!row) return null;
      try {
        const parsed = infoSchema.parse(JSON.parse(row.info_json));
        return { ...parsed, chainId: BigInt(parsed.chainId), nonce: BigInt(parsed.nonce) };
      } catch (cause) {
        throw corruptRow('safe_info', `${chainId}:${address}`, cause);
      }
    },
  };
}
