import { join } from 'node:path';
import { getAddress, Interface } from 'ethers';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '../../renderer/contrastRatio.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import type { Protocol } from '../protocol/deployProtocol.js';
import type { LoopbackService } from '../service/loopbackService.js';
import { startQueueProtocol, watchQueueProtocol, type QueueProtocol } from './queueProtocol.js';
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
let writer: string;
const hashes: Record<'pause' | 'bybit' | 'lookalike' | 'vaultLookalike', string> = {
  pause: '',
  bybit: '',
  lookalike: '',
  vaultLookalike: '',
};
const MINIMUM = { width: 900, height: 600 } as const;
const SIZES = [MINIMUM, { width: 1280, height: 800 }] as const;
const SCHEMES = ['light', 'dark'] as const;
/** The description cell's least width and a row's greatest height at 900 px: last session's were 140 px and 400 px. */
const MIN_DESCRIPTION_PX = 500;
const MAX_ROW_PX = 200;
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

beforeAll(async () => {
  queue = await startQueueProtocol();
  ({ chain, protocol, service, safe, owners, singletonWriter: writer } = queue);
  const vault = new Interface(['function pause()', 'function transferOwnership(address)']);
  const pause = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data: vault.encodeFunctionData('pause'),
    nonce: 0n,
  });
  // Bybit, Feb 2025: what the signers saw was a token transfer of 0; what ran was a delegatecall that rewrote the singleton.
  const bybit = createSafeTx({
    ...pause,
    to: writer,
    data: new Interface(['function transfer(address to, uint256 amount)']).encodeFunctionData('transfer', [
      chain.wallets[9]!.address,
      0n,
    ]),
    operation: 1,
    nonce: 1n,
  });
  // Address poisoning: the Vault handed to an address with owner 1's first and last four hex characters.
  const poisoned = getAddress(`${owners[0]!.slice(0, 6)}${'f'.repeat(32)}${owners[0]!.slice(-4)}`.toLowerCase());
  const lookalike = createSafeTx({
    ...pause,
    data: vault.encodeFunctionData('transferOwnership', [poisoned]),
    nonce: 2n,
  });
  // The same with the Vault's own ends: only the review, whose book has the registered contracts, can tell.
  const vaultAddress = protocol.addresses['Vault']!;
  const vaultTwin = getAddress(`${vaultAddress.slice(0, 6)}${'e'.repeat(32)}${vaultAddress.slice(-4)}`.toLowerCase());
  const vaultLookalike = createSafeTx({
    ...pause,
    data: vault.encodeFunctionData('transferOwnership', [vaultTwin]),
    nonce: 3n,
  });
  hashes.pause = safeTxHash(pause).toLowerCase();
  hashes.bybit = safeTxHash(bybit).toLowerCase();
  hashes.lookalike = safeTxHash(lookalike).toLowerCase();
  hashes.vaultLookalike = safeTxHash(vaultLookalike).toLowerCase();
  for (const t of [pause, bybit, lookalike, vaultLookalike]) service.addTransaction(t, { confirmations: [] });
  ({ dir, store } = openStation('guardian-minimum-ui-'));
  watchQueueProtocol(store, queue, { serviceUrl: service.url, rpcUrl: chain.rpcUrl });
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await queue?.stop();
});

const row = (name: keyof typeof hashes) =>
  session.page.locator(`[data-testid=queue-row][data-safe-tx-hash="${hashes[name]}"]`);

/** Fully inside the window as it stands (no scrolling): its top at or below 0 and its bottom at or above the height. */
async function inView(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = session.page.viewportSize()!;
  return (
    box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width
  );
}

/** The colour an element is drawn on: its own background, or the nearest ancestor's that is not transparent. */
const backdrop = (locator: Locator) =>
  locator.evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  });
const hex = (rgb: string) =>
  `#${rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`;

async function openReview(name: keyof typeof hashes): Promise<void> {
  const { page } = session;
  await page.setViewportSize(MINIMUM);
  await page.emulateMedia({ colorScheme: 'light' });
  await row(name).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('review').waitFor({ timeout: 90_000 });
}

