/**
 * Where a drill from a review bundle came from, and what the drill changed of the team's Safe to rehearse it:
 * its owners, always (drill keys stand in for them), and its nonce where the bundle's transaction was queued
 * behind others. Said in the report and on the console, so nobody takes the drill chain for the team's.
 */
export interface BundleDrillOrigin {
  file: string;
  /** The bundle's chain: a label only; the drill chain is a fresh local anvil that never reaches it. */
  chainId: string;
  safe: string;
  safeVersion: string;
  /** The transaction's hash on its own chain, as the bundle's guardians sign it. */
  safeTxHash: string;
  /** The same fields on the drill chain, whose id the Safe's domain includes: what the drill keys sign. */
  drillSafeTxHash: string;
  block: string;
  blockHash: string | null;
  /** The owner whose Ledger signed the bundle, or null where nobody did. */
  producer: string | null;
  owners: { replaced: string[]; drillKeys: string[]; threshold: number };
  /** The Safe's nonce as carried and as the drill set it to the transaction's; null when they were equal. */
  nonce: { carried: string; set: string } | null;
  /** The carried block's time and the drill chain's first block time (unix seconds, decimal): the same clock. */
  clock: { carriedTimestamp: string; drillStartTimestamp: string };
}

/** The words every surface uses for the owner replacement. */
export function ownersReplacedLine(origin: BundleDrillOrigin): string {
  const { drillKeys, threshold } = origin.owners;
  const nonce = origin.nonce ? `; nonce set from ${origin.nonce.carried} to the transaction's ${origin.nonce.set}` : '';
  return `owners replaced by ${drillKeys.length} DRILL keys; threshold kept at ${threshold}${nonce}`;
}
