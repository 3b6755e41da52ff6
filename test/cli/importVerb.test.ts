import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-import-'));
const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const vault = '0x1212121212121212121212121212121212121212';

describe('guardian import', () => {
  it('stores a Transaction Builder batch, so it can be decoded, reviewed and signed by its hash like a pulled one', async () => {
    const path = join(dir, 'pause.json');
    writeFileSync(
      path,
      JSON.stringify({
        version: '1.0',
        chainId: '1',
        meta: { name: 'Pause', createdFromSafeAddress: safe },
        transactions: [{ to: vault, value: '0', data: '0x8456cb59' }],
      }),
    );
    const run = await runGuardian(['import', path, '--safe-version', '1.4.1', '--nonce', '3', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const { imported } = JSON.parse(run.stdout) as { imported: Array<{ safeTxHash: string; nonce: string }> };
    expect(imported).toHaveLength(1);
    expect(imported[0]!.nonce).toBe('3');
    const hashes = await runGuardian(['hashes', imported[0]!.safeTxHash.slice(0, 12)], env);
    expect(hashes.code).toBe(0);
    expect(hashes.stdout).toContain(`stored, from tx-builder-file ${path}`);
  });

  it('says which facts a file lacks, and stores nothing', async () => {
    const path = join(dir, 'unknown.json');
    writeFileSync(
      path,
      JSON.stringify({
        version: '1.0',
        chainId: '1',
        meta: { name: 'x', createdFromSafeAddress: '0x' + '77'.repeat(20) },
        transactions: [{ to: vault, value: '0', data: '0x' }],
      }),
    );
    const run = await runGuardian(['import', path], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/has not been pulled on this machine: .*--safe-version and --nonce/);
  });
});
