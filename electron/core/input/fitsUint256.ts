/** The uint256 range, apart from the zod schema in uint256.ts: hashing a transaction must not load zod. */
export const MAX_UINT256 = (1n << 256n) - 1n;

export const fitsUint256 = (value: bigint): boolean => value >= 0n && value <= MAX_UINT256;
