import { getAddress, isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { tokenInfoSchema } from '../primitives/tokenInfo.js';
import { GuardianError } from '../errors.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedAddress, storedBigint } from './storedRow.js';

const rowSchema = lazySchema(() =>
  z.object({
    chain_id: storedBigint(),
    address: storedAddress(),
    decimals: tokenInfoSchema().shape.decimals,
    symbol: tokenInfoSchema().shape.symbol,
    learned_at: z.string(),
  }),
);

/** Decimals and symbols as tokens gave them during reviews: the token's own claim, kept for offline reading. */
export function tokenInfoTable(database: Database) {
  const { db } = database;
  const table = {
    /** Keeps (or refreshes) what a token said of itself; refuses what no screen should show. */
    saveTokenInfo(chainId: bigint, address: string, info: TokenInfo): void {
      if (!isAddress(address))
        throw new GuardianError('INVALID_INPUT', `"${address}" is not a token address (0x and 40 hex digits).`);
      const checked = tokenInfoSchema().safeParse(info);
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        throw new GuardianError(
          'INVALID_INPUT',
          `Refusing to keep token ${address}'s ${issue.path.join('.')}: ${issue.message}.`,
          { cause: checked.error },
        );
      }
      const token = getAddress(address.toLowerCase());
      database.guarded(`keep the decimals of token ${token}`, () =>
        db
          .prepare(
            `INSERT INTO token_info (chain_id, address, decimals, symbol, learned_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (chain_id, address) DO UPDATE SET decimals = excluded.decimals, symbol = excluded.symbol, learned_at = excluded.learned_at`,
          )
          .run(chainId.toString(), token, checked.data.decimals, checked.data.symbol, new Date().toISOString()),
      );
    },

    /** Everything a review learned of its tokens, all kept or none. */
    saveTokenInfos(chainId: bigint, tokens: ReadonlyMap<string, TokenInfo>): void {
      database.transaction(() => {
        for (const [address, info] of tokens) table.saveTokenInfo(chainId, address, info);
      });
    },

    /** Every token known on a chain, by lowercase address, as the decoder and the review take them. */
    listTokenInfo(chainId: bigint): Map<string, TokenInfo> {
      const rows = database.guarded('read token decimals', () =>
        db.prepare('SELECT * FROM token_info WHERE chain_id = ?').all(chainId.toString()),
      );
      return new Map(
        rows.map((raw) => {
          const row = parseRow(rowSchema(), 'token_info', rowKey(raw, 'chain_id', 'address'), raw);
          return [row.address.toLowerCase(), { decimals: row.decimals, symbol: row.symbol }];
        }),
      );
    },
  };
  return table;
}
