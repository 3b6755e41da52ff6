import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

const CHAIN_ID = 1n;
let service: LoopbackService;
let store: Store;
let session: RendererSession;
let dir: string;
const safe = Wallet.createRandom().address;
const owners = [Wallet.createRandom().address, Wallet.createRandom().address];
const vault = Wallet.createRandom().address;
const pause = new Interface(['function pause()']).encodeFunctionData('pause');
const screenshots = join(process.cwd(), 'test-results');

beforeAll(async () => {
  service = await startLoopbackService({ chainId: CHAIN_ID });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  service.addTransaction(
    createSafeTx({ chainId: CHAIN_ID, safe, safeVersion: '1.4.1', to: vault, data: pause, nonce: 0n }),
  );
  dir = mkdtempSync(join(tmpdir(), 'guardian-pull-ui-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: CHAIN_ID, address: safe, serviceUrl: service.url, rpcUrl: null, label: 'Guardians' });
  // A second Safe whose service is down: it costs only its own line.
  store.addWatchedSafe({
    chainId: CHAIN_ID,
    address: Wallet.createRandom().address,
    serviceUrl: 'http://127.0.0.1:9/api',
    rpcUrl: null,
    label: 'Treasury',
  });
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await session?.close();
  store?.close();
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('pulling from the app', () => {
  it("asks each watched Safe's service from the main process, stores what checks out, and says what failed", async () => {
    const { page } = session;
    await page.goto(session.url);
    expect(await page.getByTestId('queue-row').count()).toBe(0);
    await page.getByTestId('pull').click();
    await page.getByTestId('pull-outcome').first().waitFor({ timeout: 20_000 });
    const lines = await page.getByTestId('pull-outcome').allInnerTexts();
    expect(lines).toHaveLength(2);
    expect(lines).toContain('Guardians: 1 pending transaction(s), every hash checked here.');
    expect(lines.find((l) => l.startsWith('Treasury:'))).toMatch(
      /^Treasury: not pulled \(.+\); showing what is stored\.$/,
    );
    await page.getByTestId('queue-row').first().waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(1);
    expect(await page.getByTestId('safe').filter({ hasText: 'Guardians' }).innerText()).toContain(
      'Safe 1.4.1 · 2 of 2 owners · next nonce 0',
    );
  });

  it('refuses a transaction whose data the service altered, keeps what it had, and says why', async () => {
    const { page } = session;
    service.addTransaction(
      createSafeTx({ chainId: CHAIN_ID, safe, safeVersion: '1.4.1', to: vault, data: pause, nonce: 1n }),
    );
    service.setHostile({ kind: 'tamper', field: 'data', value: '0x3f4ba83a' });
    try {
      await page.getByTestId('pull').click();
      await page.locator('[data-testid=pull-outcome]', { hasText: 'refused' }).waitFor({ timeout: 20_000 });
      const guardians = (await page.getByTestId('pull-outcome').allInnerTexts()).find((l) =>
        l.startsWith('Guardians:'),
      );
      expect(guardians, guardians).toMatch(
        /^Guardians: 0 pending transaction\(s\), every hash checked here; 2 refused: nonce 0: .+; nonce 1: .+\.$/,
      );
      // What was stored before stays: the pause pulled earlier is still listed.
      expect(await page.getByTestId('queue-row').count()).toBe(1);
      await page.screenshot({ path: join(screenshots, 'queue-pull-refused.png'), fullPage: true });
    } finally {
      service.setHostile(null);
    }
    expect(session.pageErrors).toEqual([]);
  });

  it('imports a Transaction Builder batch the guardian picks, re-hashed in the main process, and says why a broken file is refused', async () => {
    const { page } = session;
    const unpause = new Interface(['function unpause()']).encodeFunctionData('unpause');
    const batch = {
      version: '1.0',
      chainId: '1',
      meta: { name: 'Unpause', createdFromSafeAddress: safe },
      transactions: [{ to: vault, value: '0', data: unpause }],
    };
    await page.getByTestId('import-file').setInputFiles({
      name: 'unpause.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(batch)),
    });
    // The batch carries no nonce: nothing is stored until the guardian picks one, offered the first free nonce.
    await page.getByTestId('nonce-chooser').waitFor({ timeout: 10_000 });
    expect(store.listQueueItems()).toHaveLength(1);
    expect(await page.getByTestId('nonce-facts').innerText()).toBe(
      "The Safe's next nonce is 0; queued here: 0. The first free nonce is 1.",
    );
    expect(await page.getByTestId('nonce-input').inputValue()).toBe('1');
    expect(await page.getByTestId('nonce-collision').count()).toBe(0);
    // Nonce 0 holds the pause: allowed as a replacement, but said plainly.
    await page.getByTestId('nonce-input').fill('0');
    const pauseHash = store.listQueueItems()[0]!.safeTxHash.toLowerCase();
    expect((await page.getByTestId('nonce-collision').innerText()).replace(/\s+/g, ' ')).toBe(
      `Nonce 0 is already queued (${pauseHash.slice(0, 10)}…${pauseHash.slice(-4)}): only one of them can ever run. Import it only to replace that transaction.`,
    );
    expect(await page.getByTestId('nonce-import').innerText()).toBe('Import at nonce 0 anyway');
    await page.screenshot({ path: join(screenshots, 'queue-import-nonce-collision.png'), fullPage: true });
    await page.getByTestId('nonce-input').fill('1');
    await page.getByTestId('nonce-input').press('Enter');
    await page.getByTestId('import-outcome').waitFor({ timeout: 10_000 });
    expect(store.listQueueItems().find((i) => i.safeTx.data === unpause)?.safeTx.nonce).toBe(1n);
    expect(await page.getByTestId('import-outcome').innerText()).toBe(
      'unpause.json: 1 transaction(s) stored, every hash computed here.',
    );
    await page.getByTestId('queue-row').nth(1).waitFor();
    expect((await page.getByTestId('queue-row').allInnerTexts()).some((row) => row.includes('Unpauses'))).toBe(true);
    expect(store.listQueueItems().find((i) => i.safeTx.data === unpause)?.source).toEqual({
      kind: 'tx-builder-file',
      path: 'unpause.json',
    });
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"transactions": [') });
    await page.getByText(/^Not imported:/).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('import-outcome').innerText()).toMatch(
      /^Not imported: broken\.json is not valid JSON at position \d+ .*\[INVALID_FILE\]$/,
    );
    expect(await page.getByTestId('queue-row').count()).toBe(2);
    await page.screenshot({ path: join(screenshots, 'queue-import.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
