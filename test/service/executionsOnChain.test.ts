import { concat, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governanceLatency } from '../../electron/core/queue/governanceLatency.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { tempStores } from '../store/tempStores.js';
import { startLoopbackService, type LoopbackService } from './loopbackService.js';

const stores = tempStores('executions-on-chain');
let chain: TestChain;
let service: LoopbackService;
let safe: string;
let owners: string[];

beforeAll(async () => {
  chain = await startTestChain();
  service = await startLoopbackService({ chainId: chain.chainId });
  const contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
});
afterAll(async () => {
  await service?.stop();
  await chain?.stop();
});

const tx = (nonce: bigint): SafeTx =>
  createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: chain.wallets[6]!.address,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce,
  });

/** Two owners sign and one sends it: the Safe executes it on the chain, as another station would have. */
async function executeOnChain(t: SafeTx): Promise<{ transactionHash: string; timestamp: number }> {
  const hash = safeTxHash(t);
  const signers = chain.wallets
    .slice(0, 2)
    .sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1));
  const signatures = concat(signers.map((w) => w.signingKey.sign(hash).serialized));
  const receipt = (await (
    await safeAt(safe, chain.wallets[0]!).getFunction('execTransaction')(
      t.to,
      t.value,
      t.data,
      t.operation,
      t.safeTxGas,
      t.baseGas,
      t.gasPrice,
      t.gasToken,
      t.refundReceiver,
      signatures,
    )
  ).wait())!;
  return { transactionHash: receipt.hash, timestamp: (await chain.provider.getBlock(receipt.blockNumber))!.timestamp };
}

describe("executions checked on the Safe's chain", () => {
  it('times an execution by its block, not by the date the service gives, and refuses one the named transaction did not execute', async () => {
    const executed = await executeOnChain(tx(0n));
    service.setSafe({ address: safe, owners, threshold: 2, nonce: 2n, version: '1.4.1' });
    const honest = service.addMultisigTx(tx(0n));
    // A service flattering the team: the execution backdated to a minute after the proposal.
    const proposedAt = new Date((executed.timestamp - 3 * 3600) * 1000).toISOString();
    Object.assign(honest, {
      isExecuted: true,
      submissionDate: proposedAt,
      executionDate: new Date((executed.timestamp - 3 * 3600 + 60) * 1000).toISOString(),
      transactionHash: executed.transactionHash,
    });
    // And one that never ran, credited to the same chain transaction.
    Object.assign(service.addMultisigTx(tx(1n)), {
      isExecuted: true,
      submissionDate: proposedAt,
      executionDate: proposedAt,
      transactionHash: executed.transactionHash,
    });

    const store = stores.store();
    store.addWatchedSafe({
      chainId: chain.chainId,
      address: safe,
      serviceUrl: service.url,
      rpcUrl: chain.rpcUrl,
      label: null,
    });
    expect(await pullQueue(store, store.listWatchedSafes()[0]!)).toMatchObject({ failure: null });
    const kept = store.listExecutedTransactions(chain.chainId, safe);
    expect(kept).toEqual([
      expect.objectContaining({
        safeTxHash: safeTxHash(tx(0n)),
        executedAt: new Date(executed.timestamp * 1000).toISOString(),
        executedAtSource: 'chain',
      }),
    ]);
    expect(governanceLatency(kept).medianMs).toBe(3 * 3_600_000);
    const refused = store.listAudit({ kind: 'pull' })[0]!.details!['executedRefused'] as string[];
    expect(refused).toEqual([
      expect.stringContaining(
        `${safeTxHash(tx(1n))} (nonce 1): transaction ${executed.transactionHash} did not execute it`,
      ),
    ]);
  });
});
