import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { tempStores } from '../store/tempStores.js';
import { runGuardian } from './runGuardian.js';

const stores = tempStores('drill-scenario-file');

/** A team's own drill, doing what no built-in does: lock the Safe down to 3 of 3 first, then pause and resume. */
const lockdown = {
  format: 'guardian-drill-scenario',
  version: 1,
  name: 'Lock down, then resume',
  description: 'Raise the Safe to 3 of 3, refuse the handover batch, pause with every signature, then unpause.',
  emergency: false,
  guardians: 3,
  threshold: 2,
  targets: { quorumMinutes: 30, executionMinutes: 45 },
  steps: [
    { label: 'Raise the threshold to 3 of 3', action: 'raise-threshold', expect: 'execute' },
    { label: 'Batch: pause and hand the Vault over', action: 'trap-ownership-batch', expect: 'refuse' },
    { label: 'Pause the Vault, 3 signatures', action: 'pause', expect: 'execute' },
    { label: 'Unpause the Vault', action: 'unpause', expect: 'execute' },
  ],
};

describe('guardian drill run with a team’s own scenario file', () => {
  it('runs it, gives each target the team set in its own unit, and records the drill in the audit log in words', async () => {
    const dir = stores.dir();
    const file = join(dir, 'lockdown.json');
    writeFileSync(file, JSON.stringify(lockdown));
    const env = { GUARDIAN_DATA_DIR: join(dir, 'data') };
    const run = await runGuardian(['drill', 'run', file], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Drill passed: every step as expected, within the targets.');
    // One block of fields: every step's line starts in the same column.
    const steps = run.stdout.split('\n').filter((l) => / {2}ok: /.test(l));
    expect(steps).toHaveLength(4);
    expect(new Set(steps.map((l) => l.indexOf('ok: ')))).toHaveProperty('size', 1);
    expect(run.stdout).toMatch(/Slowest quorum +\d+(\.\d)? (ms|s) \(target under 30 min\)/);
    expect(run.stdout).toMatch(/Slowest execution +\d+(\.\d)? (ms|s) \(target under 45 min\)/);
    const reportJson = /Report JSON +(\S+)/.exec(run.stdout)![1]!;
    const report = JSON.parse(readFileSync(reportJson, 'utf8')) as { steps: Array<{ reading: string }> };
    expect(report.steps[0]!.reading).toMatch(/^Safe threshold of this Safe \([^)]+\): 2 -> 3 read back; /);
    expect(report.steps[3]!.reading).toMatch(/^paused of Vault \([^)]+\): true -> false read back; /);
    const audit = await runGuardian(['audit', 'list', '--kind', 'drill'], env);
    expect(audit.stdout).toMatch(
      /#1 .* drill .*"Lock down, then resume": 4 of 4 steps as expected, traps refused 1 \(signed 0\), targets met/,
    );
  });

  it('refuses a scenario file with an action no drill knows, naming the step, and runs nothing', async () => {
    const dir = stores.dir();
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...lockdown, steps: [{ label: 'Drain', action: 'drain', expect: 'refuse' }] }),
    );
    const run = await runGuardian(['drill', 'run', file], { GUARDIAN_DATA_DIR: join(dir, 'data') });
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_FILE);
    expect(run.stderr).toContain(`${file} is not a drill scenario: steps.0.action:`);
    expect(run.stderr).toContain('"raise-threshold"');
  });
});
