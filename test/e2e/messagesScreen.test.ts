import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SafeApiKit from '@safe-global/api-kit';
import { HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { safeMessageHashes } from '../../electron/core/safe/safeMessageHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { permit2TypedData } from '../message/typedDataFixture.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;
const TEXT = 'The guardians confirm the incident report of 2 December.';
const screenshots = join(process.cwd(), 'test-results');

let chain: TestChain;
let service: LoopbackService;
let safe: string;
let store: Store;
let dir: string;
let session: RendererSession;
let plugged: SoftwareLedger;

beforeAll(async () => {
  chain = await startTestChain();
  service = await startLoopbackService({ chainId: chain.chainId });
  const contracts = await deploySafeContracts(chain);
  const owners = [addressOf(GUARDIAN_A), chain.wallets[2]!.address, chain.wallets[3]!.address];
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1', chainId: chain.chainId });
  const api = new SafeApiKit({ chainId: chain.chainId, txServiceUrl: service.url });
  // The third owner proposes both, signing each safeMessageHash as Safe{Wallet} does.
  for (const message of [TEXT, permit2TypedData(chain.chainId, safe)]) {
    const { safeMessageHash } = safeMessageHashes({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      content: message,
    });
    await api.addMessage(safe, {
      message: message as never,
      signature: chain.wallets[2]!.signingKey.sign(safeMessageHash).serialized,
    });
  }
  dir = mkdtempSync(join(tmpdir(), 'guardian-messages-ui-'));
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Guardians',
  });
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir, openLedger: async () => plugged });
});
afterAll(async () => {
  await session?.close();
  store?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('the messages screen', () => {
  it('pulls the Safe messages, puts a Permit2 warning first, and signs the text on the Ledger until the Safe accepts the pair', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('tab-messages').click();
    await page.getByTestId('pull-messages').click();
    await page.getByTestId('message').nth(1).waitFor({ timeout: 30_000 });
    const text = safeMessageHashes({ chainId: chain.chainId, safe, safeVersion: '1.4.1', content: TEXT });
    const textCard = page.locator(`[data-testid=message][data-safe-message-hash="${text.safeMessageHash}"]`);
    const permit = safeMessageHashes({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      content: permit2TypedData(chain.chainId, safe),
    });
    const permitCard = page.locator(`[data-testid=message][data-safe-message-hash="${permit.safeMessageHash}"]`);
    expect(await permitCard.getByTestId('message-verdict').getAttribute('data-severity')).toBe('critical');
    // The hashes the Ledger will show, as it prints them, computed here.
    expect(await textCard.locator('[data-testid^=hash-message-domain]').getAttribute('title')).toBe(
      ledgerHashFormat(text.domainHash),
    );
    expect(await textCard.locator('[data-testid^=hash-message-hash]').getAttribute('title')).toBe(
      ledgerHashFormat(text.messageHash),
    );
    expect(await textCard.getByTestId('message-quorum').innerText()).toMatch(/^1 of 2 signatures/);
    // A critical warning must be ticked before its message can be signed.
    expect(await permitCard.getByTestId('sign-message').isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'messages-pulled.png'), fullPage: true });

    plugged = new SoftwareLedger({}, GUARDIAN_A);
    // The Ledger account the guardian chooses is the one the device is asked for: a count out of range shuts the
    // action, a path holding no owner is refused by the address it holds, the owner's path typed with an m/ signs.
    await textCard.getByTestId('message-account-scan-count').fill('0');
    expect(await textCard.getByTestId('sign-message').isDisabled()).toBe(true);
    await textCard.getByTestId('message-account-path-text').fill("44'/60'/1'/0/0");
    await textCard.getByTestId('sign-message').click();
    await textCard.getByTestId('message-sign-failed').waitFor({ timeout: 30_000 });
    const stranger = HDNodeWallet.fromPhrase(GUARDIAN_A, undefined, "m/44'/60'/1'/0/0").address;
    expect((await textCard.getByTestId('message-sign-failed').innerText()).replace(/\s+/g, ' ')).toContain(
      `This Ledger's address at 44'/60'/1'/0/0 is ${stranger}, which is not an owner of Safe ${safe}.`,
    );
    expect(plugged.reviews.filter((r) => r.kind === 'eip712-hashed')).toEqual([]);
    await textCard.getByTestId('message-account-path-text').fill("m/44'/60'/0'/0/0");
    await textCard.getByTestId('sign-message').click();
    await page.getByTestId('message-signed').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('message-signed').innerText()).replace(/\s+/g, ' ')).toMatch(
      /^Signed by 0x\w{40}, verified and stored, posted to the Transaction Service\. 2 of 2 signatures; the Safe accepts them \(isValidSignature\)\.$/,
    );
    expect(plugged.reviews.find((r) => r.kind === 'eip712-hashed')).toMatchObject({
      domainHash: text.domainHash,
      messageHash: text.messageHash,
    });
    await page.screenshot({ path: join(screenshots, 'messages-signed.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
