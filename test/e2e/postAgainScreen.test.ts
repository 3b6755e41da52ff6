import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import type { LoopbackService } from '../service/loopbackService.js';
import { GUARDIAN_A, pauseOf, startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

let guarded: GuardedProtocol;
let service: LoopbackService;
let store: Store;
let session: RendererSession;
let dir: string;
let pauseHash: string;
let device: SoftwareLedger;
const screenshots = join(process.cwd(), 'test-results');

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  const { chain, safe } = guarded;
  service = guarded.service;
  const pause = pauseOf(guarded);
  pauseHash = safeTxHash(pause);
  service.addTransaction(pause);
  dir = mkdtempSync(join(tmpdir(), 'guardian-post-again-ui-'));
  mkdirSync(screenshots, { recursive: true });
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Protocol guardians',
  });
  expect(await pullQueue(store, store.listWatchedSafes()[0]!)).toMatchObject({ pulled: 1, failure: null });
  device = new SoftwareLedger({}, GUARDIAN_A);
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir, openLedger: async () => device });
});
afterAll(async () => {
  await session?.close();
  store?.close();
  await guarded?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const confirmationPosts = () =>
  service.requests.filter(
    (r) => r.method === 'POST' && r.path.includes(`/multisig-transactions/${pauseHash}/confirmations/`),
  );

describe('posting a stored signature again from the sign screen', () => {
  it('keeps a signature the Transaction Service refused, and Post again sends it with no new signature', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('sign-panel').waitFor({ timeout: 30_000 });
    await page.getByTestId('mode-hashed').check();
    // The service is down for the first post: the signature is made and stored, and not posted.
    service.setHostile({ kind: 'status', status: 503, only: 'multisig-transactions' });
    await page.getByTestId('sign').click();
    await page.getByTestId('signed').waitFor({ timeout: 30_000 });
    service.setHostile(null);
    const owner = guarded.owners[0]!;
    expect((await page.getByTestId('post-failure').innerText()).replace(/\s+/g, ' ')).toMatch(/^Not posted: /);
    expect(confirmationPosts()).toHaveLength(1);
    expect(store.getQueueItem(pauseHash).confirmations.map((c) => c.owner)).toEqual([owner]);
    const served = () => service.state.safes.get(guarded.safe.toLowerCase())!.transactions[0]!.confirmations;
    expect(served()).toEqual([]);
    const signings = device.reviews.length;

    await page.getByTestId('post-again-button').click();
    const outcomes = page.getByTestId('post-again-outcomes');
    await outcomes.waitFor({ timeout: 30_000 });
    expect((await outcomes.innerText()).replace(/\s+/g, ' ').trim()).toBe(
      `${owner}: posted to the Transaction Service`,
    );
    // Posted, and it is done: the failure is no longer shown, the button is gone, the device was not asked again.
    expect(await page.getByTestId('post-failure').count()).toBe(0);
    expect((await page.getByTestId('signed').locator('.verdict').innerText()).replace(/\s+/g, ' ')).toBe(
      `Signed by ${owner} (hashed, 44'/60'/0'/0/0): verified and stored on this machine, and posted to the Transaction Service (posted again, no new signature).`,
    );
    expect(await page.getByTestId('post-again-button').count()).toBe(0);
    expect(device.reviews.length).toBe(signings);
    await page.screenshot({ path: join(screenshots, 'sign-post-again.png'), fullPage: true });
    // The service received the very signature stored here, and recovered the same owner from it.
    const stored = store.getQueueItem(pauseHash).confirmations[0]!;
    expect(confirmationPosts()).toHaveLength(2);
    expect(confirmationPosts()[1]!.body).toMatchObject({ signature: stored.signature });
    expect(served().map((c) => String(c['owner']).toLowerCase())).toEqual([owner.toLowerCase()]);
    expect(store.listAudit({ safeTxHash: pauseHash }).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['signature', 'posted']),
    );
    expect(session.pageErrors).toEqual([]);
  });
});
