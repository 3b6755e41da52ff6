import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runGuardian } from './runGuardian.js';

// Files that parse and have the right shape but hold nothing to act on: bad input data (65), said as such.
const dir = mkdtempSync(join(tmpdir(), 'guardian-empty-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const contract = '1:0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11';
const env = (name: string) => ({ GUARDIAN_DATA_DIR: join(dir, name) });

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('guardian abi add', () => {
  it('refuses an empty ABI and one with no functions or events, naming the file and why', async () => {
    const empty = file('empty.json', '[]');
    const constructorOnly = file('ctor.json', JSON.stringify([{ type: 'constructor', inputs: [] }]));
    for (const [path, why] of [
      [empty, /it is empty/],
      [constructorOnly, /only 1 other entries/],
    ] as const) {
      const run = await runGuardian(['abi', 'add', contract, path], env('abi'));
      expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_FILE);
      expect(run.stderr).toContain(path);
      expect(run.stderr).toMatch(/no functions and no events/);
      expect(run.stderr).toMatch(why);
    }
    const pause = file('pause.json', JSON.stringify(['function pause()']));
    const kept = await runGuardian(['abi', 'add', contract, pause], env('abi'));
    expect(kept.code, kept.stderr).toBe(EXIT.OK);
  });
});

describe('guardian review FILE', () => {
  it('refuses a file that holds no transactions as bad input data (65), saying so', async () => {
    const page = file('no-results.json', JSON.stringify({ count: 0, next: null, previous: null, results: [] }));
    const run = await runGuardian(['review', page, '--chain-id', '1', '--safe-version', '1.4.1'], env('review'));
    expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_FILE);
    expect(run.stderr).toContain(`${page} holds no transactions`);
    expect(run.stderr).toContain('[INVALID_FILE]');
  });
});
