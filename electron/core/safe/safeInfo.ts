/** What a Safe is right now: who may sign, how many must, and which nonce comes next. */
export interface SafeInfo {
  chainId: bigint;
  address: string;
  owners: string[];
  threshold: number;
  nonce: bigint;
  /** As the contract's VERSION() or the service reports it, e.g. "1.4.1" or "1.3.0+L2". */
  version: string;
  /** The singleton (mastercopy) the proxy delegates to. */
  singleton?: string;
  modules?: string[];
  guard?: string;
  fallbackHandler?: string;
}
