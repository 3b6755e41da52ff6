import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, toBeHex, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, openStation, screenshots } from './screenStation.js';

const safe = '0x5AFE3855358E112B5647B952709E6165E1C1EEEE'.toLowerCase();
const otherSafe = '0x' + 'ab'.repeat(20);
const ownerKeys = [1, 2, 3].map((i) => new Wallet(toBeHex(1000 + i, 32)));
const owners = ownerKeys.map((w) => w.address);
const stranger = new Wallet(toBeHex(2000, 32));
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);
const tx = (nonce: bigint, operation: 0 | 1 = 0, on = safe) =>
  createSafeTx({
    chainId: 1n,
    safe: on,
    safeVersion: '1.4.1',
    to: '0x' + '12'.repeat(20),
    data: pause,
    nonce,
    operation,
  });

let dir: string;
let store: Store;
let session: RendererSession;

beforeAll(async () => {
  ({ dir, store } = openStation('guardian-e2e-'));
  store.addWatchedSafe({
    chainId: 1n,
    address: safe,
    serviceUrl: 'http://127.0.0.1:9/api',
    rpcUrl: null,
    label: 'Protocol guardians',
  });
  store.addWatchedSafe({ chainId: 1n, address: otherSafe, serviceUrl: null, rpcUrl: null, label: 'Treasury' });
  store.saveSafeInfo({ chainId: 1n, address: safe, owners, threshold: 2, nonce: 4n, version: '1.4.1' });
  store.saveAbi({ chainId: 1n, address: '0x' + '12'.repeat(20), name: 'Vault', abi: ['function pause()'] });
  const item = (t: ReturnType<typeof tx>, signers: Wallet[]) => ({
    safeTx: t,
    safeTxHash: safeTxHashes(t).safeTxHash,
    claimedSafeTxHash: safeTxHashes(t).safeTxHash,
    source: { kind: 'service' as const, url: 'http://127.0.0.1:9/api' },
    // Real EIP-712 signatures over the hash: the main process verifies each as it lists the queue.
    confirmations: signers.map((w) => ({
      owner: w.address,
      signature: w.signingKey.sign(safeTxHashes(t).safeTxHash).serialized,
    })),
    fetchedAt: new Date().toISOString(),
  });
  store.saveQueueItems([
    item(tx(4n), [ownerKeys[0]!, stranger]),
    item(tx(5n, 1), [ownerKeys[0]!, ownerKeys[1]!]),
    item(tx(0n, 0, otherSafe), []),
  ]);
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(() => closeStation({ session, store, dir }));

describe('the queue screen', () => {
  it('lists the stored queue by Safe with descriptions, hash verdicts, delegatecalls flagged and signatures against the threshold', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().waitFor();
    const safes = await page.getByTestId('safe').allInnerTexts();
    expect(safes).toHaveLength(2);
    expect(safes[0]).toContain('Protocol guardians');
    expect(safes[1]).toContain('Treasury');
    const rows = await page.getByTestId('safe').first().getByTestId('queue-row').allInnerTexts();
    expect(rows).toHaveLength(2);
    const hash4 = safeTxHashes(tx(4n)).safeTxHash;
    expect(rows[0]).toMatch(/^4\s/);
    expect(rows[0]).toContain(`${hash4.slice(0, 10)}…${hash4.slice(-4)}`);
    // The decoder's sentence, with the name this machine knows the target by.
    expect(rows[0]).toMatch(/Pauses Vault \(0x1212…1212\)/);
    expect(rows[0]).toMatch(/matches/);
    // A stranger's valid signature is listed as refused, never counted.
    expect(rows[0]).toMatch(/1 \/ 2\s*1 refused/);
    expect(rows[1]).not.toMatch(/refused/);
    expect(rows[1]).toMatch(/DELEGATECALL\s*to unknown code/);
    expect(rows[1]).toMatch(/2 \/ 2/);
    // The second Safe was never pulled: its item is listed under it, and its threshold is unknown, not guessed.
    expect(await page.getByTestId('safe').nth(1).getByTestId('queue-row').innerText()).toMatch(/0 \/ \?/);
    expect(await page.getByTestId('app-info').innerText()).toContain(dir);
    await page.screenshot({ path: join(screenshots, 'queue.png') });
  });

  it('shows the domain, message and safeTxHash exactly as the Ledger prints them, computed by the main process', async () => {
    const { page } = session;
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('hashes').waitFor();
    const expected = safeTxHashes(tx(4n));
    expect(await page.getByTestId('hash-domain').innerText()).toBe(ledgerHashFormat(expected.domainHash));
    expect(await page.getByTestId('hash-message').innerText()).toBe(ledgerHashFormat(expected.messageHash));
    expect(await page.getByTestId('hash-safeTxHash').innerText()).toBe(ledgerHashFormat(expected.safeTxHash));
    expect(await page.getByTestId('verdict').innerText()).toMatch(/Recomputed on this machine/);
    await page.getByTestId('copy-message').click();
    await page.getByTestId('copy-message').getByText('Copied').waitFor();
    expect(session.clipboard).toEqual([ledgerHashFormat(expected.messageHash)]);
    await page.screenshot({ path: join(screenshots, 'queue-selected.png') });
  });

  it('rejects an unknown channel, an invalid payload and an extra field with typed errors, and gives the page no Node', async () => {
    const { page } = session;
    const results = await page.evaluate(async () => {
      const g = window.guardian as unknown as Record<string, Record<string, (p: unknown) => Promise<unknown>>>;
      const raw = window as unknown as Record<string, unknown>;
      return {
        keys: Object.keys(g).sort(),
        invalid: await g['tx']!['hashes']!({ tx: { to: 'not an address' } }),
        extra: await g['queue']!['list']!({ safe: '0x', sql: 'DROP TABLE queue_items' }),
        notFound: await g['queue']!['hashes']!({ safeTxHash: '0x' + 'ab'.repeat(32) }),
        plantedClipboard: await g['clipboard']!['writeHash']!({ text: '0x' + '12'.repeat(20) }),
        frozen: Object.isFrozen(g) && Object.isFrozen(g['queue']),
        node: typeof raw['require'],
        process: typeof raw['process'],
        transport: typeof raw['__guardianInvoke'],
      };
    });
    expect(results.keys).toEqual([
      'app',
      'audit',
      'clipboard',
      'device',
      'devices',
      'drill',
      'messages',
      'nested',
      'queue',
      'safes',
      'tx',
    ]);
    expect(results.invalid).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Invalid tx.hashes request: tx.') },
    });
    expect(results.extra).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Invalid queue.list request') },
    });
    expect(results.notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(results.plantedClipboard).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(session.clipboard).not.toContain('0x' + '12'.repeat(20));
    expect(results.frozen).toBe(true);
    expect(results.node).toBe('undefined');
    expect(results.process).toBe('undefined');
    expect(results.transport).toBe('undefined');
    expect(session.pageErrors).toEqual([]);
  });

  it('ships a renderer bundle that asks for no Node or Electron module', () => {
    const assets = join(process.cwd(), 'dist', 'renderer', 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(join(assets, file), 'utf8');
      expect(code).not.toMatch(/require\(\s*["'](node:|fs|path|child_process|crypto|os|net|electron)/);
      expect(code).not.toMatch(/from\s*["'](node:|electron)/);
    }
  });
});