/**
 * At the window's minimum size and at 1280×800, light and dark, with the review at its top: the verdict headline
 * and the first finding (its evidence) are on screen, and so is whatever else the case must show at a glance.
 */
async function checkReview(name: string, alsoInView: string[] = []): Promise<void> {
  const { page } = session;
  for (const size of SIZES)
    for (const scheme of SCHEMES) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('review').evaluate((el) => el.scrollTo(0, 0));
      for (const id of ['verdict-headline', 'finding', ...alsoInView])
        expect(
          await inView(page.getByTestId(id).first()),
          `${name} ${size.width}x${size.height} ${scheme}: ${id}`,
        ).toBe(true);
      await page.screenshot({
        path: join(screenshots, `minimum-review-${name}-${size.width}x${size.height}-${scheme}.png`),
      });
    }
}

async function closeReview(): Promise<void> {
  await session.page.keyboard.press('Escape');
  await session.page.getByTestId('review').waitFor({ state: 'detached' });
}

describe('the screens at the window minimum size (900×600) and at 1280×800', () => {
  it('the queue gives the description the room: To and safeTxHash follow it on one line, each row a few lines tall, the verdicts and a look-alike on screen', async () => {
    const { page } = session;
    await page.setViewportSize(MINIMUM);
    await page.goto(session.url);
    await page.getByTestId('pull').click();
    for (const name of ['pause', 'bybit', 'lookalike', 'vaultLookalike'] as const)
      await row(name).getByTestId('headline').waitFor({ timeout: 120_000 });
    for (const size of SIZES)
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        const where = `${size.width}x${size.height} ${scheme}`;
        for (const name of ['pause', 'bybit'] as const) {
          expect(await inView(row(name).getByTestId('headline')), `${where}: ${name} headline`).toBe(true);
          const description = (await row(name).locator('td.what').boundingBox())!;
          expect(description.width, `${where}: ${name} description width`).toBeGreaterThanOrEqual(MIN_DESCRIPTION_PX);
          expect((await row(name).boundingBox())!.height, `${where}: ${name} row height`).toBeLessThanOrEqual(
            MAX_ROW_PX,
          );
          // The columns that left still say their piece, under the description.
          expect(await row(name).locator('td.col-hash').isVisible()).toBe(false);
          expect(flat(await row(name).locator('.row-meta').innerText())).toBe(
            `to ${short(name === 'pause' ? protocol.addresses['Vault']! : writer)} · ${hashes[name].slice(0, 10)}…${hashes[name].slice(-4)} matches`,
          );
        }
        // Even the Bybit row, with its badges, two full addresses and the simulation's objection, keeps to a few lines.
        await page.screenshot({ path: join(screenshots, `minimum-queue-${size.width}x${size.height}-${scheme}.png`) });
      }
    // The hand-over's new owner imitates owner 1: the row says so before anyone opens the review.
    await page.setViewportSize(MINIMUM);
    expect(flat(await row('lookalike').getByTestId('row-lookalike').innerText())).toBe(
      `look-alike of owner 1 (${short(owners[0]!)})`,
    );
    expect(await row('lookalike').getByTestId('row-lookalike').isVisible()).toBe(true);
    // The hand-over to the Vault's twin: the renderer knows only the Safe and its owners, so this badge is the
    // look-alike the station's review recorded against the registered Vault, carried in the row's last review.
    const vaultAddress = protocol.addresses['Vault']!;
    expect(flat(await row('vaultLookalike').getByTestId('row-lookalike').innerText())).toBe(
      `look-alike of Vault (${short(vaultAddress)})`,
    );
    expect(await row('vaultLookalike').getByTestId('row-lookalike').isVisible()).toBe(true);
    expect(flat(await row('vaultLookalike').getByTestId('row-notes').innerText())).toContain(
      `look-alike of Vault (${short(vaultAddress)}): `,
    );
    // The owner's look-alike, found in the renderer and recorded by the review alike, is one badge, not two.
    expect(await row('lookalike').getByTestId('row-lookalike').count()).toBe(1);
    for (const name of ['pause', 'bybit'] as const)
      expect(await row(name).getByTestId('row-lookalike').count()).toBe(0);
    // Where there is room for them the five columns come back, and the line under the description goes.
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await row('bybit').locator('td.col-hash').isVisible()).toBe(true);
    expect(await row('bybit').locator('td.col-to').isVisible()).toBe(true);
    expect(await row('bybit').locator('.row-meta').isVisible()).toBe(false);
    expect(session.pageErrors).toEqual([]);
  });

  it('the focused row is ringed in both schemes, the ring at AA contrast for graphics against what it is drawn on', async () => {
    const { page } = session;
    await page.setViewportSize(MINIMUM);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.mouse.move(0, 0);
      await row('bybit').focus();
      const ring = await row('bybit').evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor };
      });
      expect(ring.style, scheme).toBe('solid');
      expect(ring.width, scheme).toBeGreaterThanOrEqual(2);
      expect(contrastRatio(hex(ring.colour), hex(await backdrop(row('bybit')))), scheme).toBeGreaterThanOrEqual(3);
      await page.screenshot({ path: join(screenshots, `minimum-queue-focus-${scheme}.png`) });
    }
  });

  it("every tab fits the minimum window's width: nothing runs off to the side", async () => {
    const { page } = session;
    await page.setViewportSize(MINIMUM);
    for (const tab of ['queue', 'messages', 'hashes', 'safes', 'audit', 'drill'] as const)
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.getByTestId(`tab-${tab}`).click();
        await page.locator('main').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${tab} ${scheme}`).toBeLessThanOrEqual(
          MINIMUM.width,
        );
        await page.screenshot({ path: join(screenshots, `minimum-tab-${tab}-900x600-${scheme}.png`) });
      }
    await page.getByTestId('tab-queue').click();
    await row('bybit').waitFor();
  });

  it('the shortcuts help fits the minimum window whole', async () => {
    const { page } = session;
    await page.setViewportSize(MINIMUM);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor();
    expect(await inView(page.locator('.shortcuts-card'))).toBe(true);
    await page.screenshot({ path: join(screenshots, 'minimum-shortcuts-900x600-light.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('shortcuts').count()).toBe(0);
  });

  it('the Bybit-style delegatecall: its critical verdict, the first finding and the singleton before → after on screen unscrolled', async () => {
    await openReview('bybit');
    expect(await session.page.getByTestId('review-verdict').getAttribute('data-severity')).toBe('critical');
    await checkReview('bybit', ['control-changes']);
    // At 1280×800 the sign action too, below the acknowledgements its two critical findings ask for.
    await session.page.setViewportSize(SIZES[1]);
    await session.page.getByTestId('review').evaluate((el) => el.scrollTo(0, 0));
    for (const id of ['claim-reasons', 'review-hashes', 'acknowledge', 'sign'])
      expect(await inView(session.page.getByTestId(id).first()), `bybit 1280x800: ${id}`).toBe(true);
    await closeReview();
  });

  it('the honest pause: nothing above info, its finding and paused before → after on screen unscrolled', async () => {
    await openReview('pause');
    expect(await session.page.getByTestId('review-verdict').getAttribute('data-severity')).toBe('none');
    await checkReview('pause', ['control-changes']);
    await closeReview();
  });

  it('with the mouse at the minimum size, the chosen row opens its review from the row, and the verdict comes into view', async () => {
    const { page } = session;
    await page.setViewportSize(MINIMUM);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await row('bybit').getByTestId('row-open-review').count()).toBe(0); // only the chosen row offers it
    await row('bybit').click();
    const button = row('bybit').getByTestId('row-open-review');
    expect(await inView(button)).toBe(true);
    await button.click();
    await page.getByTestId('review').waitFor({ timeout: 90_000 });
    await page.getByTestId('verdict-headline').first().waitFor();
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid=verdict-headline]')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await inView(page.getByTestId('verdict-headline').first())).toBe(true);
    await page.screenshot({ path: join(screenshots, 'minimum-row-open-review-900x600-light.png') });
    await closeReview();
  });

  it('a hand-over to a look-alike of an owner: the look-alike alert on screen unscrolled', async () => {
    await openReview('lookalike');
    await checkReview('lookalike', ['lookalikes']);
    await closeReview();
    expect(session.pageErrors).toEqual([]);
  });
});
