import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

let chain: TestChain;
let protocol: Protocol;
let store: Store;
let session: RendererSession;
let dir: string;
const screenshots = join(process.cwd(), 'test-results');

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  dir = mkdtempSync(join(tmpdir(), 'guardian-review-ui-'));
  mkdirSync(screenshots, { recursive: true });
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: chain.chainId, address: safe, serviceUrl: null, rpcUrl: chain.rpcUrl, label: 'Protocol guardians' });
  store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  for (const [name, address] of Object.entries(protocol.addresses)) store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  const vault = new Interface(['function pause()', 'function transferOwnership(address)']);
  const pause = createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause'), nonce: 0n });
  const handover = createSafeTx({ ...pause, data: vault.encodeFunctionData('transferOwnership', [chain.wallets[8]!.address]), nonce: 1n });
  store.saveQueueItems([pause, handover].map((t) => ({ safeTx: t, safeTxHash: safeTxHash(t), claimedSafeTxHash: safeTxHash(t), source: { kind: 'service' as const, url: 'x' }, confirmations: [], fetchedAt: 'now' })));
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await session?.close();
  store?.close();
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the review screen', () => {
  it('simulates a pause in the main process and draws paused false → true, with nothing above info', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('review').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('worst').innerText()).toBe('No finding above info');
    const rows = await page.getByTestId('diff-row').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toContain('paused false → true');
    await page.screenshot({ path: join(screenshots, 'review-pause.png'), fullPage: true });
  });

  it('marks a hand-over of ownership to a stranger as critical and draws the owner change', async () => {
    const { page } = session;
    await page.getByTestId('queue-row').nth(1).click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('review').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('worst').innerText()).toMatch(/^CRITICAL/);
    const rows = (await page.getByTestId('diff-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows.some((r) => r.startsWith('owner ') && r.includes('→'))).toBe(true);
    expect((await page.getByTestId('finding').allInnerTexts()).join('\n')).toMatch(/CONTROL_TO_UNKNOWN_ADDRESS/);
    await page.screenshot({ path: join(screenshots, 'review-handover.png'), fullPage: true });
  });
});
