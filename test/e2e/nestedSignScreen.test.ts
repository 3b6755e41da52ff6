import { join } from 'node:path';
import SafeApiKit from '@safe-global/api-kit';
import { HDNodeWallet, type Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { nestedMessageHashes, type NestedMessageHashes } from '../../electron/core/nested/nestedMessageHashes.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe150, deploySafe150 } from '../chain/safe150.js';
import { deployer } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;

let chain: TestChain;
let service: LoopbackService;
let store: Store;
let dir: string;
let session: RendererSession;
let plugged: SoftwareLedger;
let outer: Contract;
let teamSafe: string;
let outerHash: string;
let hashes: NestedMessageHashes;
let delegatedHash: string;

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafe150(deployer(chain));
  // The protocol's Safe (1.5.0): one guardian's key and a team Safe own it, 1 of 2; the team Safe's two guardians
  // must both sign for it.
  const teamOwners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B)];
  teamSafe = await (await createSafe150(deployer(chain), contracts, { owners: teamOwners, threshold: 2 })).getAddress();
  const outerOwners = [chain.wallets[2]!.address, teamSafe];
  outer = await createSafe150(deployer(chain), contracts, { owners: outerOwners, threshold: 1 });
  const outerSafe = await outer.getAddress();
  service.setSafe({ address: outerSafe, owners: outerOwners, threshold: 1, nonce: 0n, version: '1.5.0' });
  service.setSafe({ address: teamSafe, owners: teamOwners, threshold: 2, nonce: 0n, version: '1.5.0' });
  const tx = createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: '1.5.0',
    to: chain.wallets[5]!.address,
    nonce: 0n,
  });
  service.addTransaction(tx);
  outerHash = safeTxHash(tx).toLowerCase();
  // A DELEGATECALL to an address no one here knows: a critical finding of the outer review.
  const delegated = { ...tx, operation: 1, nonce: 1n } as const;
  service.addTransaction(delegated);
  delegatedHash = safeTxHash(delegated).toLowerCase();
  hashes = nestedMessageHashes(tx, { chainId: chain.chainId, safe: teamSafe, safeVersion: '1.5.0' });
  ({ dir, store } = openStation('guardian-nested-sign-ui-'));
  for (const [address, label] of [
    [outerSafe, 'Protocol guardians'],
    [teamSafe, 'Team Safe'],
  ] as const)
    store.addWatchedSafe({ chainId: chain.chainId, address, serviceUrl: service.url, rpcUrl: chain.rpcUrl, label });
  for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir, openLedger: async () => plugged });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await Promise.all([chain?.stop(), service?.stop()]);
});

async function openOuterReview(hash = outerHash): Promise<void> {
  const { page } = session;
  await page.goto(session.url);
  await page.locator(`[data-testid=queue-row][data-safe-tx-hash="${hash}"]`).click();
  await page.getByTestId('run-review').click();
  await page.getByTestId('owner-safe-offchain').waitFor({ timeout: 30_000 });
}

