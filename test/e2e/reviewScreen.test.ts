import { join } from 'node:path';
import { concat, getAddress, Interface, zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, safeAt, type SafeContracts } from '../chain/safeDeployment.js';
import { deploySingletonWriter } from '../chain/singletonWriter.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { watchQueueProtocol } from './queueProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, openStation, screenshots } from './screenStation.js';

let chain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let store: Store;
let session: RendererSession;
let dir: string;
let safe: string;
let owners: string[];
let singletonWriter: string;
const vault = new Interface([
  'function pause()',
  'function transferOwnership(address)',
  'function upgradeToAndCall(address,bytes)',
]);
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const RANK = { critical: 0, high: 1, medium: 2, info: 3 } as const;

const tx = (nonce: bigint, fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>) =>
  createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce, ...fields });
const rows: SafeTx[] = [];

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  singletonWriter = await deploySingletonWriter(chain);
  ({ dir, store } = openStation('guardian-review-ui-'));
  watchQueueProtocol(store, { chain, protocol, safe }, { serviceUrl: null, rpcUrl: chain.rpcUrl });
  store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  const stranger = chain.wallets[8]!.address;
  const Vault = protocol.addresses['Vault']!;
  rows.push(
    // An honest emergency pause.
    tx(0n, { to: Vault, data: vault.encodeFunctionData('pause') }),
    // A clean UUPS upgrade.
    tx(1n, { to: Vault, data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']) }),
    // A batch whose first action is the pause everyone expects, and whose second hands the Vault to a stranger.
    tx(2n, {
      to: contracts.multiSendCallOnly,
      operation: 1,
      data: encodeMultiSend([
        { operation: 0, to: Vault, value: 0n, data: vault.encodeFunctionData('pause') },
        { operation: 0, to: Vault, value: 0n, data: vault.encodeFunctionData('transferOwnership', [stranger]) },
      ]),
    }),
    // Bybit: what reads as "transfer 0 of … to …" is a DELEGATECALL whose code writes the Safe's singleton slot.
    tx(3n, {
      to: singletonWriter,
      operation: 1,
      data: concat(['0xa9059cbb', zeroPadValue(chain.wallets[9]!.address, 32), zeroPadValue('0x', 32)]),
    }),
    // Address poisoning: the Vault handed to an address with owner 1's first and last four hex characters.
    tx(4n, { to: Vault, data: vault.encodeFunctionData('transferOwnership', [poisoned()]) }),
  );
  store.saveQueueItems(
    rows.map((t) => ({
      safeTx: t,
      safeTxHash: safeTxHash(t),
      claimedSafeTxHash: safeTxHash(t),
      source: { kind: 'service' as const, url: 'x' },
      confirmations: [],
      fetchedAt: 'now',
    })),
  );
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  await chain?.stop();
});

/** Owner 1's ends around other characters: no key exists for it, none is needed to be handed ownership. */
const poisoned = () => getAddress(`${owners[0]!.slice(0, 6)}${'f'.repeat(32)}${owners[0]!.slice(-4)}`.toLowerCase());

