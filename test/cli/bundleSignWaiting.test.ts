import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { bundleVerbWith } from '../../electron/cli/verbs/bundle.js';
import type { PluggedLedger } from '../../electron/core/ledger/deviceWatcher.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import {
  GUARDIAN_A,
  pausePulledInto,
  guardianAddress,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';
import { runVerbHere } from './runVerbHere.js';

const path0 = ledgerPath('ledger-live', 0);

let guarded: GuardedProtocol;
let hash: string;
let dir: string;
const env = () => ({ GUARDIAN_DATA_DIR: join(dir, 'online') });
const exportArgs = (out: string) => ['export', hash, '--out', out, '--sign', '--path', path0];

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-sign-waiting-'));
  hash = await pausePulledInto(guarded, env().GUARDIAN_DATA_DIR);
});
afterAll(async () => {
  await guarded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('guardian bundle export --sign waiting for the Ledger', () => {
  it('refuses with DEVICE_NOT_FOUND when none is plugged in and no terminal waits, and writes no file', async () => {
    const verb = bundleVerbWith({
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_A),
      listDevices: async () => [],
      pollMs: 5,
    });
    const out = join(dir, 'no-device.bundle.json');
    const run = await runVerbHere(verb, exportArgs(out), env());
    expect(run.code).toBe(EXIT_FOR_ERROR.DEVICE_NOT_FOUND);
    expect(run.stderr).not.toContain('Waiting for the Ledger');
    expect(existsSync(out)).toBe(false);
  });

  it('at a terminal, carries the pre-state, then waits for the Ledger to be plugged in, tells it, and signs', async () => {
    const nanoX: PluggedLedger = { path: '/dev/hidraw7', model: 'Nano X' };
    let listings = 0;
    const opened: (string | undefined)[] = [];
    const verb = bundleVerbWith({
      openDevice: async (path) => (opened.push(path), new SoftwareLedger({}, GUARDIAN_A)),
      // The guardian plugs the Ledger in after the first look at the bus.
      listDevices: async () => (++listings >= 2 ? [nanoX] : []),
      pollMs: 5,
    });
    const out = join(dir, 'waited.bundle.json');
    const run = await runVerbHere(verb, exportArgs(out), env(), {});
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const lines = run.stderr.split('\n');
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    const waiting = at('Waiting for the Ledger: plug it in');
    // The fork's work comes first: the Ledger is asked for only once the bundle is ready to sign.
    expect(waiting).toBeGreaterThan(0);
    expect(at('Ledger connected: Nano X')).toBe(waiting + 1);
    expect(at('Check your Ledger and approve only if it shows the message')).toBe(waiting + 2);
    expect(opened).toEqual([nanoX.path]);
    expect(run.stdout).toContain(`Signed by ${guardianAddress(GUARDIAN_A)} (owner) on their Ledger`);
    expect(existsSync(out)).toBe(true);
  });
});
