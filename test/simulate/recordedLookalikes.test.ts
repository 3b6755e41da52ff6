import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastReviews } from '../../electron/app/lastReviews.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { recordedLookalikes } from '../../electron/core/simulate/recordedLookalikes.js';
import { reviewTransaction } from '../../electron/core/simulate/reviewTransaction.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { appBehindGate } from '../app/throughGate.js';
import { runGuardian } from '../cli/runGuardian.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';

let chain: TestChain;
let protocol: Protocol;
let safe: string;
let owners: string[];
let dir: string;
let store: Store;
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
const vault = new Interface(['function transferOwnership(address)', 'function pause()']);

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  dir = mkdtempSync(join(tmpdir(), 'guardian-recorded-lookalikes-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: chain.chainId, address: safe, serviceUrl: null, rpcUrl: chain.rpcUrl, label: null });
  // The Vault is known here as a registered contract, not as this Safe or an owner: only the review's book has it.
  store.saveAbi({ chainId: chain.chainId, address: protocol.addresses['Vault']!, name: 'Vault', abi: [] });
});
afterAll(async () => {
  store?.close();
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Queued as a service would give it, so the queue lists it. */
function queued(data: string, nonce: bigint): string {
  const tx = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data,
    nonce,
  });
  const hash = safeTxHash(tx);
  store.saveQueueItems([
    {
      safeTx: tx,
      safeTxHash: hash,
      claimedSafeTxHash: hash,
      source: { kind: 'service', url: 'http://127.0.0.1:1' },
      confirmations: [],
      fetchedAt: new Date().toISOString(),
    },
  ]);
  return hash.toLowerCase();
}

describe('the look-alikes a review records, and the queue that shows them', () => {
  it('records a hand-over to an address with the Vault’s first and last four hex characters as a look-alike of the Vault; the queue listing, the IPC contract and guardian queue carry it', async () => {
    const vaultAddress = getAddress(protocol.addresses['Vault']!);
    const twin = getAddress(`${vaultAddress.slice(0, 6)}${'e'.repeat(32)}${vaultAddress.slice(-4)}`.toLowerCase());
    const handOver = queued(vault.encodeFunctionData('transferOwnership', [twin]), 0n);
    const pause = queued(vault.encodeFunctionData('pause'), 1n);
    for (const hash of [handOver, pause])
      await reviewTransaction({ store, tx: store.getQueueItem(hash).safeTx, rpcUrl: chain.rpcUrl });

    const expected = [{ address: twin, resembles: vaultAddress, name: 'Vault' }];
    const entry = store.listAudit({ safeTxHash: handOver, kind: 'review' }).at(-1)!;
    expect(entry.details!['lookalikes']).toEqual(expected);
    // Checked and none found is said as such, not left out as for a review recorded before look-alikes were kept.
    expect(store.listAudit({ safeTxHash: pause, kind: 'review' }).at(-1)!.details!['lookalikes']).toEqual([]);
    expect(recordedLookalikes(store).get(handOver)).toEqual(expected);
    expect(recordedLookalikes(store).has(pause)).toBe(false);
    expect(lastReviews(store).get(handOver)?.lookalikes).toEqual(expected);
    expect(lastReviews(store).get(pause)?.lookalikes).toEqual([]);

    // The app's queue listing, through the gate that holds every answer to the IPC contract.
    const listed = await appBehindGate({ store, dataDir: dir }).invoke('queue.list');
    expect(listed.ok).toBe(true);
    const rows = (listed as { value: Array<{ safeTxHash: string; lastReview: { lookalikes?: unknown } | null }> })
      .value;
    expect(rows.find((r) => r.safeTxHash.toLowerCase() === handOver)?.lastReview?.lookalikes).toEqual(expected);
    expect(rows.find((r) => r.safeTxHash.toLowerCase() === pause)?.lastReview?.lookalikes).toEqual([]);

    // The command line's queue, offline, on the same store.
    const cli = await runGuardian(['queue', '--offline'], { GUARDIAN_DATA_DIR: dir });
    expect(cli.stderr).toBe('');
    const lines = cli.stdout.split('\n');
    const row = lines.findIndex((l) => l.includes(handOver.slice(0, 18)));
    // Under the row, what it does (as decoded), then the look-alike its review recorded.
    expect(lines[row + 1]).toBe(`    Transfers ownership of Vault (${short(vaultAddress)}) to ${twin}`);
    expect(lines[row + 2]).toBe(
      `    look-alike of Vault (${short(vaultAddress)}): ${twin} is not Vault, ${vaultAddress}: the same ends, another address`,
    );
    expect(cli.stdout.match(/look-alike of/g)).toHaveLength(1);
    const json = await runGuardian(['queue', '--offline', '--json'], { GUARDIAN_DATA_DIR: dir });
    const items = (JSON.parse(json.stdout) as { items: Array<{ safeTxHash: string; lookalikes: unknown }> }).items;
    expect(items.find((i) => i.safeTxHash.toLowerCase() === handOver)?.lookalikes).toEqual(expected);
    expect(items.find((i) => i.safeTxHash.toLowerCase() === pause)?.lookalikes).toEqual([]);
  });
});
