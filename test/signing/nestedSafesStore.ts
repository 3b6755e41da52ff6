import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import type { LoopbackService } from '../service/loopbackService.js';

export interface NestedSafesStore {
  store: Store;
  dataDir: string;
  /** Closes the store and removes its folder. */
  close(): void;
}

/**
 * A store in a folder of its own that watches an outer Safe ("Protocol") and the Safe that owns it ("Team"), both
 * on the test chain and the loopback service: where every nested-signing test starts.
 */
export function openNestedSafesStore(
  chain: TestChain,
  service: LoopbackService,
  safes: { outer: string; inner: string },
): NestedSafesStore {
  const dataDir = mkdtempSync(join(tmpdir(), 'guardian-nested-'));
  const store = openStore({ dataDir });
  for (const [label, address] of [
    ['Protocol', safes.outer],
    ['Team', safes.inner],
  ] as const)
    store.addWatchedSafe({ chainId: chain.chainId, address, serviceUrl: service.url, rpcUrl: chain.rpcUrl, label });
  return {
    store,
    dataDir,
    close() {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
