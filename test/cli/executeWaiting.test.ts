import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { executeVerbWith } from '../../electron/cli/verbs/execute.js';
import type { PluggedLedger } from '../../electron/core/ledger/deviceWatcher.js';
import { signOnDevice } from '../../electron/core/signing/signOnDevice.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import {
  GUARDIAN_A,
  GUARDIAN_B,
  guardianAddress,
  pausePulledInto,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';
import { runVerbHere } from './runVerbHere.js';

const vault = new Interface(['function paused() view returns (bool)']);

let guarded: GuardedProtocol;
let hash: string;
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

const paused = async () => {
  const { chain, protocol } = guarded;
  const to = protocol.addresses['Vault']!;
  const [value] = vault.decodeFunctionResult(
    'paused',
    await chain.provider.call({ to, data: vault.encodeFunctionData('paused') }),
  );
  return value as boolean;
};

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  const { chain } = guarded;
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-execute-waiting-'));
  hash = await pausePulledInto(guarded, dataDir);
  const store = openStore({ dataDir });
  try {
    // Both guardians signed: the threshold is met, so only the executing Ledger is missing.
    for (const mnemonic of [GUARDIAN_A, GUARDIAN_B])
      await signOnDevice({
        store,
        openDevice: async () => new SoftwareLedger({}, mnemonic),
        safeTxHash: hash,
        mode: 'hashed',
        acknowledged: [],
        post: false,
      });
  } finally {
    store.close();
  }
  // The executing account pays the gas.
  await (await chain.wallets[0]!.sendTransaction({ to: guardianAddress(GUARDIAN_A), value: 10n ** 18n })).wait();
});
afterAll(async () => {
  await guarded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('guardian execute waiting for the Ledger', () => {
  it('refuses at once with DEVICE_NOT_FOUND when none is plugged in and no terminal waits, and sends nothing', async () => {
    const verb = executeVerbWith({
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_A),
      listDevices: async () => [],
      pollMs: 5,
    });
    const run = await runVerbHere(verb, [hash], env());
    expect(run.code).toBe(EXIT_FOR_ERROR.DEVICE_NOT_FOUND);
    expect(run.stderr).not.toContain('Waiting for the Ledger');
    expect(await paused()).toBe(false);
  });

  it('at a terminal, waits for the Ledger to be plugged in, tells it, then executes', async () => {
    const nanoX: PluggedLedger = { path: '/dev/hidraw7', model: 'Nano X' };
    let listings = 0;
    const opened: (string | undefined)[] = [];
    const verb = executeVerbWith({
      openDevice: async (path) => (opened.push(path), new SoftwareLedger({}, GUARDIAN_A)),
      // The guardian plugs the Ledger in after the first look at the bus.
      listDevices: async () => (++listings >= 2 ? [nanoX] : []),
      pollMs: 5,
    });
    const run = await runVerbHere(verb, [hash.slice(0, 12)], env(), {});
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^Waiting for the Ledger: plug it in/);
    expect(lines[1]).toBe('Ledger connected: Nano X');
    expect(lines).toContain('Approve the execution on your Ledger…');
    expect(opened).toEqual([nanoX.path]);
    expect(run.stdout).toMatch(/^Executed in 0x[0-9a-f]{64}\.$/m);
    expect(await paused()).toBe(true);
  });
});
