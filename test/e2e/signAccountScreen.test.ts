import { join } from 'node:path';
import { HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { GUARDIAN_A } from '../signing/guardedProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

/** The guardian's owner key sits at BIP44's eighth account: past the 5 accounts of each layout searched by default. */
const OWNER_PATH = ledgerPath('bip44', 7);
const ownerAt = (path: string) => HDNodeWallet.fromPhrase(GUARDIAN_A, undefined, `m/${path}`).address;

let chain: TestChain;
let service: LoopbackService;
let store: Store;
let dir: string;
let session: RendererSession;
let safe: string;
let hash: string;
let plugged: SoftwareLedger;

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const owners = [ownerAt(OWNER_PATH), chain.wallets[2]!.address];
  safe = await createSafe(chain, await deploySafeContracts(chain), { owners, threshold: 1 });
  service.setSafe({ address: safe, owners, threshold: 1, nonce: 0n, version: '1.4.1' });
  const tx = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: chain.wallets[5]!.address,
    nonce: 0n,
  });
  service.addTransaction(tx);
  hash = safeTxHash(tx).toLowerCase();
  ({ dir, store } = openStation('guardian-sign-account-ui-'));
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Guardians',
  });
  expect(await pullQueue(store, store.listWatchedSafes()[0]!)).toMatchObject({ pulled: 1, failure: null });
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir, openLedger: async () => plugged });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await Promise.all([chain?.stop(), service?.stop()]);
});

describe("the sign panel's Ledger account", () => {
  it('signs with the account the guardian chooses: a bad count or path shuts Sign, the IPC refuses them too, a path holding no owner is refused, the owner path signs what the Safe accepts', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('run-review').click();
    await page.getByTestId('sign-panel').waitFor({ timeout: 30_000 });
    const sign = page.getByTestId('sign');
    expect(await page.getByTestId('sign-account-scan').isChecked()).toBe(true);
    expect(await page.getByTestId('sign-account-scan-count').inputValue()).toBe('5');

    // What no device is asked for: a count out of range, a path with a typo. The sign action stays shut.
    await page.getByTestId('sign-account-scan-count').fill('0');
    expect(await page.getByTestId('sign-account-problem').innerText()).toBe(
      'Search a whole number of accounts of each layout, from 1 to 9999.',
    );
    expect(await sign.isDisabled()).toBe(true);
    await page.getByTestId('sign-account-path-text').fill("44'/60'/0'/0/x");
    expect(await page.getByTestId('sign-account-path').isChecked()).toBe(true);
    expect(await page.getByTestId('sign-account-problem').innerText()).toBe(
      `"44'/60'/0'/0/x" is not a derivation path; expected e.g. 44'/60'/0'/0/0.`,
    );
    expect(await sign.isDisabled()).toBe(true);

    // Past the screen, the main process refuses them too, on both signing channels, before any device is opened.
    const malformed = [
      { scan: 0 },
      { scan: 10_000 },
      { scan: 2.5 },
      { path: "44'/60'/0'/0/x" },
      { path: "44'/60'/0'/0/0", scan: 5 },
      { path: "44'/60'/0'/0/0", extra: true },
    ];
    const unknownMessage = `0x${'ab'.repeat(32)}`;
    for (const account of malformed) {
      const refused = await page.evaluate(
        ([safeTxHash, safeMessageHash, chosen]) =>
          Promise.all([
            window.guardian.queue.sign({ safeTxHash, mode: 'full', acknowledged: [], account: chosen as never }),
            window.guardian.messages.sign({ safeMessageHash, acknowledged: [], account: chosen as never }),
          ]),
        [hash, unknownMessage, account] as const,
      );
      expect(refused, JSON.stringify(account)).toMatchObject([
        { ok: false, error: { code: 'INVALID_INPUT' } },
        { ok: false, error: { code: 'INVALID_INPUT' } },
      ]);
    }
    // A well-formed account passes the schema: the unknown message is what messages.sign refuses then.
    const wellFormed = await page.evaluate(
      (safeMessageHash) => window.guardian.messages.sign({ safeMessageHash, acknowledged: [], account: { scan: 5 } }),
      unknownMessage,
    );
    expect(wellFormed).toMatchObject({ ok: false });
    expect(wellFormed).not.toMatchObject({ error: { code: 'INVALID_INPUT' } });

    // The default search does not reach the owner's account: it says how far it looked.
    plugged = new SoftwareLedger({}, GUARDIAN_A);
    await page.getByTestId('sign-account-scan').check();
    await page.getByTestId('sign-account-scan-count').fill('5');
    await sign.click();
    await page.getByTestId('sign-failure').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('sign-failure').innerText())).toContain(
      // 14, not 15: Ledger Live's first account is BIP44's first.
      'None of the 14 addresses on this Ledger (the first 5 ledger-live and legacy and bip44 paths) is an owner of this Safe.',
    );

    // A typed path holding no owner: the device is asked for that account, and the gate refuses it by name.
    const stranger = "44'/60'/0'/0/0";
    await page.getByTestId('sign-account-path-text').fill(stranger);
    await sign.click();
    await page.getByTestId('sign-failure').filter({ hasText: 'SIGNER_NOT_OWNER' }).waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('sign-failure').innerText())).toBe(
      `Not signed: Signing refused: ${ownerAt(stranger)} is not an owner of this Safe. [SIGNER_NOT_OWNER]`,
    );
    expect(plugged.reviews.filter((r) => r.kind.startsWith('eip712'))).toEqual([]);
    expect(store.getQueueItem(hash).confirmations).toEqual([]);

    // The owner's path, typed with an m/: it signs, and the Safe contract itself accepts the stored signature.
    await page.getByTestId('sign-account-path-text').fill(`m/${OWNER_PATH}`);
    expect(await page.getByTestId('sign-account-problem').count()).toBe(0);
    expect(await sign.isDisabled()).toBe(false);
    await page.getByTestId('sign-panel').screenshot({ path: join(screenshots, 'sign-account-path-1280x800.png') });
    await page.screenshot({ path: join(screenshots, 'sign-account-path-page-1280x800.png') });
    await sign.click();
    await page.getByTestId('signed').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('signed').innerText())).toContain(
      `Signed by ${ownerAt(OWNER_PATH)} (full, ${OWNER_PATH}): verified and stored on this machine`,
    );
    expect(plugged.reviews.filter((r) => r.kind === 'eip712-full')).toHaveLength(1);
    const [confirmation] = store.getQueueItem(hash).confirmations;
    expect(confirmation?.owner).toBe(ownerAt(OWNER_PATH));
    // checkSignatures reverts on a signature that does not recover to an owner (GS026) or is short of the threshold.
    await safeAt(safe, chain.provider).getFunction('checkSignatures')(hash, '0x', confirmation!.signature);
    expect(session.pageErrors).toEqual([]);
  }, 180_000);
});
