import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migrations.js';
import { runGuardian, type GuardianRun } from './runGuardian.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

const guardianBin = fileURLToPath(new URL('../../bin/guardian', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'guardian-read-only-'));
const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const batch = (nonce: string) =>
  JSON.stringify({
    version: '1.0',
    chainId: '1',
    meta: { name: 'Pause', createdFromSafeAddress: safe },
    transactions: [{ to: '0x' + '12'.repeat(20), value: nonce, data: '0x8456cb59' }],
  });

/**
 * The guardian command as a user who may read the store but not write it. Root writes through any mode bits,
 * so under root it runs without capabilities (setpriv): root then meets the modes, yet still reaches the
 * project wherever it was cloned (as nobody it could not enter a private temporary folder).
 */
function runAsReader(args: string[], dataDir: string): Promise<GuardianRun> {
  const [command, argv] =
    process.getuid?.() === 0
      ? ['setpriv', ['--bounding-set=-all', '--inh-caps=-all', guardianBin, ...args]]
      : [guardianBin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, argv as string[], {
      env: { ...process.env, NO_COLOR: '1', GUARDIAN_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const freeze = (dataDir: string) => {
  chmodSync(join(dataDir, 'guardian.sqlite'), 0o444);
  chmodSync(dataDir, 0o555);
};

let dataDir: string;
let storedHash: string;

beforeAll(async () => {
  chmodSync(dir, 0o755);
  dataDir = join(dir, 'data');
  const file = join(dir, 'pause.json');
  writeFileSync(file, batch('3'));
  const run = await runGuardian(['import', file, '--safe-version', '1.4.1', '--nonce', '3', '--json'], {
    GUARDIAN_DATA_DIR: dataDir,
  });
  expect(run.code, run.stderr).toBe(0);
  storedHash = (JSON.parse(run.stdout) as { imported: Array<{ safeTxHash: string }> }).imported[0]!.safeTxHash;
  writeFileSync(join(dir, 'next.json'), batch('4'));
  chmodSync(join(dir, 'next.json'), 0o644);
  freeze(dataDir);
});
afterAll(() => {
  for (const d of [join(dir, 'data'), join(dir, 'old')]) {
    try {
      chmodSync(d, 0o755);
    } catch {
      // not created
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('a data folder this user cannot write', () => {
  it('still lists the queue and shows the hashes of what is stored', async () => {
    const queue = await runAsReader(['queue', '--offline', '--json'], dataDir);
    expect(queue.code, queue.stderr).toBe(0);
    expect(
      (JSON.parse(queue.stdout) as { items: Array<{ safeTxHash: string }> }).items.map((i) => i.safeTxHash),
    ).toEqual([storedHash]);
    const hashes = await runAsReader(['hashes', storedHash.slice(0, 12)], dataDir);
    expect(hashes.code, hashes.stderr).toBe(0);
    expect(hashes.stdout).toContain(storedHash);
  });

  it('says plainly that a write failed because the store is read-only, naming it, and leaves it as it was', async () => {
    const before = readFileSync(join(dataDir, 'guardian.sqlite'));
    const run = await runAsReader(
      ['import', join(dir, 'next.json'), '--safe-version', '1.4.1', '--nonce', '4'],
      dataDir,
    );
    expect(run.code).toBe(EXIT_FOR_ERROR.STORE_READ_ONLY);
    expect(run.stderr).toBe(
      `guardian import: Could not save queue items: the local store at ${join(dataDir, 'guardian.sqlite')} is read-only (this user cannot write it or its folder ${dataDir}). What is stored can still be read; to write, make that folder writable or point GUARDIAN_DATA_DIR at one that is. [STORE_READ_ONLY]\n`,
    );
    expect(readFileSync(join(dataDir, 'guardian.sqlite')).equals(before)).toBe(true);
  });

  it("refuses a drill before its chain starts, since its report could not be written, with the store's code", async () => {
    const run = await runAsReader(['drill', 'run', 'emergency-pause'], dataDir);
    expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.STORE_READ_ONLY);
    expect(run.stderr).toBe(
      `guardian drill: A drill writes its report to ${join(dataDir, 'exports')}, which this user may not write; make the data folder writable or point GUARDIAN_DATA_DIR at one that is. [STORE_READ_ONLY]\n`,
    );
  });

  it('says the store needs migrating when its schema is older and it cannot be written', async () => {
    const old = join(dir, 'old');
    mkdirSync(old);
    const db = new DatabaseSync(join(old, 'guardian.sqlite'));
    migrate(db, 4);
    db.close();
    freeze(old);
    const run = await runAsReader(['queue', '--offline'], old);
    expect(run.code).toBe(EXIT_FOR_ERROR.STORE_READ_ONLY);
    expect(run.stderr).toMatch(
      /needs migrating before it can be read\): the local store at .*old\/guardian\.sqlite is read-only .*\[STORE_READ_ONLY\]/,
    );
  });
});
