import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { createOutput } from '../../electron/cli/output.js';
import { signVerbWith } from '../../electron/cli/verbs/sign.js';
import { GuardianError } from '../../electron/core/errors.js';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { pauseSafeTx } from '../ledger/safeTxFixture.js';

const tx = pauseSafeTx();
const hashes = safeTxHashes(tx);
let dataDir: string;
let opened = 0;

/** `guardian sign` in this process with a device that must never be reached: a preview needs none. */
async function sign(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const verb = signVerbWith({
    openDevice: () => {
      opened++;
      return Promise.reject(new GuardianError('DEVICE_NOT_FOUND', 'A preview opened the device.'));
    },
    listDevices: async () => {
      opened++;
      return [];
    },
  });
  try {
    const ctx = {
      args,
      out: createOutput(streams, args.includes('--json')),
      streams,
      env: { GUARDIAN_DATA_DIR: dataDir },
    };
    return { code: await verb.run(ctx), stdout, stderr };
  } catch (error) {
    const code = (error as { code: keyof typeof EXIT_FOR_ERROR }).code;
    return { code: EXIT_FOR_ERROR[code] ?? -1, stdout, stderr: `${stderr}${(error as Error).message} [${code}]\n` };
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-sign-preview-'));
  const store = openStore({ dataDir });
  store.saveQueueItems([
    {
      safeTx: tx,
      safeTxHash: hashes.safeTxHash,
      claimedSafeTxHash: hashes.safeTxHash,
      source: { kind: 'service', url: 'http://127.0.0.1:1/api' },
      confirmations: [],
      fetchedAt: '2026-12-02T00:00:00.000Z',
    },
  ]);
  store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('guardian sign --preview', () => {
  it('prints the full-mode fields and the hashed-mode hashes a Nano X on app 1.10.0 shows, with no device', async () => {
    const run = await sign([
      hashes.safeTxHash.slice(0, 12),
      '--preview',
      '--model',
      'nanox',
      '--app-version',
      '1.10.0',
    ]);
    expect(run.code).toBe(EXIT.OK);
    expect(opened).toBe(0);
    expect(run.stdout).toContain('What a Nano X will show (Ethereum app 1.10.0); nothing is signed');
    expect(run.stdout).toContain('Full mode, field by field (guardian sign, from app 1.9.19):');
    expect(run.stdout).toMatch(new RegExp(`\\n {2}verifyingContract +${tx.safe}\\n`));
    expect(run.stdout).toMatch(/\n {2}nonce +7\n/);
    expect(run.stdout).toContain('Hashed mode (guardian sign --hashed, or when the device cannot sign in full mode');
    expect(run.stdout).toMatch(new RegExp(`\\n {2}Domain hash +${ledgerHashFormat(hashes.domainHash)}\\n`));
    expect(run.stdout).toMatch(new RegExp(`\\n {2}Message hash +${ledgerHashFormat(hashes.messageHash)}\\n`));
  });

  it('prints only the hashes for a Nano S and asks to check the app version; --json gives the same preview', async () => {
    const run = await sign([hashes.safeTxHash, '--preview', '--model', 'nanos', '--json']);
    expect(run.code).toBe(EXIT.OK);
    const preview = JSON.parse(run.stdout) as { modes: Array<{ mode: string; screens: string[][] }>; notes: string[] };
    expect(preview.modes.map((m) => m.mode)).toEqual(['hashed']);
    expect(preview.modes[0]!.screens[1]).toEqual(['Message hash', ledgerHashFormat(hashes.messageHash)]);
    expect(preview.notes.join(' ')).toContain('check your app version');
    expect(opened).toBe(0);
  });

  it('refuses an unknown model, and --model without --preview, before anything else', async () => {
    expect((await sign([hashes.safeTxHash, '--preview', '--model', 'nano z'])).code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect((await sign([hashes.safeTxHash, '--model', 'nanox'])).code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(opened).toBe(0);
  });
});
