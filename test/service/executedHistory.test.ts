import { getAddress, toBeHex, Wallet } from 'ethers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchServiceQueue } from '../../electron/core/queue/fetchServiceQueue.js';
import { governanceLatency } from '../../electron/core/queue/governanceLatency.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { tempStores } from '../store/tempStores.js';
import { startLoopbackService, type LoopbackService } from './loopbackService.js';

const chainId = 11155111n;
const safe = getAddress('0x5afe3855358e112b5647b952709e6165e1c1aaaa');
const owners = [1, 2, 3].map((i) => new Wallet(toBeHex(2000 + i, 32)).address);
const stores = tempStores('executed-history');
let service: LoopbackService;

beforeAll(async () => {
  service = await startLoopbackService({ chainId });
});
afterAll(async () => service.stop());
beforeEach(() => {
  service.setHostile(null);
  service.state.safes.clear();
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 3n, version: '1.4.1' });
});

const tx = (nonce: bigint, overrides: Partial<SafeTx> = {}) =>
  createSafeTx({
    chainId,
    safe,
    safeVersion: '1.4.1',
    to: '0x' + '11'.repeat(20),
    data: '0x8456cb59',
    nonce,
    ...overrides,
  });

/** As the service shows a transaction once it ran: executed, with its dates and chain transaction. */
function executedOnService(t: SafeTx, proposedAt: string, executedAt: string) {
  const served = service.addMultisigTx(t);
  Object.assign(served, {
    isExecuted: true,
    submissionDate: proposedAt,
    executionDate: executedAt,
    transactionHash: '0x' + 'ee'.repeat(32),
  });
  return served;
}

describe("a Safe's executed history", () => {
  it('is pulled with the queue, each execution re-hashed here, and a forged one refused by name', async () => {
    executedOnService(tx(0n), '2026-11-01T00:00:00Z', '2026-11-01T01:30:00Z');
    executedOnService(tx(1n), '2026-11-02T00:00:00Z', '2026-11-02T00:20:00Z');
    const forged = executedOnService(tx(2n), '2026-11-03T00:00:00Z', '2026-11-03T00:01:00Z');
    forged['to'] = '0x' + '66'.repeat(20);
    service.addMultisigTx(tx(3n));

    const queue = await fetchServiceQueue({ serviceUrl: service.url, chainId, safe, timeoutMs: 5_000 });
    expect(queue.items.map((i) => i.safeTx.nonce)).toEqual([3n]);
    expect(queue.historyFailure).toBeNull();
    expect(queue.history!.executions.map((e) => [e.nonce, e.safeTxHash, e.executedAt])).toEqual([
      [1n, safeTxHash(tx(1n)), '2026-11-02T00:20:00Z'],
      [0n, safeTxHash(tx(0n)), '2026-11-01T01:30:00Z'],
    ]);
    expect(queue.history!.refused).toEqual([expect.stringMatching(/claims safeTxHash 0x.*nonce 2\) hash to 0x/)]);
    expect(service.requests.some((r) => r.path.includes('executed=true'))).toBe(true);
  });

  it("refuses what a service lists as executed that the Safe's nonce says has not run, or that was never marked executed", async () => {
    executedOnService(tx(0n), '2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z');
    executedOnService(tx(5n), '2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z');
    service.addMultisigTx(tx(3n));
    service.setHostile({ kind: 'ignore-filters' });
    const queue = await fetchServiceQueue({ serviceUrl: service.url, chainId, safe, timeoutMs: 5_000 });
    expect(queue.history!.executions.map((e) => e.nonce)).toEqual([0n]);
    expect(queue.history!.refused).toHaveLength(2);
  });

  it('is kept in the store as first seen: a later pull cannot move an execution date, and the latency reads from it offline', async () => {
    const store = stores.store();
    store.addWatchedSafe({ chainId, address: safe, serviceUrl: service.url, rpcUrl: null, label: null });
    const first = executedOnService(tx(0n), '2026-11-01T00:00:00Z', '2026-11-01T02:00:00Z');
    executedOnService(tx(1n), '2026-11-02T00:00:00Z', '2026-11-02T00:30:00Z');
    expect(await pullQueue(store, store.listWatchedSafes()[0]!)).toMatchObject({ failure: null });
    first['executionDate'] = '2026-11-01T00:01:00Z';
    await pullQueue(store, store.listWatchedSafes()[0]!);

    const kept = store.listExecutedTransactions(chainId, safe);
    expect(kept.map((e) => [e.nonce, e.executedAt])).toEqual([
      [0n, '2026-11-01T02:00:00Z'],
      [1n, '2026-11-02T00:30:00Z'],
    ]);
    expect(governanceLatency(kept)).toMatchObject({ measured: 2, medianMs: 30 * 60_000, p90Ms: 2 * 3_600_000 });
    expect(store.listAudit({ kind: 'pull' })[0]!.details).toMatchObject({ executed: 2, executedRefused: [] });
  });
});
