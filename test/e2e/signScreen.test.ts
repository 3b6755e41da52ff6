import { join } from 'node:path';
import { formatEther, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceWatch } from '../../electron/app/deviceWatch.js';
import type { PluggedLedger } from '../../electron/core/ledger/deviceWatcher.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import type { TestChain } from '../chain/testChain.js';
import { SoftwareLedger, type DeviceBehaviour } from '../ledger/softwareDevice/softwareLedger.js';
import type { Protocol } from '../protocol/deployProtocol.js';
import type { LoopbackService } from '../service/loopbackService.js';
import {
  GUARDIAN_A,
  GUARDIAN_B,
  pauseOf,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, openStation, screenshots } from './screenStation.js';

/** EIP-712 signing, hashed or full: the device answers it only once the person holding it approves. */
const SIGN_EIP712 = 0x0c;

let guarded: GuardedProtocol;
let chain: TestChain;
let service: LoopbackService;
let protocol: Protocol;
let store: Store;
let session: RendererSession;
let dir: string;
let owners: string[];
let pauseHash: string;
let handoverHash: string;
/** The Ledger "plugged in" for the next signing; each signing opens (and closes) it. */
let plugged: SoftwareLedger;
/** What the USB bus lists: the test plugs Ledgers in and out of it. */
let bus: PluggedLedger[] = [];

/** A guardian's device that takes a moment to approve, as a person reading its screen does. */
function slowToApprove(mnemonic: string, behaviour: Partial<DeviceBehaviour> = {}): SoftwareLedger {
  const device = new SoftwareLedger(behaviour, mnemonic);
  const answer = device.exchange.bind(device);
  device.exchange = async (apdu: Buffer) => {
    if (apdu[1] === SIGN_EIP712) await new Promise((resolve) => setTimeout(resolve, 1_500));
    return answer(apdu);
  };
  return device;
}

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  ({ chain, service, protocol, owners } = guarded);
  const { safe } = guarded;
  const vault = new Interface(['function pause()', 'function transferOwnership(address)']);
  const pause = pauseOf(guarded);
  const handover = createSafeTx({
    ...pause,
    data: vault.encodeFunctionData('transferOwnership', [chain.wallets[8]!.address]),
    nonce: 1n,
  });
  [pauseHash, handoverHash] = [pause, handover].map((t) => safeTxHashes(t).safeTxHash) as [string, string];
  service.addTransaction(pause);
  service.addTransaction(handover);
  ({ dir, store } = openStation('guardian-sign-ui-'));
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Protocol guardians',
  });
  for (const [name, address] of Object.entries(protocol.addresses))
    store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
  expect(await pullQueue(store, store.listWatchedSafes()[0]!)).toMatchObject({
    pulled: 2,
    rejected: [],
    failure: null,
  });
  session = await openRenderer({
    store,
    version: '0.1.0',
    dataDir: dir,
    openLedger: async () => plugged,
    devices: new DeviceWatch(async () => bus, { intervalMs: 20 }),
  });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await guarded?.stop();
});

async function review(row: number): Promise<void> {
  const { page } = session;
  await page.goto(session.url);
  await page.getByTestId('queue-row').nth(row).click();
  await page.getByTestId('run-review').click();
  await page.getByTestId('sign-panel').waitFor({ timeout: 30_000 });
}