async function openReview(row: number): Promise<void> {
  const { page } = session;
  await page.setViewportSize(SIZES[0]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(session.url);
  await page.getByTestId('queue-row').nth(row).click();
  await page.getByTestId('run-review').click();
  await page.getByTestId('review').waitFor({ timeout: 30_000 });
}

/** Fully inside the window, with the review scrolled to its top: seen without scrolling. */
async function inView(testId: string, nth = 0): Promise<boolean> {
  const { page } = session;
  const box = await page.getByTestId(testId).nth(nth).boundingBox();
  const size = page.viewportSize()!;
  return (
    box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width
  );
}

/**
 * At 1280×800 and 1920×1080, light and dark: the verdict headline and the first finding are on screen before any
 * scrolling, and the findings run worst first. Each screen is kept in test-results/.
 */
async function checkAtEverySize(name: string, alsoInView: string[] = []): Promise<void> {
  const { page } = session;
  const severities = await page
    .getByTestId('finding')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-severity') as 'critical' | 'high' | 'medium' | 'info'));
  expect(severities.map((s) => RANK[s])).toEqual([...severities.map((s) => RANK[s])].sort((a, b) => a - b));
  for (const size of SIZES) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.getByTestId('review').evaluate((el) => el.scrollTo(0, 0));
      for (const id of ['verdict-headline', 'finding', ...alsoInView])
        expect(await inView(id), `${name} ${size.width}x${size.height} ${colorScheme}: ${id}`).toBe(true);
      await page.screenshot({
        path: join(screenshots, `review-${name}-${size.width}x${size.height}-${colorScheme}.png`),
      });
    }
  }
  // The window's minimum size (electron/window/windowSecurity.ts): the verdict still leads.
  await page.setViewportSize({ width: 900, height: 600 });
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await inView('verdict-headline'), `${name} at the minimum size`).toBe(true);
  await page.screenshot({ path: join(screenshots, `review-${name}-900x600-light.png`) });
}

