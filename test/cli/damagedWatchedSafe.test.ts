import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { runGuardian } from './runGuardian.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-damaged-safe-'));
const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const treasury = getAddress('0x5afe3855358e112b5647b952709e6165e1c1eeee');
const ops = '0x1212121212121212121212121212121212121212';

beforeAll(async () => {
  for (const [ref, label] of [
    [`1:${treasury}`, 'Treasury'],
    [`10:${ops}`, 'Ops'],
  ] as const) {
    const run = await runGuardian(['safe', 'add', ref, '--label', label], env);
    expect(run.code, run.stderr).toBe(0);
  }
  // Someone edits one watched Safe's row behind the console's back: its address is no longer an address.
  const db = new DatabaseSync(join(env.GUARDIAN_DATA_DIR, 'guardian.sqlite'));
  db.exec(`UPDATE watched_safes SET address = 'not an address' WHERE chain_id = '10'`);
  db.close();
});

const damagedLine =
  /DAMAGED The local store has an unreadable row in watched_safes \(10:not an address\).*\[STORE_FAILED\]/;

describe('guardian with one damaged watched-Safe row', () => {
  it("safe list lists the good Safe and names the damaged row on stderr, with the store's exit code", async () => {
    const human = await runGuardian(['safe', 'list'], env);
    expect(human.code, human.stderr).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    expect(human.stdout).toContain(`1:${treasury}`);
    expect(human.stdout).not.toContain('not an address');
    expect(human.stderr).toMatch(damagedLine);
    const json = await runGuardian(['safe', 'list', '--json'], env);
    expect(json.code).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    expect((JSON.parse(json.stdout) as Array<{ label: string }>).map((s) => s.label)).toEqual(['Treasury']);
    expect(JSON.parse(json.stderr.trim())).toMatchObject({
      damaged: { code: 'STORE_FAILED', details: { table: 'watched_safes', key: '10:not an address' } },
    });
  });

  it('queue lists the good Safe and names the damaged row by itself', async () => {
    const json = await runGuardian(['queue', '--offline', '--json'], env);
    expect(json.code, json.stderr).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    const out = JSON.parse(json.stdout) as {
      safes: Array<{ label: string }>;
      damaged: Array<{ code: string; details: { table: string; key: string } }>;
    };
    expect(out.safes.map((s) => s.label)).toEqual(['Treasury']);
    expect(out.damaged).toEqual([
      expect.objectContaining({ code: 'STORE_FAILED', details: { table: 'watched_safes', key: '10:not an address' } }),
    ]);
    const human = await runGuardian(['queue', '--offline'], env);
    expect(human.code).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    expect(human.stdout).toContain(`Treasury 1:${treasury}`);
    expect(human.stderr).toMatch(damagedLine);
  });

  it("message list still reads the store and names the damaged row, with the store's exit code", async () => {
    const human = await runGuardian(['message', 'list', '--offline'], env);
    expect(human.code, human.stderr).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    expect(human.stdout).toContain('No Safe messages stored.');
    expect(human.stderr).toMatch(damagedLine);
  });
});
