/** A Safe this console follows: where to ask for its queue and where to read its chain. */
export interface WatchedSafe {
  chainId: bigint;
  address: string;
  serviceUrl: string | null;
  rpcUrl: string | null;
  label: string | null;
  addedAt: string;
}
