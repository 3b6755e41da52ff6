import type { Store } from '../store/openStore.js';

/** What a guardian needs to choose the nonce of a batch that carries none (a Transaction Builder file). */
export interface ImportNonceChoice {
  /** The Safe's next nonce as the last pull read it from the chain. */
  safeNonce: bigint;
  /** Nonces already queued here for this Safe, from the next one on, each with the hashes that hold it. */
  queued: { nonce: bigint; safeTxHashes: string[] }[];
  /** The first nonce from the Safe's next one that nothing queued holds: the batch then runs after the queue. */
  suggested: bigint;
}

/**
 * The pending nonces of one Safe, so an import can ask which nonce and say when the chosen one is taken. A
 * collision is not refused: a replacement (a rejection, a fixed batch) takes a queued nonce on purpose, and only
 * one of the two can ever run.
 */
export function importNonceChoice(store: Store, chainId: bigint, safe: string, safeNonce: bigint): ImportNonceChoice {
  const byNonce = new Map<bigint, string[]>();
  for (const item of store.listQueueItems({ chainId, safe: safe.toLowerCase() })) {
    if (item.safeTx.nonce < safeNonce) continue;
    byNonce.set(item.safeTx.nonce, [...(byNonce.get(item.safeTx.nonce) ?? []), item.safeTxHash.toLowerCase()]);
  }
  const queued = [...byNonce.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([nonce, safeTxHashes]) => ({ nonce, safeTxHashes }));
  let suggested = safeNonce;
  while (byNonce.has(suggested)) suggested += 1n;
  return { safeNonce, queued, suggested };
}
