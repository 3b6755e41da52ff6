import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITY_POLICY } from '../../electron/core/risk/severityPolicy.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import type { Protocol } from '../protocol/deployProtocol.js';
import type { LoopbackService } from '../service/loopbackService.js';
import { startQueueProtocol, type QueueProtocol } from './queueProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

let queue: QueueProtocol;
let chain: TestChain;
let protocol: Protocol;
let service: LoopbackService;
let store: Store;
let session: RendererSession;
let dir: string;
let safe: string;
let owners: string[];
let pauseHash: string;
let bybitHash: string;
const titlesOf = (severity: string) =>
  Object.values(SEVERITY_POLICY)
    .filter((p) => p.severity === severity)
    .map((p) => p.title as string);

beforeAll(async () => {
  queue = await startQueueProtocol();
  ({ chain, protocol, service, safe, owners } = queue);
  const writer = queue.singletonWriter;
  const pause = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data: new Interface(['function pause()']).encodeFunctionData('pause'),
    nonce: 0n,
  });
  // Bybit, Feb 2025: what the signers saw was a token transfer of 0; what ran was a delegatecall that rewrote the singleton.
  const attacker = chain.wallets[9]!.address;
  const bybit = createSafeTx({
    ...pause,
    to: writer,
    data: new Interface(['function transfer(address to, uint256 amount)']).encodeFunctionData('transfer', [
      attacker,
      0n,
    ]),
    operation: 1,
    nonce: 1n,
  });
  pauseHash = safeTxHash(pause);
  bybitHash = safeTxHash(bybit);
  service.addTransaction(pause, { confirmations: [] });
  service.addTransaction(bybit);
  ({ dir, store } = openStation('guardian-glance-ui-'));
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
  await session.page.setViewportSize({ width: 1280, height: 800 });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await queue?.stop();
});

