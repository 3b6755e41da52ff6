import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxToJson } from '../../electron/core/safe/safeTxJson.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { runGuardian } from './runGuardian.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

const dir = mkdtempSync(join(tmpdir(), 'guardian-bad-input-'));
const dataDir = join(dir, 'data');
const env = { GUARDIAN_DATA_DIR: dataDir };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';
const vault = '0x1212121212121212121212121212121212121212';
const pause = '0x8456cb59';
const safeFlags = ['--chain-id', '1', '--safe-version', '1.4.1'];

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A Transaction Builder batch as text: JSON.stringify recurses, and the hostile parts here would overflow it. */
const batchText = (value: string, metaExtra = '') =>
  `{"version":"1.0","chainId":"1","meta":{"name":"Pause","createdFromSafeAddress":"${safe}"${metaExtra}},"transactions":[{"to":"${vault}","value":"${value}","data":"${pause}"}]}`;

/** Every row of every table, read with SQLite itself: what a refused import must leave exactly as it was. */
function storeDump(): string {
  const db = new DatabaseSync(join(dataDir, 'guardian.sqlite'), { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>;
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

let stored: { good: string; edited: string };

beforeAll(async () => {
  for (const nonce of ['3', '4']) {
    const run = await runGuardian(
      ['import', file(`pause-${nonce}.json`, batchText(nonce)), '--safe-version', '1.4.1', '--nonce', nonce, '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
  }
  const db = new DatabaseSync(join(dataDir, 'guardian.sqlite'));
  const [first, second] = (
    db.prepare('SELECT safe_tx_hash FROM queue_items ORDER BY nonce').all() as Array<{ safe_tx_hash: string }>
  ).map((r) => r.safe_tx_hash);
  db.close();
  stored = { edited: first!, good: second! };
});

describe('guardian on hostile files', () => {
  it('refuses each hostile file with INVALID_FILE and its exit code, saying what is wrong, and stores nothing', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'deep-meta.json',
        batchText('0', `,"checksum":"0x00","x":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`),
        /deep-meta\.json nests objects or arrays more than 64 deep \(line 1, column \d+\)/,
      ],
      [
        'nested.json',
        '['.repeat(100_000) + ']'.repeat(100_000),
        /nested\.json nests objects or arrays more than 64 deep \(line 1, column 65\)/,
      ],
      [
        'huge-value.json',
        batchText((2n ** 300n).toString()),
        /huge-value\.json is not a valid Transaction Builder batch \(transactions\.0\.value: larger than a uint256 can hold/,
      ],
      [
        'unended.json',
        `{"safeTxHash": "0x${'ab'.repeat(5_000_000)}`,
        /unended\.json is not valid JSON at position 15 \(line 1, column 16\)/,
      ],
    ];
    for (const [name, text, reason] of cases) {
      const before = storeDump();
      // Every verb reads files through the one reader; the deep batch goes through all three, the rest through import.
      for (const verb of name === 'deep-meta.json' ? ['import', 'hashes', 'decode'] : ['import']) {
        const run = await runGuardian([verb, file(name, text), ...safeFlags, '--nonce', '9'], env);
        expect(run.code, `${verb} ${name}: ${run.stderr.slice(0, 300)}`).toBe(EXIT_FOR_ERROR.INVALID_FILE);
        expect(run.stderr, `${verb} ${name}`).toMatch(reason);
        expect(run.stderr).toContain('[INVALID_FILE]');
        expect(run.stderr).not.toMatch(/RangeError|TypeError|    at /);
      }
      expect(storeDump(), name).toBe(before);
    }
    // Six CLI processes, each reading megabytes: on a machine shared with other runs this outlasts the default.
  }, 180_000);

  it('hashes a 10 MB service JSON carrying 5 MB of calldata, as the core computes it', async () => {
    const tx = createSafeTx({
      chainId: 1n,
      safe,
      safeVersion: '1.4.1',
      to: vault,
      data: `0x${'ab'.repeat(5_000_000)}`,
      nonce: 9n,
    });
    const path = file(
      'big-service.json',
      JSON.stringify({ ...safeTxToJson(tx), safeTxHash: safeTxHash(tx), confirmations: [] }),
    );
    const run = await runGuardian(['hashes', path, ...safeFlags, '--nonce', '9', '--json'], env);
    expect(run.code, run.stderr.slice(0, 300)).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ safeTxHash: string; verdict: string }>)[0]).toMatchObject({
      safeTxHash: safeTxHash(tx),
      verdict: 'match',
    });
  });
});

describe('guardian on a store with one edited row', () => {
  beforeAll(() => {
    // Someone changes the value of one stored transaction behind the console's back; its key stays.
    const db = new DatabaseSync(join(dataDir, 'guardian.sqlite'));
    db.prepare('UPDATE queue_items SET value = ? WHERE safe_tx_hash = ?').run('1000000000000000000', stored.edited);
    db.close();
  });

  it("lists the good transactions and names the edited one by its hash and what is wrong, with the store's exit code", async () => {
    const run = await runGuardian(['queue', '--offline', '--json'], env);
    expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    const out = JSON.parse(run.stdout) as {
      items: Array<{ safeTxHash: string }>;
      damaged: Array<{ code: string; message: string; details: { table: string; key: string } }>;
    };
    expect(out.items.map((i) => i.safeTxHash)).toEqual([stored.good]);
    expect(out.damaged).toEqual([
      {
        code: 'STORE_FAILED',
        message: expect.stringMatching(
          new RegExp(
            `^The local store has an unreadable row in queue_items \\(${stored.edited}\\): its fields hash to 0x[0-9a-f]{64}, not to the safeTxHash it is stored under`,
          ),
        ),
        details: { table: 'queue_items', key: stored.edited },
        // What found it, kept for scripts as --verbose shows it to a person.
        cause: [expect.objectContaining({ message: expect.any(String) })],
      },
    ]);
    const human = await runGuardian(['queue', '--offline'], env);
    expect(human.code).toBe(EXIT_FOR_ERROR.STORE_FAILED);
    expect(human.stderr).toMatch(
      new RegExp(
        `DAMAGED The local store has an unreadable row in queue_items \\(${stored.edited}\\).*\\[STORE_FAILED\\]`,
      ),
    );
  });

  it('still shows the hashes and the decoding of every good transaction, and refuses the edited one by name', async () => {
    const hashes = await runGuardian(['hashes', stored.good.slice(0, 12), '--json'], env);
    expect(hashes.code, hashes.stderr).toBe(0);
    expect((JSON.parse(hashes.stdout) as Array<{ safeTxHash: string }>)[0]!.safeTxHash).toBe(stored.good);
    const decode = await runGuardian(['decode', stored.good.slice(0, 12)], env);
    expect(decode.code, decode.stderr).toBe(0);
    expect(decode.stdout).toMatch(/Pauses 0x/);
    for (const verb of ['hashes', 'decode']) {
      const bad = await runGuardian([verb, stored.edited.slice(0, 12)], env);
      expect(bad.code, verb).toBe(EXIT_FOR_ERROR.STORE_FAILED);
      expect(bad.stderr).toContain(`unreadable row in queue_items (${stored.edited})`);
    }
  });
});
