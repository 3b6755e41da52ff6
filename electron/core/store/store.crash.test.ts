import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChildScript } from '../../../test/childProcess/bundleChildScript.js';
import { openStore } from './openStore.js';

let dir: string;
let childScript: string;

/**
 * A separate process running the real store: each loop stores a transaction, then a local signature and its
 * audit entry in one transaction (as signing does), and only then says which nonce that commit held.
 */
const childSource = `
import { openStore } from './openStore.ts';
import { createSafeTx } from '../safe/safeTx.ts';
import { safeTxHash } from '../safe/safeTxHash.ts';
const store = openStore({ dataDir: process.argv[2] });
const owner = '0x' + 'aa'.repeat(20);
for (let nonce = 0n; ; nonce++) {
  const tx = createSafeTx({ chainId: 1n, safe: '0x5afe3855358e112b5647b952709e6165e1c1eeee', safeVersion: '1.4.1', to: '0x1111111111111111111111111111111111111111', nonce });
  const hash = safeTxHash(tx);
  store.saveQueueItems([{ safeTx: tx, safeTxHash: hash, claimedSafeTxHash: hash, source: { kind: 'service', url: 'x' }, confirmations: [], fetchedAt: 'now' }]);
  store.transaction(() => {
    store.addConfirmation(hash, { owner, signature: '0x' + '01'.repeat(65), signatureType: 'EOA' }, 'local');
    store.appendAudit({ kind: 'signature', safeTxHash: hash, actor: owner, details: { nonce } });
  });
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
  it('keeps every transaction, signature and audit entry a SIGKILLed writer reported as committed', async () => {
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, ['--no-warnings', childScript, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = -1n;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      child.on('exit', (_code, sig) => resolve(sig));
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
    expect(signal).toBe('SIGKILL');
    expect(reported).toBeGreaterThanOrEqual(40n);

    const raw = new DatabaseSync(join(dataDir, 'guardian.sqlite'));
    expect(raw.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    raw.close();
    const store = openStore({ dataDir });
    try {
      const items = store.listQueueItems();
      const signed = new Set(store.listAudit({ kind: 'signature' }).map((e) => e.safeTxHash));
      for (let n = 0n; n <= reported; n++) {
        const found = items.find((i) => i.safeTx.nonce === n);
        expect(found, `nonce ${n}`).toBeDefined();
        expect(found!.confirmations).toMatchObject([{ origin: 'local', signatureType: 'EOA' }]);
        expect(signed.has(found!.safeTxHash), `audit of nonce ${n}`).toBe(true);
      }
      // Whatever the kill interrupted is either whole or absent: a signature never exists without its audit entry.
      for (const i of items) expect(i.confirmations.length === 1).toBe(signed.has(i.safeTxHash));
    } finally {
      store.close();
    }
  });
});