describe('the queue at first glance', () => {
  it('watches a Safe from the form, refusing an RPC that serves another chain', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('tab-safes').click();
    await page.getByTestId('watch-chain-id').fill((chain.chainId + 1n).toString());
    await page.getByTestId('watch-address').fill(safe);
    await page.getByTestId('watch-service').fill(service.url);
    await page.getByTestId('watch-rpc').fill(chain.rpcUrl);
    await page.getByTestId('watch-label').fill('Protocol guardians');
    await page.getByTestId('watch-submit').click();
    await page.getByTestId('watch-outcome').waitFor();
    expect(await page.getByTestId('watch-outcome').innerText()).toMatch(
      new RegExp(`^Not watched: .*serves chain ${chain.chainId}, not chain ${chain.chainId + 1n}.*\\[WRONG_CHAIN\\]$`),
    );
    expect(store.listWatchedSafes()).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'glance-watch-refused.png') });
    await page.getByTestId('watch-chain-id').fill(chain.chainId.toString());
    await page.getByTestId('watch-submit').click();
    await page.getByTestId('watch-outcome').getByText('Watching').waitFor();
    expect(store.listWatchedSafes()).toMatchObject([
      { chainId: chain.chainId, rpcUrl: chain.rpcUrl, serviceUrl: service.url, label: 'Protocol guardians' },
    ]);
  });

  it('reviews what it pulls without a click: the delegatecall row leads with its critical headline, the transfer it claims labelled as a claim', async () => {
    const { page } = session;
    await page.getByTestId('tab-queue').click();
    await page.getByTestId('pull').click();
    const bybitRow = page.locator(`[data-testid=queue-row][data-safe-tx-hash="${bybitHash.toLowerCase()}"]`);
    await bybitRow.waitFor();
    // Progress in the row while the station reviews (the first one may already be running).
    await page.getByTestId('background-review').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'glance-reviewing.png') });
    await bybitRow.getByTestId('headline').waitFor({ timeout: 90_000 });
    const recorded = store.listAudit({ safeTxHash: bybitHash, kind: 'review' }).at(-1)!.details!;
    expect(recorded['worst']).toBe('critical');
    const headline = bybitRow.getByTestId('headline');
    expect(await headline.getAttribute('data-severity')).toBe('critical');
    // The worst finding's own title, in words: one the policy rates critical, as the review recorded it.
    expect(titlesOf('critical')).toContain(recorded['headline']);
    expect(flat((await headline.textContent()) ?? '')).toBe(`critical ${String(recorded['headline'])}`);
    expect(flat(await bybitRow.getByTestId('claim').innerText())).toMatch(/claims: Transfers 0/);
    // The label comes from what the simulation showed, and says it: recorded with the review, read back by the row.
    expect(recorded['contradictions']).toEqual([
      expect.stringMatching(/DELEGATECALL/),
      expect.stringMatching(/no such Transfer/),
      expect.stringMatching(/^Safe singleton/),
    ]);
    expect(flat(await bybitRow.getByTestId('claim-reason').innerText())).toMatch(
      /^the simulation says otherwise: The call is a DELEGATECALL to .*: its code runs as this Safe.* \(and 2 more\)$/,
    );
    const pauseRow = page.locator(`[data-testid=queue-row][data-safe-tx-hash="${pauseHash.toLowerCase()}"]`);
    await pauseRow.getByTestId('headline').waitFor({ timeout: 90_000 });
    expect(await pauseRow.getByTestId('headline').getAttribute('data-severity')).toBe('info');
    expect(flat((await pauseRow.getByTestId('headline').textContent()) ?? '')).toMatch(/^ok Nothing above info/);
    expect(flat(await pauseRow.getByTestId('claim').innerText())).not.toContain('claims:');
    expect(await pauseRow.getByTestId('claim-reason').count()).toBe(0);
    // Every badge has its words: on hover, and in the row's notes once it is focused.
    expect(await bybitRow.locator('.badge.danger').first().getAttribute('title')).toMatch(
      /runs the target's code as its own/,
    );
    await bybitRow.focus();
    expect(flat(await bybitRow.getByTestId('row-notes').innerText())).toMatch(
      /DELEGATECALL: .*quorum: no signature yet; missing .*; 2 more needed/,
    );
    expect(await bybitRow.getByTestId('quorum').getAttribute('title')).toMatch(
      /missing 0x\w{4}…\w{4}, 0x\w{4}…\w{4}, 0x\w{4}…\w{4}; 2 more needed/,
    );
    await page.screenshot({ path: join(screenshots, 'glance-queue-1280x800.png') });
    expect(session.pageErrors).toEqual([]);
  });

  it('walks to a row and into its review by keyboard alone', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor();
    await page.screenshot({ path: join(screenshots, 'glance-shortcuts.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('shortcuts').count()).toBe(0);
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-safe-tx-hash'))).toBe(
      pauseHash.toLowerCase(),
    );
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-safe-tx-hash'))).toBe(
      bybitHash.toLowerCase(),
    );
    // The focused row is drawn with a ring, not only coloured.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.screenshot({ path: join(screenshots, 'glance-keyboard-focus.png') });
    // The import is a button in the tab order, not a hidden input.
    const importButton = page.getByTestId('import-button');
    expect(await importButton.evaluate((b) => (b as HTMLButtonElement).tabIndex)).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByTestId('review').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('review-verdict').getAttribute('data-severity')).toBe('critical');
    // Focus moves into the review, so the keyboard goes on from there; Escape is the way back.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('close-review');
    await page.screenshot({ path: join(screenshots, 'glance-keyboard-review.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('review').count()).toBe(0);
    await page.getByTestId('review-closed').waitFor();
    await importButton.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-button');
  });

  it('lists the reviews in the audit log, newest first, with their verdicts', async () => {
    const { page } = session;
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-entry').first().waitFor();
    const entries = (await page.getByTestId('audit-entry').allInnerTexts()).map(flat);
    // The keyboard review of the delegatecall is the newest; the pull that brought both is the oldest.
    expect(entries[0]).toMatch(new RegExp(`review ${bybitHash.slice(0, 10)}…${bybitHash.slice(-4)} critical `));
    expect(entries.at(-1)).toMatch(/ pull - .*: 2 pulled, 0 refused$/);
    expect(entries.filter((e) => / review /.test(e))).toHaveLength(3);
    await page.screenshot({ path: join(screenshots, 'glance-audit.png') });
  });

  it("drops an executed transaction from the pending list once a pull reads the Safe's nonce past it", async () => {
    const { page } = session;
    service.setSafe({ address: safe, owners, threshold: 2, nonce: 1n, version: '1.4.1' });
    await page.getByTestId('tab-queue').click();
    await page.getByTestId('pull').click();
    await page.getByTestId('pull-outcome').first().waitFor();
    await page.getByTestId('safe-state').getByText('next nonce 1').waitFor();
    expect(await page.locator(`[data-testid=queue-row][data-safe-tx-hash="${pauseHash.toLowerCase()}"]`).count()).toBe(
      0,
    );
    expect(await page.getByTestId('queue-row').count()).toBe(1);
  });
});
