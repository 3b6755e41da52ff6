import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore.js';
import { STORE_FILE_NAME } from '../../electron/core/store/store.js';
import { tempStores } from '../store/tempStores.js';
import { runGuardian } from './runGuardian.js';
import { EXIT } from '../../electron/cli/exitCodes.js';

const stores = tempStores('audit-verb');
const hash = '0x' + 'cd'.repeat(32);
const signedDepth = {
  hashRecomputed: true,
  claimedHash: 'matched',
  decoding: { weakestSource: 'selector-table', calls: 2 },
  simulation: 'replay-proven',
  deviceMode: 'hashed',
  findings: { critical: 1 },
  acknowledged: ['DELEGATECALL_UNKNOWN_TARGET'],
};

function storeWithReviews(): string {
  const dir = stores.dir();
  const store = openStore({ dataDir: dir });
  store.appendAudit({
    kind: 'review',
    safeTxHash: hash,
    details: { worst: 'critical', findings: [{ code: 'DELEGATECALL_UNKNOWN_TARGET' }] },
  });
  store.appendAudit({ kind: 'signature', safeTxHash: hash, actor: '0x' + 'aa'.repeat(20) });
  // As signQueueItem records it: the signature with what was checked before it.
  store.appendAudit({
    kind: 'signature',
    safeTxHash: hash,
    actor: '0x' + 'bb'.repeat(20),
    details: { mode: 'hashed', signature: '0x' + '01'.repeat(65), depth: signedDepth },
  });
  store.close();
  return dir;
}

describe('guardian audit', () => {
  it('lists the log, exports it as JSON lines ending with its head, and verifies it against that export', async () => {
    const dir = storeWithReviews();
    const env = { GUARDIAN_DATA_DIR: dir };
    const list = await runGuardian(['audit', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/#1\s+\S+\s+review\s+0xcdcd.* worst critical/);
    expect(list.stdout).toContain('checked: not recorded (signed before depths were kept)');
    expect(list.stdout).toContain(
      'checked: hash recomputed · claimed hash matched · decoded 2 call(s), weakest source selector-table · replayed from proven state · device hashed · findings 1 critical · acknowledged DELEGATECALL_UNKNOWN_TARGET',
    );
    const out = join(dir, 'audit.jsonl');
    const exported = await runGuardian(['audit', 'export', '--out', out], env);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ kind: 'review', details: { worst: 'critical' } });
    expect(lines[1]).toMatchObject({ kind: 'signature', verificationDepth: null });
    expect(lines[2]).toMatchObject({
      kind: 'signature',
      details: { depth: signedDepth },
      verificationDepth: expect.stringMatching(/^hash recomputed · .* · device hashed/),
    });
    expect(lines[3]).toMatchObject({
      format: 'guardian-audit-export',
      entries: 3,
      head: lines[2].entryHash,
      intact: true,
    });
    const verified = await runGuardian(['audit', 'verify', '--against', out, '--json'], env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ intact: true, entries: 3, head: lines[2].entryHash });
  });

  it('exits 1 and names the first bad entry once a verdict was edited in the file', async () => {
    const dir = storeWithReviews();
    const raw = new DatabaseSync(join(dir, STORE_FILE_NAME));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.exec(`UPDATE audit_log SET details_json = '{"worst":"info"}' WHERE id = 1`);
    raw.exec(
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
    raw.close();
    const verified = await runGuardian(['audit', 'verify'], { GUARDIAN_DATA_DIR: dir });
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('TAMPERED at entry #1 (edited)');
  });

  it('refuses a head that is not a hash, as a usage error of its own', async () => {
    const dir = storeWithReviews();
    const verified = await runGuardian(['audit', 'verify', '--head', 'abc'], { GUARDIAN_DATA_DIR: dir });
    expect(verified.code).toBe(EXIT.USAGE);
    expect(verified.stderr).toContain('--head abc is not a 0x-prefixed 32-byte hash');
  });
});
