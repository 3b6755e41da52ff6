import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE_NAME } from '../../electron/core/store/store.js';
import { runGuardian } from './runGuardian.js';

const root = mkdtempSync(join(tmpdir(), 'guardian-audit-tamper-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const written = join(root, 'written');
const exported = join(root, 'audit.jsonl');
const safe = '0x5afe3855358e112b5647b952709e6165e1c1eeee';

/** A copy of the store the CLI wrote, worked on as a person with the file and the sqlite3 tool would. */
let copies = 0;
function tampered(sql: string): string {
  const dir = join(root, `copy-${++copies}`);
  cpSync(written, dir, { recursive: true });
  const raw = new DatabaseSync(join(dir, STORE_FILE_NAME));
  // sqlite3's own default: foreign keys are not enforced.
  raw.exec('PRAGMA foreign_keys = OFF');
  raw.exec(sql);
  raw.close();
  return dir;
}

const drop = (...names: string[]) => names.map((n) => `DROP TRIGGER ${n};`).join(' ');
const restore = `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
  CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;`;
/** Every guard lifted for the rewrite and put back after it, as a careful attacker leaves the file. */
const quietly = (sql: string) =>
  `${drop('audit_log_no_update', 'audit_log_no_delete', 'audit_chain_no_update', 'audit_chain_no_delete')} ${sql} ${restore}`;

const verify = (dir: string, ...flags: string[]) =>
  runGuardian(['audit', 'verify', ...flags], { GUARDIAN_DATA_DIR: dir });

beforeAll(async () => {
  // Four imports: four audit entries the CLI itself wrote, then the export a team keeps elsewhere.
  for (const nonce of ['1', '2', '3', '4']) {
    const file = join(root, `pause-${nonce}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        version: '1.0',
        chainId: '1',
        meta: { name: 'Pause', createdFromSafeAddress: safe },
        transactions: [{ to: '0x' + '12'.repeat(20), value: '0', data: '0x8456cb59' }],
      }),
    );
    const run = await runGuardian(['import', file, '--safe-version', '1.4.1', '--nonce', nonce], {
      GUARDIAN_DATA_DIR: written,
    });
    expect(run.code, run.stderr).toBe(0);
  }
  const run = await runGuardian(['audit', 'export', '--out', exported], { GUARDIAN_DATA_DIR: written });
  expect(run.code, run.stderr).toBe(0);
});

describe('guardian audit verify on a store the CLI wrote, tampered with by hand', () => {
  it('holds for the store as the CLI left it', async () => {
    const run = await verify(written, '--against', exported);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Audit log intact: 4 entries, every link holds.');
  });

  it('names an edit made with the triggers dropped and restored', async () => {
    const dir = tampered(quietly(`UPDATE audit_log SET details_json = '{"file":"elsewhere.json"}' WHERE id = 2;`));
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'TAMPERED at entry #2 (edited): Audit entry #2 (import) was changed after it was written.',
    );
    expect(run.stdout).not.toContain('guards DROPPED');
  });

  it('names a deleted entry, with its link left or taken too', async () => {
    const row = await verify(tampered(quietly('DELETE FROM audit_log WHERE id = 2;')));
    expect(row.code).toBe(1);
    expect(row.stdout).toContain('TAMPERED at entry #2 (unlinked): Audit entry #2 was deleted');
    const both = await verify(
      tampered(quietly('DELETE FROM audit_log WHERE id = 2; DELETE FROM audit_chain WHERE id = 2;')),
    );
    expect(both.code).toBe(1);
    expect(both.stdout).toContain('TAMPERED at entry #3 (relinked): Audit entry #3 follows another entry than #1');
  });

  it('names a reorder: two entries swapped, each with its link, and the first now has a predecessor', async () => {
    const swap = (table: string) =>
      `UPDATE ${table} SET id = -1 WHERE id = 1; UPDATE ${table} SET id = 1 WHERE id = 2; UPDATE ${table} SET id = 2 WHERE id = -1;`;
    const run = await verify(tampered(quietly(`${swap('audit_log')} ${swap('audit_chain')}`)));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'TAMPERED at entry #1 (relinked): Audit entry #1 is the first in the log, but its link names an entry before it',
    );
  });

  it('names a truncation: by the ids SQLite issued, and, with those reset too, by the head the export kept', async () => {
    const cut = 'DELETE FROM audit_log WHERE id = 4; DELETE FROM audit_chain WHERE id = 4;';
    const byIds = await verify(tampered(quietly(cut)));
    expect(byIds.code).toBe(1);
    expect(byIds.stdout).toContain('TAMPERED at entry #4 (truncated)');
    const reset = tampered(quietly(`${cut} UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log';`));
    // By itself the shorter chain holds: only the head recorded elsewhere exposes it.
    expect((await verify(reset)).code).toBe(0);
    const against = await verify(reset, '--against', exported);
    expect(against.code).toBe(1);
    expect(against.stdout).toMatch(
      /TAMPERED at entry #4 \(truncated\): The recorded head 0x[0-9a-f]{64} is not in this audit log/,
    );
  });

  it('names guards dropped and not put back, though every link still holds', async () => {
    const run = await verify(tampered(drop('audit_log_no_update', 'audit_log_no_delete')));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Audit log intact: 4 entries, every link holds.');
    expect(run.stdout).toContain(
      'Audit log guards DROPPED: the store no longer refuses to rewrite the log (audit_log_no_update, audit_log_no_delete missing)',
    );
    expect(run.stdout).not.toContain('Record the head elsewhere');
  });

  it('names the chain dropped whole as tampering, not as a store that cannot be read', async () => {
    const run = await verify(tampered('DROP TABLE audit_chain;'));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(
      'TAMPERED at entry #1 (dropped): The audit chain (table audit_chain) is gone from the store',
    );
    const log = await verify(tampered('DROP TABLE audit_log;'));
    expect(log.code, log.stderr).toBe(1);
    expect(log.stdout).toContain('(dropped): The audit log itself (table audit_log) is gone from the store');
  });
});
