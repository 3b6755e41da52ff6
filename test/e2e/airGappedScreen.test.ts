import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { GUARDIAN_A, pauseOf, startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

let guarded: GuardedProtocol;
let online: Store;
let airGapped: Store;
const dirs: string[] = [];
let hash: string;
const screenshots = join(process.cwd(), 'test-results');

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  const { chain, service, protocol, safe } = guarded;
  const pause = pauseOf(guarded);
  hash = safeTxHash(pause);
  service.addTransaction(pause);
  dirs.push(mkdtempSync(join(tmpdir(), 'guardian-online-ui-')), mkdtempSync(join(tmpdir(), 'guardian-airgapped-ui-')));
  mkdirSync(screenshots, { recursive: true });
  online = openStore({ dataDir: dirs[0]! });
  airGapped = openStore({ dataDir: dirs[1]! });
  online.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Guardians',
  });
  for (const [name, address] of Object.entries(protocol.addresses))
    online.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  await pullQueue(online, online.listWatchedSafes()[0]!);
});
afterAll(async () => {
  online?.close();
  airGapped?.close();
  await guarded?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('an air-gapped station in the app', () => {
  it('carries a review bundle from the online app, reviews and signs it on a station with no network, and carries the signature back', async () => {
    // Online: a review on a fork, then the bundle written by the main process.
    const home = await openRenderer({ store: online, version: '0.1.0', dataDir: dirs[0]! });
    let bundlePath: string;
    try {
      const { page } = home;
      await page.goto(home.url);
      await page.getByTestId('queue-row').first().click();
      await page.getByTestId('run-review').click();
      await page.getByTestId('carry-panel').waitFor({ timeout: 30_000 });
      await page.getByTestId('write-bundle').click();
      const line = await page.getByTestId('bundle-written').innerText({ timeout: 30_000 });
      bundlePath = /^Review bundle written to (.+\.bundle\.json)\. Carry it/.exec(line)![1]!;
      expect(bundlePath.startsWith(join(dirs[0]!, 'exports'))).toBe(true);
    } finally {
      await home.close();
    }

    // Air-gapped: this station watches no Safe and has no RPC, only the bundle.
    const station: RendererSession = await openRenderer({
      store: airGapped,
      version: '0.1.0',
      dataDir: dirs[1]!,
      openLedger: async () => new SoftwareLedger({}, GUARDIAN_A),
    });
    let signaturesPath: string;
    try {
      const { page } = station;
      await page.goto(station.url);
      await page.getByTestId('import-file').setInputFiles(bundlePath);
      await page.getByTestId('import-outcome').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('import-outcome').innerText()).toMatch(
        /^0x[0-9a-f]{8}\.bundle\.json: review bundle of nonce 0 stored, its hash, signatures, owners and pre-state checked here\. Unsigned: who produced this bundle is unknown\. Review it to sign it, with no network\.$/,
      );
      // Nothing to pull from here: the Safe the bundle brought is watched with no service.
      expect(await page.getByTestId('pull').count()).toBe(0);
      await page.getByTestId('queue-row').first().click();
      await page.getByTestId('run-review').click();
      await page.getByTestId('review').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('review-verdict').getAttribute('data-severity')).toBe('none');
      expect(await page.getByTestId('verdict-headline').innerText()).toBe(
        await page.locator('[data-testid=finding] .finding-title').first().innerText(),
      );
      expect(await page.getByTestId('control-row').filter({ hasText: 'paused' }).getAttribute('aria-label')).toBe(
        'paused: before false, after true',
      );
      // Replayed with no network, the review reads as any other: verdict and first finding on screen, light and dark.
      for (const size of [
        { width: 1280, height: 800 },
        { width: 1920, height: 1080 },
      ]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.setViewportSize(size);
          await page.emulateMedia({ colorScheme });
          for (const id of ['verdict-headline', 'finding']) {
            const box = (await page.getByTestId(id).first().boundingBox())!;
            expect(
              box.y >= 0 && box.y + box.height <= size.height,
              `${id} at ${size.width}x${size.height} ${colorScheme}`,
            ).toBe(true);
          }
          await page.screenshot({
            path: join(screenshots, `review-airgapped-${size.width}x${size.height}-${colorScheme}.png`),
          });
        }
      }
      await page.setViewportSize({ width: 1360, height: 820 });
      await page.emulateMedia({ colorScheme: 'light' });
      expect(airGapped.listAudit({ safeTxHash: hash, kind: 'review' })[0]?.details).toMatchObject({
        replayed: true,
        worst: 'info',
      });
      await page.getByTestId('sign').click();
      await page.getByTestId('signed').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('signed').innerText()).toContain(`Signed by ${guarded.owners[0]} (full`);
      await page.screenshot({ path: join(screenshots, 'airgapped-signed.png'), fullPage: true });
      await page.getByTestId('write-signatures').click();
      const line = await page.getByTestId('signatures-written').innerText({ timeout: 10_000 });
      signaturesPath = /^1 signature\(s\) written to (.+\.signatures\.json)\. Carry/.exec(line)![1]!;
      expect(station.pageErrors).toEqual([]);
    } finally {
      await station.close();
    }

    // Online again: the signatures file, picked in the app, checked and stored.
    const back = await openRenderer({ store: online, version: '0.1.0', dataDir: dirs[0]! });
    try {
      const { page } = back;
      await page.goto(back.url);
      await page.getByTestId('import-file').setInputFiles(signaturesPath);
      await page.getByTestId('import-outcome').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('import-outcome').innerText()).toMatch(
        new RegExp(
          `^0x[0-9a-f]{8}\\.signatures\\.json: 1 signature\\(s\\) added \\(${guarded.owners[0]}\\), each checked against this station's owners and hash\\.$`,
        ),
      );
      expect(online.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([guarded.owners[0]]);
      expect(await page.getByTestId('queue-row').first().innerText()).toContain('1 / 2');
    } finally {
      await back.close();
    }
  }, 150_000);

  it("shows the station's signature as an eth-signature QR code, and the online app imports a picture of the screen", async () => {
    // The station still holds the signature the first test made on its Ledger.
    const station = await openRenderer({ store: airGapped, version: '0.1.0', dataDir: dirs[1]! });
    const picture = join(dirs[1]!, 'screen.png');
    try {
      const { page } = station;
      await page.goto(station.url);
      await page.getByTestId('queue-row').first().click();
      await page.getByTestId('run-review').click();
      await page.getByTestId('carry-panel').waitFor({ timeout: 30_000 });
      await page.getByTestId('show-signature-qr').click();
      await page.getByTestId('signature-qr').first().waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('signature-qr').count()).toBe(1);
      expect(await page.getByTestId('signature-ur-line').innerText()).toMatch(/^ur:eth-signature\/[a-z]+$/);
      // What a camera pointed at the station would see: the code as chromium drew it.
      await page.getByTestId('signature-qr').locator('img').screenshot({ path: picture });
      await page.screenshot({ path: join(screenshots, 'airgapped-signature-qr.png'), fullPage: true });
      expect(station.pageErrors).toEqual([]);
    } finally {
      await station.close();
    }

    // A second online station that knows the Safe and the transaction but holds no signature yet.
    dirs.push(mkdtempSync(join(tmpdir(), 'guardian-online-qr-ui-')));
    const fresh = openStore({ dataDir: dirs.at(-1)! });
    const item = online.getQueueItem(hash);
    fresh.saveSafeInfo(online.getSafeInfo(item.safeTx.chainId, item.safeTx.safe)!);
    fresh.saveQueueItems([{ ...item, confirmations: [] }]);
    const back = await openRenderer({ store: fresh, version: '0.1.0', dataDir: dirs.at(-1)! });
    try {
      const { page } = back;
      await page.goto(back.url);
      await page.getByTestId('import-file').setInputFiles(picture);
      await page.getByTestId('import-outcome').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('import-outcome').innerText()).toBe(
        `screen.png: 1 signature(s) added (${guarded.owners[0]}), each checked against this station's owners and hash.`,
      );
      expect(fresh.getQueueItem(hash).confirmations.map((c) => c.owner)).toEqual([guarded.owners[0]]);
    } finally {
      await back.close();
      fresh.close();
    }
  }, 120_000);
});
