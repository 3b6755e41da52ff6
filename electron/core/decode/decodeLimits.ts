/**
 * Bounds on what one transaction may make the decoder do. Hostile calldata (a batch inside a batch inside a
 * nested Safe, a length field claiming gigabytes) must neither hang the console nor exhaust it; whatever is
 * cut off is marked on the action.
 */
export interface DecodeLimits {
  maxDepth: number;
  maxActions: number;
  maxDataBytes: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxDepth: 6, maxActions: 300, maxDataBytes: 1_000_000 };
