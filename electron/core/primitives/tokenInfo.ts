import { z } from 'zod';
import { lazySchema } from './lazySchema.js';

/** A token's symbol and decimals, as the review shows amounts in its units. */
export interface TokenInfo {
  symbol: string;
  decimals: number;
}

/** More than any real token uses (USDC 6, WBTC 8, most 18, some 27); beyond it an answer is not believed. */
export const MAX_TOKEN_DECIMALS = 36;

/**
 * A symbol is the token's own claim, shown beside its address, never instead of it: only short printable
 * ASCII is believed, so a symbol cannot carry control characters, direction overrides or look-alike letters
 * onto the screen.
 */
export const TOKEN_SYMBOL = /^[\x21-\x7e]{1,16}$/;

/** What the console keeps of a token, read from a chain or from the store alike. */
export const tokenInfoSchema = lazySchema(() =>
  z.object({
    decimals: z.number().int().min(0).max(MAX_TOKEN_DECIMALS),
    symbol: z.string().regex(TOKEN_SYMBOL, 'not 1 to 16 printable ASCII characters'),
  }),
);
