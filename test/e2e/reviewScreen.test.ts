import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
let safeAddress: string;
let pauseHash: string;
const screenshots = join(process.cwd(), 'test-results');

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  safeAddress = safe;
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  dir = mkdtempSync(join(tmpdir(), 'guardian-review-ui-'));
  mkdirSync(screenshots, { recursive: true });
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: chain.chainId, address: safe, serviceUrl: null, rpcUrl: chain.rpcUrl, label: 'Protocol guardians' });
  store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  for (const [name, address] of Object.entries(protocol.addresses)) store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  const vault = new Interface(['function pause()', 'function transferOwnership(address)']);
  const pause = createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause'), nonce: 0n });
  pauseHash = safeTxHash(pause);
  const handover = createSafeTx({ ...pause, data: vault.encodeFunctionData('transferOwnership', [chain.wallets[8]!.address]), nonce: 1n });
  // The Safe holds some of the protocol's token, so a transfer out has something to move.
  await (await protocol.token.getFunction('transfer')(safe, 5_000n * 10n ** 18n)).wait();
  const token = new Interface(['function transfer(address to, uint256 amount)']);
  const payout = createSafeTx({ ...pause, to: protocol.addresses['GuardToken']!, data: token.encodeFunctionData('transfer', [chain.wallets[8]!.address, 1_200n * 10n ** 18n]), nonce: 2n });
  store.saveQueueItems([pause, handover, payout].map((t) => ({ safeTx: t, safeTxHash: safeTxHash(t), claimedSafeTxHash: safeTxHash(t), source: { kind: 'service' as const, url: 'x' }, confirmations: [], fetchedAt: 'now' })));
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
    expect(await page.getByTestId('executed-hash').locator('code').getAttribute('title')).toBe(pauseHash.toLowerCase());
    // The queue says so beside the row at once; the others are not reviewed yet.
    await page.getByTestId('last-review').first().getByText('info').waitFor();
    expect(await page.getByTestId('last-review').nth(1).innerText()).toMatch(/^not yet reviewed/);
    // The review is on the record, as one made from the CLI is.
    expect(store.listAudit({ safeTxHash: pauseHash }).map((e) => [e.kind, e.details])).toEqual([['review', expect.objectContaining({ worst: 'info', findings: ['PROTOCOL_PAUSED'], replayed: false })]]);
    // What it did, call by call: the Safe, its singleton, the Vault proxy and the implementation it delegates to.
    const calls = (await page.getByTestId('call').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(calls[0]).toMatch(/^CALL this Safe \(0x\w{4}…\w{4}\) execTransaction\(/);
    expect(calls.filter((c) => c.endsWith('pause()')).map((c) => c.split(' ')[0])).toEqual(['CALL', 'DELEGATECALL']);
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

  it('draws the balances that moved as bars, the Safe\'s loss in red, and the events in the order emitted', async () => {
    const { page } = session;
    await page.goto(session.url);
    // Before any review, nothing on this machine knows the token's decimals.
    expect(await page.getByTestId('queue-row').nth(2).innerText()).toMatch(/1200000000000000000000 \(raw units\) of GuardToken/);
    await page.getByTestId('queue-row').nth(2).click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('review').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('worst').innerText()).toBe('MEDIUM: read the findings before signing');
    // The token's own storage changed too: with no layout, its slots are explained by the token's own getter.
    const slots = (await page.getByTestId('diff-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(slots.filter((r) => /^balanceOf\(0x[0-9a-fA-F]{40}\) /.test(r))).toHaveLength(2);
    expect(slots.some((r) => r.endsWith(`${5_000n * 10n ** 18n} → ${3_800n * 10n ** 18n}`)), slots.join('\n')).toBe(true);
    expect(await page.locator('.review > p').first().innerText()).toMatch(/^Transfers 1200\.0 GUARD of GuardToken/);
    const rows = (await page.getByTestId('balance-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows.find((r) => r.includes('held by this Safe'))).toMatch(/^GuardToken \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\) held by this Safe \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\) -1200.0 GUARD before 5000.0 GUARD after 3800.0 GUARD$/);
    expect(rows.some((r) => r.includes(`held by ${chain.wallets[8]!.address}`) && r.includes('+1200.0 GUARD'))).toBe(true);
    expect(await page.locator('[data-testid=balance-row] .bar.after.out').count()).toBe(1);
    const events = (await page.getByTestId('event').allInnerTexts()).map((e) => e.split(/\s/)[0]);
    expect(events).toEqual(['Transfer', 'ExecutionSuccess']);
    expect((await page.getByTestId('event').first().innerText()).replace(/\s+/g, ' ')).toContain('value = 1200000000000000000000');
    await page.screenshot({ path: join(screenshots, 'review-balances.png'), fullPage: true });
    // The token's decimals and symbol are kept: the queue now reads the amount in units, not raw.
    await page.goto(session.url);
    expect((await page.getByTestId('queue-row').nth(2).innerText()).replace(/\s+/g, ' ')).toMatch(/Transfers 1200\.0 GUARD of GuardToken/);
  });

  it('draws each step of a slow fork while it runs, and forgets it once done', async () => {
    const { page } = session;
    // Every answer from the chain comes 120 ms late, as from a remote RPC: the steps are seen, not guessed.
    const slow = await slowRpcProxy(chain.rpcUrl, 120);
    try {
      store.addWatchedSafe({ chainId: chain.chainId, address: safeAddress, serviceUrl: null, rpcUrl: slow.url, label: 'Protocol guardians' });
      await page.goto(session.url);
      await page.getByTestId('queue-row').first().click();
      // Record every step the page draws, however briefly, from inside the page.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenSteps: string[] }).seenSteps = seen;
        new MutationObserver(() => {
          const current = document.querySelector('[data-testid=review-progress] .step.current')?.getAttribute('data-stage');
          const detail = document.querySelector('[data-testid=review-progress-detail]')?.textContent;
          const line = `${current}: ${detail}`;
          if (current && seen.at(-1) !== line) seen.push(line);
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await page.getByTestId('run-review').click();
      await page.locator('[data-testid=review-progress] .step.current[data-stage=forking]').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(screenshots, 'review-progress.png'), fullPage: true });
      await page.getByTestId('review').waitFor({ timeout: 60_000 });
      const seen = await page.evaluate(() => (window as unknown as { seenSteps: string[] }).seenSteps);
      const stages = [...new Set(seen.map((line) => line.slice(0, line.indexOf(':'))))];
      expect(stages[0]).toBe('forking');
      expect(seen.some((line) => /^forking: starting a local fork at block \d+$/.test(line))).toBe(true);
      expect(seen.some((line) => line.startsWith('tracing: execTransaction on'))).toBe(true);
      // In the order a review runs them, never back.
      const order = ['forking', 'preparing', 'tracing', 'diffing', 'judging'];
      expect(stages.map((stage) => order.indexOf(stage))).toEqual([...stages.map((stage) => order.indexOf(stage))].sort((a, b) => a - b));
      const after = await page.evaluate((hash) => window.guardian.queue.reviewProgress({ safeTxHash: hash }), pauseHash);
      expect(after).toEqual({ ok: true, value: { steps: null } });
    } finally {
      store.addWatchedSafe({ chainId: chain.chainId, address: safeAddress, serviceUrl: null, rpcUrl: chain.rpcUrl, label: 'Protocol guardians' });
      await slow.close();
    }
  });
});

/** A JSON-RPC relay to `target` that answers each request `delayMs` late. */
async function slowRpcProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
          .then(async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
          .catch(() => res.writeHead(502).end());
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
