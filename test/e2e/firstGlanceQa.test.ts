import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { concat, Interface, parseUnits, zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import type { Protocol } from '../protocol/deployProtocol.js';
import type { LoopbackService } from '../service/loopbackService.js';
import { contrastShortfalls } from './pageContrast.js';
import { startQueueProtocol, watchQueueProtocol, type QueueProtocol } from './queueProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

const API_KEY = 'k3y0fTheGuardians';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const vault = new Interface([
  'function pause()',
  'function transferOwnership(address)',
  'function upgradeToAndCall(address,bytes)',
]);
const erc20 = new Interface(['function transfer(address to, uint256 amount)']);

let queue: QueueProtocol;
let chain: TestChain;
let protocol: Protocol;
let service: LoopbackService;
let store: Store;
let session: RendererSession;
let dir: string;
let safe: string;
let owners: string[];
/** The contract the Bybit-style row delegatecalls: it rewrites the singleton slot. */
let writer: string;
/** The station's RPC, through a gate the test can close: a node that is down answers 503, as a load balancer does. */
let rpc: { url: string; server: Server; down: boolean };
const rows: Record<'pause' | 'upgrade' | 'batch' | 'bybit' | 'payment', SafeTx> = {} as never;
const hashOf = (name: keyof typeof rows) => safeTxHash(rows[name]).toLowerCase();
const row = (name: keyof typeof rows) =>
  session.page.locator(`[data-testid=queue-row][data-safe-tx-hash="${hashOf(name)}"]`);

async function gatedRpc(target: string): Promise<typeof rpc> {
  const gate = { url: '', server: null as unknown as Server, down: true };
  gate.server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      if (gate.down) return void res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>503</h1>');
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(body) })
        .then(async (answer) =>
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()),
        )
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => gate.server.listen(0, '127.0.0.1', () => resolve()));
  // A provider's URL carries its key in the path: it must never reach the screen.
  gate.url = `http://127.0.0.1:${(gate.server.address() as AddressInfo).port}/v3/${API_KEY}`;
  return gate;
}

beforeAll(async () => {
  queue = await startQueueProtocol();
  ({ chain, protocol, service, safe, owners, singletonWriter: writer } = queue);
  const { contracts } = queue;
  // The Safe holds some of the protocol's token, and pays a contributor from it.
  await (await protocol.token.getFunction('transfer')(safe, parseUnits('1000', 18))).wait();
  const Vault = protocol.addresses['Vault']!;
  const tx = (nonce: bigint, fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>) =>
    createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce, ...fields });
  rows.pause = tx(0n, { to: Vault, data: vault.encodeFunctionData('pause') });
  rows.upgrade = tx(1n, {
    to: Vault,
    data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
  });
  rows.batch = tx(2n, {
    to: contracts.multiSendCallOnly,
    operation: 1,
    data: encodeMultiSend([
      { operation: 0, to: Vault, value: 0n, data: vault.encodeFunctionData('pause') },
      {
        operation: 0,
        to: Vault,
        value: 0n,
        data: vault.encodeFunctionData('transferOwnership', [chain.wallets[8]!.address]),
      },
    ]),
  });
  rows.bybit = tx(3n, {
    to: writer,
    operation: 1,
    data: concat(['0xa9059cbb', zeroPadValue(chain.wallets[9]!.address, 32), zeroPadValue('0x', 32)]),
  });
  rows.payment = tx(4n, {
    to: protocol.addresses['GuardToken']!,
    data: erc20.encodeFunctionData('transfer', [chain.wallets[7]!.address, parseUnits('1.5', 18)]),
  });
  for (const t of Object.values(rows)) service.addTransaction(t, { confirmations: [] });
  rpc = await gatedRpc(chain.rpcUrl);
  ({ dir, store } = openStation('guardian-first-glance-'));
  watchQueueProtocol(store, queue, { serviceUrl: service.url, rpcUrl: rpc.url });
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await new Promise<void>((resolve) => (rpc ? rpc.server.close(() => resolve()) : resolve()));
  await queue?.stop();
});

