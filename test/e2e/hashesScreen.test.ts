import { join } from 'node:path';
import { getAddress, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, openStation, screenshots } from './screenStation.js';

const safe = getAddress('0x' + '5a'.repeat(20));
const transfer = new Interface(['function transfer(address,uint256)']).encodeFunctionData('transfer', [
  '0x' + '77'.repeat(20),
  10n ** 18n,
]);
const stored = createSafeTx({
  chainId: 10n,
  safe,
  safeVersion: '1.3.0',
  to: '0x' + '12'.repeat(20),
  data: transfer,
  nonce: 9n,
  value: 0n,
});

let dir: string;
let store: Store;
let session: RendererSession;

beforeAll(async () => {
  ({ dir, store } = openStation('guardian-hashes-ui-'));
  store.addWatchedSafe({ chainId: 10n, address: safe, serviceUrl: null, rpcUrl: null, label: 'Optimism guardians' });
  store.saveQueueItems([
    {
      safeTx: stored,
      safeTxHash: safeTxHashes(stored).safeTxHash,
      claimedSafeTxHash: null,
      source: { kind: 'tx-builder-file', path: '/tmp/batch.json' },
      confirmations: [],
      fetchedAt: 'now',
    },
  ]);
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
  await session.page.goto(session.url);
  await session.page.getByTestId('tab-hashes').click();
});
afterAll(() => closeStation({ session, store, dir }));

async function shownHashes() {
  const { page } = session;
  return {
    domainHash: await page.getByTestId('hash-domain').innerText(),
    messageHash: await page.getByTestId('hash-message').innerText(),
    safeTxHash: await page.getByTestId('hash-safeTxHash').innerText(),
  };
}

const asLedger = (h: { domainHash: string; messageHash: string; safeTxHash: string }) => ({
  domainHash: ledgerHashFormat(h.domainHash),
  messageHash: ledgerHashFormat(h.messageHash),
  safeTxHash: ledgerHashFormat(h.safeTxHash),
});

describe('the hashes screen', () => {
  it('computes the hashes of a transaction typed in, for the Safe version chosen, as the core does', async () => {
    const { page } = session;
    const typed = {
      chainId: 1n,
      safe,
      safeVersion: '1.1.1',
      to: '0x' + '34'.repeat(20),
      value: 5n,
      data: '0xdeadbeef',
      nonce: 42n,
      operation: 1 as const,
    };
    await page.getByTestId('field-safeVersion').selectOption('1.1.1');
    await page.getByTestId('field-operation').selectOption('1');
    await page.getByTestId('field-safe').fill(typed.safe);
    await page.getByTestId('field-to').fill(typed.to);
    await page.getByTestId('field-value').fill('5');
    await page.getByTestId('field-data').fill(typed.data);
    await page.getByTestId('field-nonce').fill('42');
    await page.getByTestId('compute').click();
    await expect.poll(shownHashes, { timeout: 10_000 }).toEqual(asLedger(safeTxHashes(createSafeTx(typed))));
    await page.screenshot({ path: join(screenshots, 'hashes-typed.png'), fullPage: true });
  });

  it('says the hashes are stale as soon as a field changes, until they are computed again', async () => {
    const { page } = session;
    await page.getByTestId('field-nonce').fill('43');
    await page.getByTestId('stale').waitFor();
    await page.getByTestId('compute').click();
    await page.getByTestId('stale').waitFor({ state: 'detached' });
    const again = createSafeTx({
      chainId: 1n,
      safe,
      safeVersion: '1.1.1',
      to: '0x' + '34'.repeat(20),
      value: 5n,
      data: '0xdeadbeef',
      nonce: 43n,
      operation: 1,
    });
    await expect
      .poll(async () => (await shownHashes()).safeTxHash, { timeout: 10_000 })
      .toBe(ledgerHashFormat(safeTxHashes(again).safeTxHash));
  });

  it('starts from a stored transaction and shows its hashes, the same the store keeps', async () => {
    const { page } = session;
    await page.getByTestId('from-queue').selectOption(safeTxHashes(stored).safeTxHash);
    expect(await page.getByTestId('field-chainId').inputValue()).toBe('10');
    expect(await page.getByTestId('field-data').inputValue()).toBe(transfer);
    await page.getByTestId('compute').click();
    // The previous result stays on screen until the new one arrives, so wait for the new one, not for any.
    await expect.poll(shownHashes, { timeout: 10_000 }).toEqual(asLedger(safeTxHashes(stored)));
    await page.getByTestId('copy-domain').click();
    await page.getByTestId('copy-domain').getByText('Copied').waitFor();
    expect(session.clipboard.at(-1)).toBe(ledgerHashFormat(safeTxHashes(stored).domainHash));
  });

  it('shows the main process refusal, field by field, for a transaction it cannot hash', async () => {
    const { page } = session;
    await page.getByTestId('field-to').fill('0x1234');
    await page.getByTestId('compute').click();
    await expect
      .poll(() => page.getByTestId('hashes-error').innerText(), { timeout: 10_000 })
      .toMatch(/Invalid tx\.hashes request: tx\.to: .*\[INVALID_INPUT\]/);
    await page.screenshot({ path: join(screenshots, 'hashes-refused.png'), fullPage: true });
    await page.getByTestId('field-to').fill('0x' + '12'.repeat(20));
    await page.getByTestId('field-safeVersion').selectOption('1.4.1');
    await page.getByTestId('field-data').fill('0xabc');
    await page.getByTestId('compute').click();
    await expect
      .poll(() => page.getByTestId('hashes-error').innerText(), { timeout: 10_000 })
      .toMatch(/tx\.data: not 0x-prefixed whole-byte hex/);
    expect(session.pageErrors).toEqual([]);
  });
});
