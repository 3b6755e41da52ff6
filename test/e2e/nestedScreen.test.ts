import { join } from 'node:path';
import { Interface, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { approvedHashSignature } from '../../electron/core/safe/safeSignature.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol } from '../protocol/deployProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

let chain: TestChain;
let store: Store;
let session: RendererSession;
let dir: string;
let outerSafe: string;
let teamSafe: string;
let outerHash: string;

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  const [a, b, teamOwner, teamOwner2] = chain.wallets.map((w) => w.address) as [string, string, string, string];
  // The protocol's Safe: two guardians' keys and a team Safe (one of its two owners suffices) own it, 2 of 3.
  teamSafe = await createSafe(chain, contracts, { owners: [teamOwner, teamOwner2], threshold: 1 });
  const owners = [a, b, teamSafe];
  outerSafe = await createSafe(chain, contracts, { owners, threshold: 2 });
  const protocol = await deployProtocol(chain.wallets[0]!, { safe: outerSafe });
  ({ dir, store } = openStation('guardian-nested-ui-'));
  for (const [address, label] of [
    [outerSafe, 'Protocol guardians'],
    [teamSafe, 'Team Safe'],
  ] as const)
    store.addWatchedSafe({ chainId: chain.chainId, address, serviceUrl: null, rpcUrl: chain.rpcUrl, label });
  store.saveSafeInfo({ chainId: chain.chainId, address: outerSafe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  store.saveSafeInfo({
    chainId: chain.chainId,
    address: teamSafe,
    owners: [teamOwner, teamOwner2],
    threshold: 1,
    nonce: 0n,
    version: '1.4.1',
  });
  for (const [name, address] of Object.entries(protocol.addresses))
    store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  const pause = createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce: 0n,
  });
  outerHash = safeTxHash(pause);
  store.saveQueueItems([
    {
      safeTx: pause,
      safeTxHash: outerHash,
      claimedSafeTxHash: outerHash,
      source: { kind: 'service', url: 'x' },
      confirmations: [],
      fetchedAt: 'now',
    },
  ]);
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await chain?.stop();
});

const teamApprovals = () => store.listQueueItems({ chainId: chain.chainId, safe: teamSafe.toLowerCase() });

describe('a Safe owned by another Safe, in the app', () => {
  it("approves the outer transaction with the owner Safe and lands on the inner transaction's review, both hashes named", async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('owner-safes').waitFor({ timeout: 30_000 });
    // Only the owner that is a Safe: the two guardians' keys are not listed.
    expect(await page.getByTestId('owner-safe').count()).toBe(1);
    expect(flat(await page.getByTestId('owner-safe-name').innerText())).toBe('Team Safe');
    expect(flat(await page.getByTestId('owner-safe-threshold').innerText())).toBe('1 of 2 owners');
    expect(flat(await page.getByTestId('owner-safe-approved').innerText())).toBe('Not approved on chain yet');
    await page.screenshot({ path: join(screenshots, 'nested-owner-safes-1280x800.png') });

    await page.getByTestId('approve-with-owner-safe').click();
    await page.getByTestId('nested-approves').waitFor({ timeout: 30_000 });
    const [inner] = teamApprovals();
    expect(teamApprovals()).toHaveLength(1);
    // The queued transaction is the team Safe's approveHash(outer), to the outer Safe, at its next nonce.
    expect(inner!.safeTx).toMatchObject({
      safe: teamSafe,
      to: outerSafe,
      nonce: 0n,
      operation: 0,
      data: safeAt(outerSafe, chain.provider).interface.encodeFunctionData('approveHash', [outerHash]),
    });
    // Its review is open: the hash the Ledger signs is the inner one, and the outer one is named as approved.
    await page.getByTestId('review').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('hash-review-safetxhash').getAttribute('title')).toBe(
      ledgerHashFormat(inner!.safeTxHash),
    );
    expect(await page.getByTestId('hash-nested-inner').getAttribute('title')).toBe(ledgerHashFormat(inner!.safeTxHash));
    expect(await page.getByTestId('hash-nested-outer').getAttribute('title')).toBe(ledgerHashFormat(outerHash));
    // Read as written: the screen draws hash labels in capitals.
    expect(flat((await page.getByTestId('nested-approves').textContent()) ?? '')).toMatch(
      /Inner safeTxHash: your Ledger signs this one.*Outer safeTxHash it approves: not signed on the device/,
    );
    expect(await page.getByTestId('sign-panel').count()).toBe(1);
    // The approveHash's write to the outer Safe is named as the approval it is, not an unattributed write.
    const approval = page.getByRole('group', { name: new RegExp(`after approves outer safeTxHash ${outerHash}`) });
    expect(await approval.count()).toBe(1);
    for (const severity of ['medium', 'high', 'critical'])
      expect(await page.locator(`[data-testid="finding"][data-severity="${severity}"]`).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'nested-inner-review-1280x800.png') });

    // Back on the outer transaction, the approval is shown as queued, and asking again opens the same one.
    await page.getByTestId('open-outer-review').click();
    await page.getByTestId('owner-safe-pending').waitFor({ timeout: 30_000 });
    await page.getByTestId('approve-with-owner-safe').click();
    await page.getByTestId('nested-approves').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('hash-nested-inner').getAttribute('title')).toBe(ledgerHashFormat(inner!.safeTxHash));
    expect(teamApprovals()).toHaveLength(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('counts the owner Safe in the outer quorum once its approval executed on chain, at another station', async () => {
    const { page } = session;
    const [inner] = teamApprovals();
    // One of the team Safe's owners executes its approveHash from a wallet, not through this console.
    const teamOwner = chain.wallets[2]!;
    const executed = await safeAt(teamSafe, teamOwner).getFunction('execTransaction')(
      inner!.safeTx.to,
      0,
      inner!.safeTx.data,
      0,
      0,
      0,
      0,
      ZeroAddress,
      ZeroAddress,
      approvedHashSignature(teamOwner.address),
    );
    await executed.wait();

    await page.goto(session.url);
    const outerRows = page.getByRole('table', { name: 'Pending transactions of Protocol guardians' });
    await outerRows.getByTestId('queue-row').first().click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('owner-safes').waitFor({ timeout: 30_000 });
    expect(flat(await page.getByTestId('owner-safe-approved').innerText())).toBe('Approved on chain (approvedHashes)');
    // Nothing left to approve with it.
    expect(await page.getByTestId('approve-with-owner-safe').count()).toBe(0);
    // The first review already counts it: queue.review asked the chain for owner Safe approvals before the quorum.
    expect(flat(await page.getByTestId('review-quorum-line').innerText())).toBe('1 of 2 signatures: 1 more needed.');
    expect(await page.getByTestId('owner-safe-newly-counted').count()).toBe(0);
    expect(store.getQueueItem(outerHash).confirmations).toEqual([
      expect.objectContaining({ owner: teamSafe, signatureType: 'APPROVED_HASH', origin: 'local' }),
    ]);
    await page.screenshot({ path: join(screenshots, 'nested-owner-approved-1280x800.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