describe("an owner Safe's off-chain signature, in the app", () => {
  it('signs the owner Safe message on two Ledgers, names the hash each signs, counts the contract signature once the outer Safe accepts it, and posts both', async () => {
    const { page } = session;
    const api = new SafeApiKit({ chainId: chain.chainId, txServiceUrl: service.url });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await openOuterReview();
    // Before anyone signs: the hash the Ledger signs, and the outer one it stands for, each named.
    expect(await page.getByTestId('hash-offchain-inner').getAttribute('title')).toBe(
      ledgerHashFormat(hashes.innerSafeMessageHash),
    );
    expect(await page.getByTestId('hash-offchain-outer').getAttribute('title')).toBe(ledgerHashFormat(outerHash));
    expect(hashes.innerSafeMessageHash).not.toBe(outerHash);
    expect(flat((await page.getByTestId('owner-safe-offchain').textContent()) ?? '')).toMatch(
      /Inner SafeMessage hash: your Ledger signs this one.*Outer safeTxHash it stands for: not signed on the device/,
    );
    expect(flat(await page.getByTestId('offchain-count').innerText())).toBe('0 of 2 of its owners signed off-chain');
    expect(await page.getByTestId('approve-with-owner-safe').count()).toBe(1);
    await page
      .getByTestId('owner-safes')
      .screenshot({ path: join(screenshots, 'nested-offchain-before-1280x800.png') });

    // The first guardian signs while the owner Safe's message endpoint is down: kept, and posted again later.
    plugged = new SoftwareLedger({}, GUARDIAN_A);
    service.setHostile({ kind: 'status', status: 503, only: 'messages' });
    await page.getByTestId('sign-as-owner-safe').click();
    await page.getByTestId('offchain-signed').waitFor({ timeout: 60_000 });
    service.setHostile(null);
    // What the device was asked to show: the owner Safe's domain and SafeMessage hashes, not the outer safeTxHash.
    expect(plugged.reviews.filter((r) => r.kind === 'eip712-hashed')).toMatchObject([
      { domainHash: hashes.domainHash, messageHash: hashes.messageHash },
    ]);
    expect(await page.getByTestId('hash-offchain-signed-inner').getAttribute('title')).toBe(
      ledgerHashFormat(hashes.innerSafeMessageHash),
    );
    expect(flat(await page.getByTestId('offchain-signed-count').innerText())).toBe(
      '1 of 2 of its owners signed off-chain',
    );
    expect(flat(await page.getByTestId('offchain-posts').innerText())).toMatch(
      new RegExp(`^${addressOf(GUARDIAN_A)}'s signature of Team Safe's message: not posted: `),
    );
    await page.getByTestId('offchain-post-again').click();
    await page.getByTestId('offchain-post-again').waitFor({ state: 'detached', timeout: 30_000 });
    expect(flat(await page.getByTestId('offchain-posts').innerText())).toBe(
      `${addressOf(GUARDIAN_A)}'s signature of Team Safe's message: posted to the Transaction Service`,
    );
    expect((await api.getMessage(hashes.innerSafeMessageHash)).confirmations.map((c) => c.owner)).toEqual([
      addressOf(GUARDIAN_A),
    ]);

    // The second guardian, at the same station: the owner Safe's threshold is met, its contract signature built,
    // judged by the outer Safe's own check, counted, and posted as the outer confirmation.
    await openOuterReview();
    expect(flat(await page.getByTestId('offchain-count').innerText())).toBe('1 of 2 of its owners signed off-chain');
    plugged = new SoftwareLedger({}, GUARDIAN_B);
    await page.getByTestId('sign-as-owner-safe').click();
    await page.getByTestId('offchain-signed').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('offchain-outer-verdict').innerText())).toBe(
      "Counted The outer Safe accepts Team Safe's contract signature (the owner Safe's isValidSignature). 1 of 1 signatures: quorum met.",
    );
    expect(flat(await page.getByTestId('offchain-posts').innerText())).toBe(
      `${addressOf(GUARDIAN_B)}'s signature of Team Safe's message: posted to the Transaction Service ` +
        "Team Safe's contract signature: posted to the Transaction Service",
    );
    const [confirmation] = store.getQueueItem(outerHash).confirmations;
    expect(confirmation).toMatchObject({ owner: teamSafe, signatureType: 'CONTRACT_SIGNATURE', origin: 'local' });
    expect((await api.getTransactionConfirmations(outerHash)).results).toMatchObject([
      { owner: teamSafe, signature: confirmation!.signature },
    ]);
    expect((await api.getMessage(hashes.innerSafeMessageHash)).confirmations).toHaveLength(2);
    // The outer Safe itself accepts what was posted.
    await outer.getFunction('checkSignatures(address,bytes32,bytes)')(
      chain.wallets[0]!.address,
      outerHash,
      confirmation!.signature,
    );
    await page
      .getByTestId('owner-safes')
      .screenshot({ path: join(screenshots, 'nested-offchain-signed-1280x800.png') });

    // Reviewed again, the outer quorum counts the owner Safe's contract signature.
    await openOuterReview();
    expect(flat(await page.getByTestId('review-quorum-line').innerText())).toMatch(/^1 of 1 signatures/);
    expect(await page.getByTestId('sign-as-owner-safe').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it("asks the guardian to acknowledge the outer review's critical finding before the owner Safe's message is signed", async () => {
    const { page } = session;
    await openOuterReview(delegatedHash);
    expect(await page.getByTestId('offchain-acknowledge').count()).toBe(1);
    expect(flat((await page.locator('fieldset.acknowledge').last().textContent()) ?? '')).toContain(
      'DELEGATECALL_UNKNOWN_TARGET',
    );
    expect(await page.getByTestId('sign-as-owner-safe').isDisabled()).toBe(true);
    await page.getByTestId('offchain-acknowledge').check();
    plugged = new SoftwareLedger({}, GUARDIAN_A);
    await page.getByTestId('sign-as-owner-safe').click();
    await page.getByTestId('offchain-signed').waitFor({ timeout: 60_000 });
    // The gate saw the acknowledgement: the review it recorded for this signature names it.
    expect(store.listAudit({ safeTxHash: delegatedHash, kind: 'review' }).at(-1)?.details).toMatchObject({
      acknowledged: ['DELEGATECALL_UNKNOWN_TARGET'],
      nestedFor: teamSafe,
    });
    expect(session.pageErrors).toEqual([]);
  });

  it('signs with the Ledger account the guardian chooses: a path typed is the one the device is asked for, checked as typed and again by the IPC schema', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    // The owner Safe's second owner signs the transaction the first test's acknowledgement let the first sign.
    await openOuterReview(delegatedHash);
    await page.getByTestId('offchain-acknowledge').check();
    const sign = page.getByTestId('sign-as-owner-safe');
    expect(await page.getByTestId('offchain-account-scan').isChecked()).toBe(true);
    expect(await page.getByTestId('offchain-account-scan-count').inputValue()).toBe('5');

    // What no device is asked for: a count out of range, a path with a typo. The sign action stays shut.
    await page.getByTestId('offchain-account-scan-count').fill('0');
    expect(await page.getByTestId('offchain-account-problem').innerText()).toBe(
      'Search a whole number of accounts of each layout, from 1 to 9999.',
    );
    expect(await sign.isDisabled()).toBe(true);
    await page.getByTestId('offchain-account-path-text').fill("44'/60'/0'/0/x");
    expect(await page.getByTestId('offchain-account-path').isChecked()).toBe(true);
    expect(await page.getByTestId('offchain-account-problem').innerText()).toBe(
      `"44'/60'/0'/0/x" is not a derivation path; expected e.g. 44'/60'/0'/0/0.`,
    );
    expect(await sign.isDisabled()).toBe(true);
    // Past the screen, the main process refuses them too, before any device is opened.
    for (const account of [
      { scan: 0 },
      { scan: 10_000 },
      { scan: 2.5 },
      { path: "44'/60'/0'/0/x" },
      { path: "44'/60'/0'/0/0", scan: 5 },
    ]) {
      const refused = await page.evaluate(
        ([hash, ownerSafe, chosen]) =>
          window.guardian.nested.sign({
            outerSafeTxHash: hash,
            ownerSafe,
            acknowledged: ['DELEGATECALL_UNKNOWN_TARGET'],
            account: chosen as never,
          }),
        [delegatedHash, teamSafe, account] as const,
      );
      expect(refused, JSON.stringify(account)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }

    // Ledger Live's second account holds no owner: the device is asked for that path, and the signature refused.
    plugged = new SoftwareLedger({}, GUARDIAN_B);
    await page.getByTestId('offchain-account-path-text').fill("44'/60'/1'/0/0");
    expect(await page.getByTestId('offchain-account-problem').count()).toBe(0);
    await page
      .getByTestId('owner-safe-offchain')
      .screenshot({ path: join(screenshots, 'nested-account-path-1280x800.png') });
    await page.screenshot({ path: join(screenshots, 'nested-account-path-page-1280x800.png') });
    await sign.click();
    await page.getByTestId('offchain-failure').waitFor({ timeout: 60_000 });
    const other = HDNodeWallet.fromPhrase(GUARDIAN_B, undefined, "m/44'/60'/1'/0/0").address;
    expect(flat(await page.getByTestId('offchain-failure').innerText())).toContain(
      `This Ledger's address at 44'/60'/1'/0/0 is ${other}, which is not an owner of the owner Safe ${teamSafe}.`,
    );
    expect(plugged.reviews.filter((r) => r.kind === 'eip712-hashed')).toEqual([]);

    // The owner's path, typed as BIP44's first account with an m/ (the same path as Ledger Live's first).
    await page.getByTestId('offchain-account-path-text').fill("m/44'/60'/0'/0/0");
    await sign.click();
    await page.getByTestId('offchain-signed').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('offchain-signed').innerText())).toContain(
      `Signed by ${addressOf(GUARDIAN_B)} (44'/60'/0'/0/0) for Team Safe`,
    );
    expect(plugged.reviews.filter((r) => r.kind === 'eip712-hashed')).toHaveLength(1);
    expect(session.pageErrors).toEqual([]);
  });
});
