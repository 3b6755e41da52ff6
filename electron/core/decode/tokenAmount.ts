import { formatUnits } from 'ethers';
import type { TokenInfo } from '../primitives/tokenInfo.js';

/** An amount in the token's own units ("1200.0 GRD"), or said to be raw when its decimals are not known. */
export function tokenAmount(value: bigint, token: TokenInfo | null | undefined): string {
  return token ? `${formatUnits(value, token.decimals)} ${token.symbol}` : `${value} (raw units)`;
}
