import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface, parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carryPreState } from '../../electron/core/bundle/carryPreState.js';
import { replayCarriedReview } from '../../electron/core/bundle/replayCarriedReview.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { verifyCarriedState } from '../../electron/core/simulate/replaySimulation.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol } from '../protocol/deployProtocol.js';

let chain: TestChain;
let store: Store;
let dir: string;
let owners: string[];

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  // Owners that are anvil's own dev accounts, whose balance on this chain is no longer anvil's 10000 ETH.
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe });
  for (const wallet of chain.wallets.slice(0, 3))
    await (await wallet.sendTransaction({ to: chain.wallets[9]!.address, value: parseEther('1234') })).wait();
  const tx = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce: 0n,
  });
  dir = mkdtempSync(join(tmpdir(), 'guardian-dev-sender-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: chain.chainId, address: safe, serviceUrl: null, rpcUrl: chain.rpcUrl, label: null });
  store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  store.saveQueueItems([
    {
      safeTx: tx,
      safeTxHash: safeTxHash(tx),
      claimedSafeTxHash: null,
      source: { kind: 'tx-builder-file', path: 'pause.json' },
      confirmations: [],
      fetchedAt: new Date().toISOString(),
    },
  ]);
});
afterAll(async () => {
  store?.close();
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a carry whose simulated sender is one of anvil's dev accounts", () => {
  it('carries the balance the chain proves, not the 10000 ETH a local fork gives its dev accounts, and replays as proven', async () => {
    const item = store.listQueueItems()[0]!;
    const carried = await carryPreState(store, item, chain.rpcUrl);
    const onChain = await chain.provider.getBalance(owners[0]!);
    expect(onChain).not.toBe(parseEther('10000'));
    const sender = Object.entries(carried.prestate).find(
      ([a]) => owners.some((o) => o.toLowerCase() === a.toLowerCase()) && carried.prestate[a]!.balance !== undefined,
    );
    expect(sender, "the simulation's sender is among the carried accounts").toBeDefined();
    expect(BigInt(sender![1].balance!)).toBe(await chain.provider.getBalance(sender![0], BigInt(carried.block.number)));
    expect(verifyCarriedState(carried, { tx: item.safeTx, owners, threshold: 2 })).toBe('proven');
    const { verdict, review } = await replayCarriedReview(store, item.safeTx, carried);
    expect(verdict).toBe('proven');
    expect(review.simulation.success).toBe(true);
  });
});
