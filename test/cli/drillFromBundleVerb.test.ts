import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPauseBundle, type ExportedPauseBundle } from '../bundle/exportedPauseBundle.js';
import { startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';
import { runGuardian } from './runGuardian.js';

let guarded: GuardedProtocol;
let exported: ExportedPauseBundle;
let dir: string;
const dirs: string[] = [];

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  exported = await exportPauseBundle(guarded, dirs);
  dir = mkdtempSync(join(tmpdir(), 'guardian-cli-drill-'));
  dirs.push(dir);
});
afterAll(async () => {
  exported?.online.close();
  await guarded?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('guardian drill run --from', () => {
  it('rehearses the bundle’s pause, says the owners were replaced, and writes a report that names the bundle', async () => {
    const file = join(dir, 'pause.bundle.json');
    writeFileSync(file, JSON.stringify(exported.json));
    const run = await runGuardian(['drill', 'run', '--from', file], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.stderr).toContain(`Drill from review bundle ${file}`);
    expect(run.stderr).toContain('owners replaced by 3 DRILL keys; threshold kept at 2');
    expect(run.stdout).toContain('Drill passed');
    expect(run.stderr).toMatch(
      new RegExp(`verified +on chain: paused of ${exported.vault}: false -> true read back`, 'i'),
    );
    expect(run.stdout).toContain('Drill Safe  owners replaced by 3 DRILL keys; threshold kept at 2');
    expect(run.code).toBe(0);
    const reportPath = /(\S+\.json)\s*$/.exec(run.stdout)![1]!;
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { bundle: { file: string; safeTxHash: string } };
    expect(report.bundle).toMatchObject({ file, safeTxHash: exported.hash });
  });

  it('refuses a tampered bundle with the import’s code and exit, and starts no drill', async () => {
    const json = JSON.parse(JSON.stringify(exported.json)) as { safeTx: Record<string, string> };
    json.safeTx['value'] = '1';
    const file = join(dir, 'edited.bundle.json');
    writeFileSync(file, JSON.stringify(json));
    const run = await runGuardian(['drill', 'run', '--from', file], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.stderr).toContain('HASH_MISMATCH');
    expect(run.stderr).not.toContain('DRILL keys');
    expect(run.code).toBe(4);
    const audit = await runGuardian(['audit', 'list', '--json'], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    const entries = JSON.parse(audit.stdout) as { kind: string; details: { file?: string; code?: string } }[];
    expect(entries.filter((e) => e.kind === 'bundle-refused').map((e) => e.details)).toEqual([
      expect.objectContaining({ file, code: 'HASH_MISMATCH' }),
    ]);
  });

  it('takes a scenario or a bundle, not both', async () => {
    const run = await runGuardian(['drill', 'run', 'emergency-pause', '--from', 'x.json'], {
      GUARDIAN_DATA_DIR: join(dir, 'data'),
    });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('drill run --from <bundle.json>');
  });
});
