import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { carryPreState } from '../../electron/core/bundle/carryPreState.js';
import { reviewBundle, reviewBundleJson } from '../../electron/core/bundle/reviewBundle.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import type { GuardedProtocol } from '../signing/guardedProtocol.js';

export interface ExportedPauseBundle {
  /** The online station, its Safe watched and pulled; the caller closes it. */
  online: Store;
  hash: string;
  vault: string;
  /** The review bundle as its JSON, with the pre-state of a review on a fork and its proofs. */
  json: ReturnType<typeof reviewBundleJson>;
}

/**
 * What the bundle tests start from: the Vault's pause proposed on the guarded protocol's service, pulled by an
 * online station, and exported as a review bundle the way `guardian bundle export` does.
 */
export async function exportPauseBundle(guarded: GuardedProtocol, dirs: string[]): Promise<ExportedPauseBundle> {
  const { chain, protocol, service, safe } = guarded;
  const vault = protocol.addresses['Vault']!;
  const pause = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: vault,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce: 0n,
  });
  const hash = safeTxHash(pause);
  service.addTransaction(pause);
  const dir = mkdtempSync(join(tmpdir(), 'guardian-online-'));
  dirs.push(dir);
  const online = openStore({ dataDir: dir });
  online.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: null,
  });
  await pullQueue(online, online.listWatchedSafes()[0]!);
  const json = reviewBundleJson(
    await reviewBundle(online, hash, await carryPreState(online, online.getQueueItem(hash), chain.rpcUrl)),
  );
  return { online, hash, vault, json };
}
