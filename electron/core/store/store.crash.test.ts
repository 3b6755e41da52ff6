import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { bundleChildScript } from '../../../test/childProcess/bundleChildScript.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './openStore.js';

let dir: string;
let childScript: string;

/** A separate process that writes queue items one commit at a time and says which nonce each commit held. */
const childSource = `
import { openStore } from './openStore.ts';
import { createSafeTx } from '../safe/safeTx.ts';
import { safeTxHash } from '../safe/safeTxHash.ts';
const store = openStore({ dataDir: process.argv[2] });
for (let nonce = 0n; ; nonce++) {
  const tx = createSafeTx({ chainId: 1n, safe: '0x5afe3855358e112b5647b952709e6165e1c1eeee', safeVersion: '1.4.1', to: '0x1111111111111111111111111111111111111111', nonce });
  const hash = safeTxHash(tx);
  store.saveQueueItems([{ safeTx: tx, safeTxHash: hash, claimedSafeTxHash: hash, source: { kind: 'service', url: 'x' }, confirmations: [{ owner: '0x' + 'aa'.repeat(20), signature: '0x' + '01'.repeat(65) }], fetchedAt: 'now' }]);
  process.stdout.write(nonce + '\\n');
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guardian-crash-'));
  childScript = await bundleChildScript(childSource, fileURLToPath(new URL('.', import.meta.url)), 'store-writer');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(childScript, { force: true });
});

describe('the store under a killed process', () => {
  it('loses nothing that was committed when the writer is killed mid-write', async () => {
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, ['--no-warnings', childScript, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() });
    let reported = -1n;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.on('exit', () => resolve());
      child.on('error', reject);
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) reported = BigInt(line);
        // Kill it while it is busy writing, well into the run.
        if (reported >= 40n) child.kill('SIGKILL');
      });
    });
    expect(stderr).toBe('');
    expect(reported).toBeGreaterThanOrEqual(40n);

    const raw = new DatabaseSync(join(dataDir, 'guardian.sqlite'));
    expect(raw.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    raw.close();
    const store = openStore({ dataDir });
    const nonces = new Set(store.listQueueItems().map((i) => i.safeTx.nonce));
    for (let n = 0n; n <= reported; n++) expect(nonces.has(n)).toBe(true);
    expect(store.listQueueItems().every((i) => i.confirmations.length === 1)).toBe(true);
    store.close();
  });
});
