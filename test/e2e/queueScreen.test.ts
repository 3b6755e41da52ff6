import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';

const safe = '0x5AFE3855358E112B5647B952709E6165E1C1EEEE'.toLowerCase();
const owners = ['0x' + '11'.repeat(20), '0x' + '22'.repeat(20), '0x' + '33'.repeat(20)];
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);
const tx = (nonce: bigint, operation: 0 | 1 = 0) => createSafeTx({ chainId: 1n, safe, safeVersion: '1.4.1', to: '0x' + '12'.repeat(20), data: pause, nonce, operation });

let dir: string;
let store: Store;
let session: RendererSession;
const screenshots = join(process.cwd(), 'test-results');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guardian-e2e-'));
  mkdirSync(screenshots, { recursive: true });
  store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: 'http://127.0.0.1:9/api', rpcUrl: null, label: 'Protocol guardians' });
  store.saveSafeInfo({ chainId: 1n, address: safe, owners, threshold: 2, nonce: 4n, version: '1.4.1' });
  store.saveQueueItems(
    [tx(4n), tx(5n, 1)].map((t) => ({
      safeTx: t,
      safeTxHash: safeTxHashes(t).safeTxHash,
      claimedSafeTxHash: safeTxHashes(t).safeTxHash,
      source: { kind: 'service' as const, url: 'http://127.0.0.1:9/api' },
      confirmations: [{ owner: owners[0]!, signature: '0x' + '01'.repeat(65) }],
      fetchedAt: new Date().toISOString(),
    })),
  );
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
});
afterAll(async () => {
  await session?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the queue screen', () => {
  it('lists the stored queue with hash verdicts, delegatecalls flagged and signatures against the threshold', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('queue-row').first().waitFor();
    const rows = await page.getByTestId('queue-row').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^4\s/);
    expect(rows[0]).toContain(safeTxHashes(tx(4n)).safeTxHash.slice(0, 18));
    expect(rows[0]).toMatch(/matches/);
    expect(rows[0]).toMatch(/1 \/ 2/);
    expect(rows[1]).toMatch(/DELEGATECALL/);
    await page.screenshot({ path: join(screenshots, 'queue.png') });
  });

  it('shows the domain and message hash exactly as the Ledger will, computed by the main process', async () => {
    const { page } = session;
    await page.getByTestId('queue-row').first().click();
    await page.getByTestId('hashes').waitFor();
    const expected = safeTxHashes(tx(4n));
    const domain = (await page.getByTestId('hash-Domain hash').innerText()).replace(/\s/g, '');
    const message = (await page.getByTestId('hash-Message hash').innerText()).replace(/\s/g, '');
    expect(domain).toBe(`0x${expected.domainHash.slice(2).toUpperCase()}`);
    expect(message).toBe(`0x${expected.messageHash.slice(2).toUpperCase()}`);
    expect(await page.getByTestId('verdict').innerText()).toMatch(/Recomputed on this machine/);
    await page.screenshot({ path: join(screenshots, 'hashes.png') });
  });

  it('rejects an unknown channel and an invalid payload with typed errors, and gives the page no Node', async () => {
    const { page } = session;
    const results = await page.evaluate(async () => {
      const g = (window as unknown as { guardian: { invoke(c: string, p: unknown): Promise<unknown> } }).guardian;
      return {
        unknown: await g.invoke('fs.readFile', { path: '/etc/passwd' }),
        invalid: await g.invoke('tx.hashes', { tx: { to: 'not an address' } }),
        node: typeof (window as unknown as { require?: unknown }).require,
        processType: typeof (window as unknown as { process?: unknown }).process,
      };
    });
    expect(results.unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Unknown channel') } });
    expect(results.invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Invalid tx.hashes request') } });
    expect(results.node).toBe('undefined');
    expect(results.processType).toBe('undefined');
  });

  it('ships a renderer bundle that asks for no Node module', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const assets = join(process.cwd(), 'dist', 'renderer', 'assets');
    for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(join(assets, file), 'utf8')).not.toMatch(/require\(["'](node:|fs|child_process|electron)/);
    }
  });
});
