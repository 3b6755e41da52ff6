import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carryPreState } from '../../electron/core/bundle/carryPreState.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { startAnvil, type AnvilProcess } from '../../electron/core/simulate/anvilProcess.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { runGuardian } from '../cli/runGuardian.js';
import { pauseOf, startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

let guarded: GuardedProtocol;
let store: Store;
let dir: string;
let hash: string;
/** A second node of the same chain: a fork of it at its head, so it holds the same blocks up to there. */
let sameChain: AnvilProcess;
/** Another chain with the same chain id, as a misconfigured or lying second RPC would be. */
let otherChain: AnvilProcess;

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  const { chain, service, safe } = guarded;
  const pause = pauseOf(guarded);
  hash = safeTxHash(pause);
  service.addTransaction(pause);
  dir = mkdtempSync(join(tmpdir(), 'guardian-cross-check-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: null,
  });
  await pullQueue(store, store.listWatchedSafes()[0]!);
  [sameChain, otherChain] = await Promise.all([
    startAnvil({
      chainId: chain.chainId,
      forkUrl: chain.rpcUrl,
      forkBlockNumber: BigInt(await chain.provider.getBlockNumber()),
    }),
    startAnvil({ chainId: chain.chainId, args: ['--timestamp', '1700000000'] }),
  ]);
  // The other chain reaches the same height, so only the hash can tell them apart.
  const other = new JsonRpcProvider(otherChain.rpcUrl);
  await other.send('anvil_mine', ['0x' + (await chain.provider.getBlockNumber()).toString(16)]);
  other.destroy();
});
afterAll(async () => {
  store?.close();
  await Promise.all([guarded?.stop(), sameChain?.stop(), otherChain?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an online export cross-checks the carried block hash with a second RPC', () => {
  it('accepts a second node of the same chain and refuses another chain, in the core and from guardian bundle export', async () => {
    const item = store.getQueueItem(hash);
    const carried = await carryPreState(store, item, guarded.chain.rpcUrl, undefined, {
      checkRpcUrl: sameChain.rpcUrl,
    });
    expect(carried.header!.hash).toBe((await guarded.chain.provider.getBlock(BigInt(carried.block.number)))!.hash);
    await expect(
      carryPreState(store, item, guarded.chain.rpcUrl, undefined, { checkRpcUrl: otherChain.rpcUrl }),
    ).rejects.toMatchObject({
      code: 'BLOCK_MISMATCH',
      message: expect.stringMatching(
        /Block \d+ is 0x[0-9a-f]{64} on the Safe's RPC but 0x[0-9a-f]{64} on 127\.0\.0\.1/,
      ),
    });

    const env = { GUARDIAN_DATA_DIR: dir };
    const refusedOut = join(dir, 'refused.bundle.json');
    const refused = await runGuardian(
      ['bundle', 'export', hash, '--out', refusedOut, '--check-rpc', otherChain.rpcUrl],
      env,
    );
    expect(refused.code).toBe(EXIT_FOR_ERROR.BLOCK_MISMATCH);
    expect(refused.stderr).toContain('[BLOCK_MISMATCH]');
    expect(existsSync(refusedOut)).toBe(false);
    const out = join(dir, 'pause.bundle.json');
    const exported = await runGuardian(['bundle', 'export', hash, '--out', out, '--check-rpc', sameChain.rpcUrl], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/hash 0x[0-9a-f]{64}, the same on the second RPC/);
  }, 120_000);
});
