/** One executed transaction of a Safe, for its governance latency: proposal to execution. */
export interface ExecutedTransaction {
  chainId: bigint;
  safe: string;
  /** Computed here from the fields, as for a pending one; the service's claim had to match it. */
  safeTxHash: string;
  nonce: bigint;
  /** The service's submissionDate: when it was proposed. */
  proposedAt: string | null;
  /** The block's timestamp once checked on the chain (executionsOnChain), else the service's executionDate. */
  executedAt: string;
  executedAtSource: 'chain' | 'service';
  transactionHash: string | null;
}