/** No text on the screen below AA, in words a person can act on when it fails. */
async function expectReadable(name: string): Promise<void> {
  const shortfalls = await contrastShortfalls(session.page);
  expect(
    shortfalls.map((s) => `${s.where} "${s.text}": ${s.colour} on ${s.background} is ${s.ratio}, needs ${s.needed}`),
    name,
  ).toEqual([]);
}

describe('a guardian’s first glance', () => {
  it('the contrast check flags grey on white, dark on a translucent dark and faded text, and passes large text at 3:1', async () => {
    const page = await session.browser.newPage();
    await page.setContent(
      '<body style="background:#fff"><p style="color:#999">grey</p>' +
        '<div style="background:rgba(0,0,0,0.8)"><span style="color:#333">dark</span></div>' +
        '<p style="color:#000;opacity:0.3">faded</p><p style="color:#000">plain</p>' +
        '<h1 style="color:#888;font-size:30px">large</h1></body>',
    );
    expect((await contrastShortfalls(page)).map((s) => [s.text, s.ratio])).toEqual([
      ['grey', 2.85],
      ['dark', 1],
      ['faded', 2.11],
    ]);
    await page.close();
  });

  it('a review that could not reach the RPC says why in its row, and is tried again there once the node is back', async () => {
    const { page } = session;
    await page.setViewportSize(SIZES[0]);
    await page.goto(session.url);
    await page.getByTestId('pull').click();
    await row('payment').waitFor();
    const failed = row('pause').getByTestId('background-review');
    await failed.filter({ hasText: 'Could not review' }).waitFor({ timeout: 60_000 });
    // The reason names the node by its host, so the guardian knows which one to look at; in a sentence, not the
    // HTTP library's dump of its request, and without the key in the URL's path.
    const reason = flat(await failed.innerText());
    expect(reason).toMatch(
      /^Could not review: Cannot reach the chain at http:\/\/127\.0\.0\.1:\d+ to fork it: server response 503 Service Unavailable Retry$/,
    );
    expect(reason).not.toContain(API_KEY);
    expect(reason).not.toMatch(/request=|version=/);
    await page.screenshot({ path: join(screenshots, 'qa-review-failed.png') });
    rpc.down = false;
    for (const name of Object.keys(rows) as Array<keyof typeof rows>) {
      await row(name).getByTestId('background-review').filter({ hasText: 'Could not review' }).waitFor({
        timeout: 60_000,
      });
      await row(name).getByTestId('retry-review').click();
    }
    for (const name of Object.keys(rows) as Array<keyof typeof rows>)
      await row(name).getByTestId('headline').waitFor({ timeout: 90_000 });
    // In place: still five rows in nonce order, none of them chosen by the clicks.
    expect(
      await page.getByTestId('queue-row').evaluateAll((r) => r.map((e) => e.getAttribute('data-safe-tx-hash'))),
    ).toEqual(Object.keys(rows).map((n) => hashOf(n as keyof typeof rows)));
    expect(await page.locator('[data-testid=queue-row][aria-selected=true]').count()).toBe(0);
  }, 240_000);

  it('every row leads with its verdict, coloured by severity and said in words, at both sizes and in both schemes, all text at AA', async () => {
    const { page } = session;
    const worst = (name: keyof typeof rows) =>
      store.listAudit({ safeTxHash: hashOf(name), kind: 'review' }).at(-1)!.details!['worst'] as string;
    expect(worst('bybit')).toBe('critical');
    expect(await row('bybit').getByTestId('headline').getAttribute('data-severity')).toBe('critical');
    expect(await row('pause').getByTestId('headline').getAttribute('data-severity')).toBe(worst('pause'));
    // Within a severity, what the transaction does leads: every row behind the next one is also "not the next".
    expect(flat((await row('upgrade').getByTestId('headline').textContent()) ?? '')).toBe('medium Upgrades a proxy');
    // A full address in a description is one the station's book does not know: the row says so, as the review does.
    const unknownIn = (name: keyof typeof rows) =>
      row(name)
        .getByTestId('claim')
        .getByTestId('row-address')
        .filter({ has: session.page.getByTestId('unknown-mark') })
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));
    expect(await unknownIn('bybit')).toEqual([writer, chain.wallets[9]!.address]);
    expect(await unknownIn('batch')).toEqual([chain.wallets[8]!.address]);
    expect(await unknownIn('pause')).toEqual([]);
    expect(flat(await row('batch').getByTestId('claim').innerText())).toContain(
      `${chain.wallets[8]!.address} unknown address`,
    );
    // A payment is not a delegatecall nor a claim: it reads in the token's units.
    expect(flat(await row('payment').getByTestId('claim').innerText())).toContain('1.5 GUARD');
    for (const size of SIZES)
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await page.mouse.move(0, 0);
        const colours = await page
          .getByTestId('headline')
          .evaluateAll((els) => els.map((e) => [e.getAttribute('data-severity'), getComputedStyle(e).color]));
        // One colour per severity, a different one for each.
        const bySeverity = new Map<string, Set<string>>();
        for (const [severity, colour] of colours)
          bySeverity.set(severity!, (bySeverity.get(severity!) ?? new Set()).add(colour!));
        for (const [severity, set] of bySeverity) expect(set.size, `${severity} ${scheme}`).toBe(1);
        const distinct = new Set([...bySeverity.values()].map((s) => [...s][0]));
        expect(distinct.size, scheme).toBe(bySeverity.size);
        await expectReadable(`queue ${size.width}x${size.height} ${scheme}`);
        await page.screenshot({ path: join(screenshots, `qa-queue-${size.width}x${size.height}-${scheme}.png`) });
      }
  });

  it('every other tab draws its text at AA in both schemes', async () => {
    const { page } = session;
    await page.setViewportSize(SIZES[0]);
    await page.goto(session.url);
    for (const tab of ['messages', 'hashes', 'safes', 'audit', 'drill'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForFunction(() => !!document.querySelector('main')?.textContent?.trim());
      if (tab === 'audit') {
        // The block each review ran at, in decimal as the review screen says it ("Succeeds at block 23").
        const reviews = (await page.getByTestId('audit-entry').allInnerTexts())
          .map(flat)
          .filter((e) => / review /.test(e));
        expect(reviews).toHaveLength(Object.keys(rows).length);
        for (const entry of reviews) expect(entry).toMatch(/\(on a fork, block \d+\)$/);
      }
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.mouse.move(0, 0);
        await expectReadable(`${tab} ${scheme}`);
        await page.screenshot({ path: join(screenshots, `qa-tab-${tab}-${scheme}.png`) });
      }
    }
  });

  it('each review, at both sizes and in both schemes, draws all its text at AA', async () => {
    const { page } = session;
    for (const name of Object.keys(rows) as Array<keyof typeof rows>) {
      await page.setViewportSize(SIZES[0]);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(session.url);
      await row(name).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('review').waitFor({ timeout: 90_000 });
      if (name === 'payment') {
        // What leaves the Safe, in the token's units: the finding as well as the balances below it.
        const outflow = page.getByTestId('finding').filter({ hasText: 'SAFE_OUTFLOW' });
        expect(flat(await outflow.locator('.finding-explanation').innerText())).toBe(
          "The Safe's balances after: GuardToken (0x5FbD…0aa3): 1000.0 GUARD → 998.5 GUARD.",
        );
        expect(flat(await outflow.locator('.evidence').innerText())).toMatch(
          /^tokens GuardToken ?0x5FbD…0aa3: 1000\.0 GUARD → 998\.5 GUARD native none$/,
        );
        // The token's own Transfer event, in its units beside the raw word the log holds.
        const transfer = page.getByTestId('event').filter({ hasText: 'Transfer' });
        expect(flat(await transfer.locator('.event-args').innerText())).toMatch(
          /value = 1\.5 GUARD \(1500000000000000000 raw\)$/,
        );
      }
      for (const size of SIZES)
        for (const scheme of SCHEMES) {
          await page.setViewportSize(size);
          await page.emulateMedia({ colorScheme: scheme });
          await page.mouse.move(0, 0);
          await expectReadable(`review ${name} ${size.width}x${size.height} ${scheme}`);
          await page.screenshot({
            path: join(screenshots, `qa-review-${name}-${size.width}x${size.height}-${scheme}.png`),
          });
        }
    }
    expect(session.pageErrors).toEqual([]);
  }, 240_000);
});