const text = async (testId: string) =>
  (await session.page.getByTestId('review').getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();
const findingCodes = async () => session.page.locator('[data-testid=finding] code').allInnerTexts();

describe('the review screen, verdict first', () => {
  it('an honest pause: nothing above info, paused before false and after true, the quorum, the hashes and the sign action on one screen', async () => {
    await openReview(0);
    const { page } = session;
    expect(await page.getByTestId('review-verdict').getAttribute('data-severity')).toBe('none');
    expect(await text('verdict-headline')).toBe(
      await page.locator('[data-testid=finding] .finding-title').first().innerText(),
    );
    expect(await findingCodes()).toContain('PROTOCOL_PAUSED');
    // The simulation bears the description out: it is the calldata's reading, not a claim.
    expect(await text('claim')).toMatch(/^calldata: /i);
    expect(await page.getByTestId('claim-reasons').count()).toBe(0);
    const paused = page.getByTestId('control-row').filter({ hasText: 'paused' });
    expect(await paused.getAttribute('aria-label')).toBe('paused: before false, after true');
    expect((await paused.innerText()).replace(/\s+/g, ' ').trim().toLowerCase()).toBe(
      'paused before false → after true',
    );
    expect(await text('review-quorum-line')).toBe('0 of 2 signatures: 2 more needed.');
    expect(await page.getByTestId('review-quorum-missing').getByTestId('address').count()).toBe(3);
    expect(await page.getByTestId('hash-review-safetxhash').getAttribute('title')).toBe(
      `0x${safeTxHash(rows[0]!).slice(2).toUpperCase()}`,
    );
    expect(await page.getByTestId('executed-hash').locator('code').getAttribute('title')).toBe(
      safeTxHash(rows[0]!).toLowerCase(),
    );
    // What it did, call by call, follows below.
    const calls = (await page.getByTestId('call').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(calls[0]).toMatch(/^CALL this Safe \(0x\w{4}…\w{4}\) execTransaction\(/);
    // Which screen each Ledger model will show, read before plugging in: a Nano S only ever the two hashes.
    const models = await page
      .getByTestId('ledger-model')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((cell) => cell.textContent)));
    expect(models).toEqual([
      ['Nano S', 'never: hashed mode only', 'Ethereum app 1.5.0 or later'],
      ['Nano S Plus', 'Ethereum app 1.9.19 or later', 'Ethereum app 1.5.0 or later'],
      ['Nano X', 'Ethereum app 1.9.19 or later', 'Ethereum app 1.5.0 or later'],
      ['Stax', 'every Ethereum app it runs', 'Ethereum app 1.5.0 or later'],
      ['Flex', 'every Ethereum app it runs', 'Ethereum app 1.5.0 or later'],
    ]);
    await checkAtEverySize('pause', ['review-hashes', 'review-quorum', 'sign']);
    expect(store.listAudit({ safeTxHash: safeTxHash(rows[0]!) }).map((e) => e.kind)).toEqual(['review']);
  });

  it('an upgrade: the implementation before and after, each address named or marked unknown, full and copyable on demand', async () => {
    await openReview(1);
    const { page } = session;
    const implementation = page.getByTestId('control-row').filter({ hasText: 'implementation' });
    expect(await implementation.getByTestId('control-before').getByTestId('address').getAttribute('data-address')).toBe(
      protocol.vaultImplementation,
    );
    expect(await implementation.getByTestId('control-after').getByTestId('address').getAttribute('data-address')).toBe(
      protocol.vaultV2Implementation,
    );
    // Each side says what this machine knows of it, in words: a name, or that it is unknown.
    for (const side of ['control-before', 'control-after']) {
      const named = await implementation.getByTestId(side).locator('.addr-name').count();
      const unknown = await implementation.getByTestId(side).getByTestId('unknown-mark').count();
      expect(named + unknown, side).toBe(1);
    }
    await implementation.getByTestId('control-after').locator('.addr-short').click();
    expect(await implementation.getByTestId('address-full').innerText()).toBe(protocol.vaultV2Implementation);
    await implementation.getByTestId('copy-address').click();
    await implementation.getByTestId('copy-address').getByText('Copied').waitFor();
    expect(session.clipboard.at(-1)).toBe(protocol.vaultV2Implementation);
    expect(await text('verdict-headline')).toBe(
      await page.locator('[data-testid=finding] .finding-title').first().innerText(),
    );
    await checkAtEverySize('upgrade', ['control-changes']);
  });

  it('a batch that pauses and hides a hand-over of ownership: the hand-over leads, above info, with the stranger marked unknown', async () => {
    await openReview(2);
    const { page } = session;
    expect(await page.getByTestId('review-verdict').getAttribute('data-severity')).toBe(
      await page.getByTestId('finding').first().getAttribute('data-severity'),
    );
    expect(['critical', 'high']).toContain(await page.getByTestId('review-verdict').getAttribute('data-severity'));
    const first = page.getByTestId('finding').first();
    expect(await text('verdict-headline')).toBe(await first.locator('.finding-title').innerText());
    expect(await text('verdict-headline')).not.toMatch(/read every finding/);
    expect(await findingCodes()).toContain('CONTROL_TO_UNKNOWN_ADDRESS');
    // Its calls name the hand-over, and the simulation shows that one: the findings judge it, the description is no lie.
    expect(await text('claim')).toMatch(/^calldata: /i);
    const owner = page.getByTestId('control-row').filter({ hasText: /^owner/ });
    expect(await owner.getByTestId('control-after').getByTestId('address').getAttribute('data-address')).toBe(
      chain.wallets[8]!.address,
    );
    expect(await owner.getByTestId('control-after').getByTestId('unknown-mark').count()).toBe(1);
    // A critical finding is acknowledged before the sign action opens.
    if ((await page.getByTestId('finding').first().getAttribute('data-severity')) === 'critical')
      expect(await page.getByTestId('sign').isDisabled()).toBe(true);
    await checkAtEverySize('batch-handover', ['control-changes']);
  });

  it('a Bybit-style delegatecall: the singleton rewrite leads in words, not the "transfer 0" its calldata claims', async () => {
    await openReview(3);
    const { page } = session;
    expect(await page.getByTestId('review-verdict').getAttribute('data-severity')).toBe('critical');
    expect(await text('verdict-headline')).toBe(
      await page.locator('[data-testid=finding] .finding-title').first().innerText(),
    );
    expect(await findingCodes()).toEqual(expect.arrayContaining(['DELEGATECALL_UNKNOWN_TARGET']));
    // What the calldata says is kept, labelled as the claim, with why the simulation says otherwise.
    expect((await text('claim')).toLowerCase()).toMatch(/^claims: transfers 0 /);
    const reasons = (await page.getByTestId('claim-reasons').getByTestId('claim-reason').allInnerTexts()).map((r) =>
      r.replace(/\s+/g, ' ').trim(),
    );
    expect(reasons).toEqual([
      expect.stringMatching(
        /^The call is a DELEGATECALL to .*: its code runs as this Safe, on the Safe's own storage, not as the call its calldata reads as$/,
      ),
      expect.stringMatching(
        /^The call reads as a transfer of 0 \(raw units\) to .*, but .* emitted no such Transfer in the simulation$/,
      ),
      expect.stringMatching(/^Safe singleton of .* changes from .* to .*, which no decoded call names$/),
    ]);
    const singleton = page.getByTestId('control-row').filter({ hasText: 'Safe singleton' });
    expect(await singleton.getByTestId('control-after').getByTestId('address').getAttribute('data-address')).toBe(
      chain.wallets[9]!.address,
    );
    // Evidence beside the finding: the delegatecalled code's address, named as unknown.
    expect(
      await page
        .getByTestId('finding')
        .filter({ hasText: 'DELEGATECALL_UNKNOWN_TARGET' })
        .locator('.evidence [data-testid=address]')
        .first()
        .getAttribute('data-address'),
    ).toBe(singletonWriter);
    await checkAtEverySize('bybit', ['control-changes', 'claim-reasons']);
  });

  it('a hand-over to a look-alike of an owner: flagged beside the verdict, naming the owner it imitates', async () => {
    await openReview(4);
    const { page } = session;
    expect(await inView('lookalikes')).toBe(true);
    const alert = page.getByTestId('lookalikes');
    expect(await alert.getByTestId('address').first().getAttribute('data-address')).toBe(poisoned());
    expect((await alert.innerText()).replace(/\s+/g, ' ')).toContain('imitates owner 1');
    // Wherever it appears, the address carries the mark, not a plain "unknown".
    const after = page
      .getByTestId('control-row')
      .filter({ hasText: /^owner/ })
      .getByTestId('control-after');
    expect((await after.getByTestId('lookalike-mark').innerText()).replace(/\s+/g, ' ')).toBe(
      `look-alike of owner 1 (${owners[0]!.slice(0, 6)}…${owners[0]!.slice(-4)})`,
    );
    await checkAtEverySize('lookalike', ['lookalikes']);
  });

  it('an executed transaction: it leaves the pending list, the nonce moves on, and the next one is reviewed', async () => {
    // Two owners sign the pause and it runs on the chain, as another station would have done.
    const hash = safeTxHash(rows[0]!);
    const signers = chain.wallets
      .slice(0, 2)
      .sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1));
    const signatures = concat(signers.map((w) => w.signingKey.sign(hash).serialized));
    const t = rows[0]!;
    await (
      await safeAt(safe, chain.wallets[0]!).getFunction('execTransaction')(
        t.to,
        t.value,
        t.data,
        t.operation,
        t.safeTxGas,
        t.baseGas,
        t.gasPrice,
        t.gasToken,
        t.refundReceiver,
        signatures,
      )
    ).wait();
    store.saveSafeInfo({ chainId: chain.chainId, address: safe, owners, threshold: 2, nonce: 1n, version: '1.4.1' });
    await openReview(0);
    const { page } = session;
    expect(await page.getByTestId('review').getAttribute('aria-label')).toBe('Review of nonce 1');
    expect(await page.locator(`[data-testid=queue-row][data-safe-tx-hash="${hash.toLowerCase()}"]`).count()).toBe(0);
    expect(await page.getByTestId('queue-row').count()).toBe(rows.length - 1);
    expect(await page.getByTestId('safe-state').innerText()).toContain('next nonce 1');
    expect(await findingCodes()).toContain('IMPLEMENTATION_CHANGED');
    expect(await text('verdict-headline')).toBe(
      await page.locator('[data-testid=finding] .finding-title').first().innerText(),
    );
    await checkAtEverySize('executed');
    // Closing the review returns to the queue with its verdict in words.
    await page.getByTestId('close-review').click();
    expect((await page.getByTestId('review-closed').innerText()).replace(/\s+/g, ' ')).toMatch(/^Reviewed: \w+ /);
    expect(session.pageErrors).toEqual([]);
  });
});