describe('signing from the review screen', () => {
  it('signs a pause in hashed mode, showing the two hashes the Ledger shows while it waits, then stores, posts and counts it', async () => {
    const { page } = session;
    plugged = slowToApprove(GUARDIAN_A);
    await review(0);
    await page.getByTestId('mode-hashed').check();
    await page.getByTestId('sign').click();
    // While the device waits for the guardian: the hashes to compare, as the device prints them.
    await page.getByTestId('compare').waitFor({ timeout: 30_000 });
    const { domainHash, messageHash } = safeTxHashes(store.getQueueItem(pauseHash).safeTx);
    expect(await page.getByTestId('hash-sign-domain').getAttribute('title')).toBe(ledgerHashFormat(domainHash));
    expect(await page.getByTestId('hash-sign-message').getAttribute('title')).toBe(ledgerHashFormat(messageHash));
    await page.screenshot({ path: join(screenshots, 'sign-compare.png'), fullPage: true });
    await page.getByTestId('signed').waitFor({ timeout: 30_000 });
    // The device showed exactly what the screen told the guardian to compare.
    expect(
      plugged.reviews
        .filter((r) => r.kind === 'eip712-hashed')
        .map((r) => [(r as { domainHash: string }).domainHash, (r as { messageHash: string }).messageHash]),
    ).toEqual([[domainHash, messageHash]]);
    expect((await page.getByTestId('signed').innerText()).replace(/\s+/g, ' ')).toContain(
      `Signed by ${owners[0]} (hashed, 44'/60'/0'/0/0): verified and stored on this machine, and posted to the Transaction Service.`,
    );
    expect((await page.getByTestId('quorum-line').innerText()).replace(/\s+/g, ' ')).toBe(
      '1 of 2 signatures: 1 more needed.',
    );
    expect(
      await page
        .getByTestId('quorum-missing')
        .getByTestId('address')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-address'))),
    ).toEqual([owners[1], owners[2]]);
    expect(await page.getByTestId('quorum-signed').getByTestId('address').getAttribute('data-address')).toBe(owners[0]);
    expect(await page.locator('[data-testid=quorum] .pip.signed').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'sign-done.png'), fullPage: true });
    // On disk, with its audit entry, and at the service, which recovered the same owner.
    expect(store.getQueueItem(pauseHash).confirmations.map((c) => c.owner)).toEqual([owners[0]]);
    expect(store.listAudit({ safeTxHash: pauseHash }).map((e) => e.kind)).toEqual([
      'review',
      'review',
      'signature',
      'posted',
    ]);
    expect(
      service.requests.filter(
        (r) => r.method === 'POST' && r.path.includes(`/multisig-transactions/${pauseHash}/confirmations/`),
      ),
    ).toHaveLength(1);
    // Back on the queue, beside the signature made here: what the gate checked before it, as its audit entry recorded.
    await page.goto(session.url);
    const row = page.locator(`[data-testid=queue-row][data-safe-tx-hash="${pauseHash.toLowerCase()}"]`);
    await row.focus();
    expect((await row.getByTestId('signature-depth').innerText()).replace(/\s+/g, ' ')).toMatch(
      /^checked before 0x\w{4}…\w{4} signed here: hash recomputed · claimed hash matched · decoded 1 call\(s\), weakest source \S+ · simulated on a fork · device hashed · /,
    );
    expect(await row.getByTestId('needs').innerText()).toBe('needs 1 more');
  });

  it('refuses a critical hand-over until each critical finding is acknowledged, in the main process as on the screen', async () => {
    const { page } = session;
    plugged = slowToApprove(GUARDIAN_B);
    await review(1);
    expect(await page.getByTestId('acknowledge').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sign').isDisabled()).toBe(true);
    // A renderer that skips the checkbox is refused all the same, and nothing is signed.
    const refused = await page.evaluate(
      (hash) => window.guardian.queue.sign({ safeTxHash: hash, mode: 'full', acknowledged: [] }),
      handoverHash,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNING_REFUSED' } });
    expect(store.getQueueItem(handoverHash).confirmations).toEqual([]);
    for (const box of await page.getByTestId('acknowledge').all()) await box.check();
    await page.getByTestId('sign').click();
    // Full EIP-712: while the device waits, the fields it shows, to be checked one by one.
    await page.getByTestId('device-fields').waitFor({ timeout: 30_000 });
    const shown = Object.fromEntries(
      (await page.locator('[data-testid=device-fields] tr').allInnerTexts()).map(
        (row) => row.split('\t').map((cell) => cell.trim()) as [string, string],
      ),
    );
    await page.screenshot({ path: join(screenshots, 'sign-fields.png'), fullPage: true });
    await page.getByTestId('signed').waitFor({ timeout: 30_000 });
    const onDevice = plugged.reviews.find((r) => r.kind === 'eip712-full') as
      { message: Record<string, unknown>; domain: Record<string, unknown> } | undefined;
    expect(String(onDevice?.message['to']).toLowerCase()).toBe(shown['to']!.toLowerCase());
    expect(String(onDevice?.message['nonce'])).toBe(shown['nonce']);
    expect(String(onDevice?.domain['verifyingContract']).toLowerCase()).toBe(shown['verifyingContract']!.toLowerCase());
    expect(shown['operation']).toBe('0 (CALL)');
    expect(await page.getByTestId('signed').innerText()).toContain(`Signed by ${owners[1]} (full`);
    expect(store.getQueueItem(handoverHash).confirmations.map((c) => c.owner)).toEqual([owners[1]]);
  });

  it('shows the Ledger plugged in and unplugged as it happens, checks it before signing, and warns when the chosen mode cannot work on it', async () => {
    const { page } = session;
    plugged = new SoftwareLedger({ blindSigning: false }, GUARDIAN_B);
    bus = [];
    await review(0);
    const pluggedStatus = page.getByTestId('plugged-device');
    await pluggedStatus.filter({ hasText: 'No Ledger plugged in' }).waitFor();
    bus = [{ path: '/dev/hidraw4', model: 'Nano X' }];
    await pluggedStatus.filter({ hasText: 'Ledger connected: Nano X' }).waitFor();
    bus = [];
    await pluggedStatus.filter({ hasText: 'Ledger unplugged. No Ledger plugged in' }).waitFor();
    bus = [{ path: '/dev/hidraw4', model: 'Nano X' }];
    await pluggedStatus.filter({ hasText: 'Ledger connected: Nano X' }).waitFor();
    await page.getByTestId('check-device').click();
    await page.getByTestId('device-status').waitFor();
    expect(await page.getByTestId('device-status').innerText()).toBe(
      'Ethereum 1.13.0 · blind signing off · EIP-712 full',
    );
    expect(await page.getByTestId('device-warning').count()).toBe(0);
    await page.getByTestId('mode-hashed').check();
    expect(await page.getByTestId('device-warning').innerText()).toMatch(
      /^Blind signing is off on this Ledger, and hashed mode needs it/,
    );
  });

  it('says what to do with a locked Ledger, and stores nothing', async () => {
    const { page } = session;
    plugged = new SoftwareLedger({ locked: true }, GUARDIAN_B);
    await review(0);
    await page.getByTestId('check-device').click();
    // The device's own refusal (its status word, as hw-transport names it) follows as the cause.
    expect(await page.getByTestId('device-status').innerText()).toMatch(
      /unlock.*\[DEVICE_LOCKED\] Caused by LockedDeviceError: .*\(0x5515\)$/is,
    );
    await page.getByTestId('sign').click();
    const failure = await page.getByTestId('sign-failure').innerText();
    expect(failure).toMatch(/^Not signed: .*unlock.*\[DEVICE_LOCKED\]( Caused by .*)?$/is);
    expect(store.getQueueItem(pauseHash).confirmations.map((c) => c.owner)).toEqual([owners[0]]);
    expect(session.pageErrors).toEqual([]);
  });

  it('meets the threshold with a second guardian, then executes the pause from a Ledger: the chain shows it paused', async () => {
    const { page } = session;
    // The first guardian's account sends the execution and pays its gas.
    await (await chain.wallets[0]!.sendTransaction({ to: owners[0], value: 10n ** 18n })).wait();
    plugged = new SoftwareLedger({}, GUARDIAN_B);
    await review(0);
    expect(await page.getByTestId('execute-panel').count()).toBe(0);
    await page.getByTestId('sign').click();
    await page.getByTestId('signed').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('quorum-line').innerText()).replace(/\s+/g, ' ')).toBe(
      '2 of 2 signatures: ready to execute.',
    );
    // The queue counts both now, and the review offers the execution.
    await page.getByTestId('execute-panel').waitFor({ timeout: 10_000 });
    plugged = new SoftwareLedger({}, GUARDIAN_A);
    const vault = new Interface(['function paused() view returns (bool)']);
    const paused = async () =>
      vault.decodeFunctionResult(
        'paused',
        await chain.provider.call({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('paused') }),
      )[0] as boolean;
    expect(await paused()).toBe(false);
    // Before the device is asked: the account that would send it, what it holds, and the gas, read by the main process.
    await page.getByTestId('execute-preview-read').click();
    await page.getByTestId('execute-preview').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('execute-sender').getByTestId('address').getAttribute('data-address')).toBe(
      owners[0],
    );
    const balance = await chain.provider.getBalance(owners[0]!);
    expect(await page.getByTestId('execute-balance').innerText()).toBe(`${formatEther(balance)} native`);
    const gas = Number(await page.getByTestId('execute-gas').innerText());
    expect(gas).toBeGreaterThan(21_000);
    expect(await page.getByTestId('execute-cost').innerText()).toMatch(/^[0-9.]+ native$/);
    await page.screenshot({ path: join(screenshots, 'sign-execute-preview.png'), fullPage: true });
    await page.getByTestId('execute').click();
    await page.getByTestId('executed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('executed').innerText()).toMatch(/^Executed: 0x[0-9a-f]{8}…[0-9a-f]{4}$/);
    expect(await paused()).toBe(true);
    // The device was asked to sign one ordinary transaction, to the Safe.
    expect(
      plugged.reviews
        .filter((r) => r.kind === 'transaction')
        .map((r) => (r as { transaction: { to: string | null } }).transaction.to?.toLowerCase()),
    ).toEqual([store.getQueueItem(pauseHash).safeTx.safe.toLowerCase()]);
    expect(
      store
        .listAudit({ safeTxHash: pauseHash })
        .map((e) => e.kind)
        .slice(-2),
    ).toEqual(['execution-sent', 'execution']);
    await page.screenshot({ path: join(screenshots, 'sign-executed.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
