import { governanceLatency } from '../core/queue/governanceLatency.js';
import type { Store } from '../core/store/openStore.js';
import type { WatchedSafe } from '../core/store/watchedSafe.js';
import type { WatchedSafeView } from '../ipc/contract.js';

/** A watched Safe as the renderer shows it: what the store knows of its owners and nonce, and its latency. */
export function watchedSafeView(store: Store, s: WatchedSafe): WatchedSafeView {
  const info = store.getSafeInfo(s.chainId, s.address);
  const latency = governanceLatency(store.listExecutedTransactions(s.chainId, s.address), 10);
  return {
    chainId: s.chainId.toString(),
    address: s.address,
    label: s.label,
    serviceUrl: s.serviceUrl,
    rpcUrl: s.rpcUrl,
    owners: info?.owners ?? null,
    threshold: info?.threshold ?? null,
    nonce: info?.nonce.toString() ?? null,
    version: info?.version ?? null,
    latency: {
      ...latency,
      last: latency.last.map((l) => ({
        safeTxHash: l.safeTxHash,
        nonce: l.nonce.toString(),
        executedAt: l.executedAt,
        executedAtSource: l.executedAtSource,
        latencyMs: l.latencyMs,
      })),
    },
  };
}
