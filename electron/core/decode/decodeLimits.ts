/**
 * Bounds on what one transaction may make the decoder do. Hostile calldata (a batch inside a batch inside a
 * nested Safe, a length field claiming gigabytes, ABI offsets that point many array items at one large blob)
 * must neither hang the console nor exhaust it; whatever is cut off is marked on the action.
 */
export interface DecodeLimits {
  maxDepth: number;
  /** Actions in the whole tree, the transaction itself included. */
  maxActions: number;
  /** Calldata of one action. */
  maxDataBytes: number;
  /** Calldata of every action together: aliased ABI offsets can make inner calls far larger than the outer one. */
  maxTotalBytes: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxDepth: 6,
  maxActions: 300,
  maxDataBytes: 1_000_000,
  maxTotalBytes: 4_000_000,
};
