import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toUtf8String } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { bundleVerbWith } from '../../electron/cli/verbs/bundle.js';
import { bundleFieldsSigningMessage } from '../../electron/core/bundle/bundleDigest.js';
import { fieldListDigest } from '../../electron/core/bundle/bundleFields.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { SoftwareLedger, type DeviceReview } from '../ledger/softwareDevice/softwareLedger.js';
import {
  GUARDIAN_A,
  pausePulledInto,
  guardianAddress,
  startGuardedProtocol,
  type GuardedProtocol,
} from '../signing/guardedProtocol.js';
import { runGuardian } from './runGuardian.js';
import { runVerbHere } from './runVerbHere.js';

const NOT_AN_OWNER = 'test test test test test test test test test test test junk';
const path0 = ledgerPath('ledger-live', 0);

let guarded: GuardedProtocol;
let hash: string;
let dir: string;
const online = () => ({ GUARDIAN_DATA_DIR: join(dir, 'online') });

/** `guardian bundle` in this process, its Ledger a software one on `mnemonic` that records what its screens showed. */
function bundleHere(mnemonic: string, args: string[], shown: DeviceReview[]) {
  const verb = bundleVerbWith({
    openDevice: async () => new SoftwareLedger({ approves: (review) => (shown.push(review), true) }, mnemonic),
  });
  return runVerbHere(verb, args, online());
}

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-sign-'));
  hash = await pausePulledInto(guarded, online().GUARDIAN_DATA_DIR);
});
afterAll(async () => {
  await guarded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('guardian bundle export --sign', () => {
  it("signs the bundle on the exporter's Ledger, prints what it shows and who signed, and a station names that owner", async () => {
    const shown: DeviceReview[] = [];
    const out = join(dir, 'signed.bundle.json');
    const run = await bundleHere(
      GUARDIAN_A,
      ['export', hash.slice(0, 12), '--out', out, '--sign', '--path', path0],
      shown,
    );
    expect(run.code, run.stderr).toBe(EXIT.OK);

    const file = JSON.parse(readFileSync(out, 'utf8')) as {
      producer: { signer: string; fields: Record<string, string> };
    };
    const digest = fieldListDigest(file.producer.fields);
    const message = bundleFieldsSigningMessage(hash, digest);
    const personal = shown.filter((r): r is Extract<DeviceReview, { kind: 'personal' }> => r.kind === 'personal');
    expect(personal.map((r) => toUtf8String(r.message))).toEqual([message]);
    expect(run.stderr).toContain(
      `approve only if it shows the message (signing as the owner ${guardianAddress(GUARDIAN_A)}):\n  ${message}\n`,
    );
    expect(file.producer.signer).toBe(guardianAddress(GUARDIAN_A));
    expect(run.stdout).toContain(
      `Signed by ${guardianAddress(GUARDIAN_A)} (owner) on their Ledger, over digest ${digest}.`,
    );

    const imported = await runGuardian(['bundle', 'import', out], { GUARDIAN_DATA_DIR: join(dir, 'station') });
    expect(imported.code, imported.stderr).toBe(EXIT.OK);
    expect(imported.stdout).toContain(
      `Exported by ${guardianAddress(GUARDIAN_A)} (owner), signed on their Ledger over digest ${digest}.`,
    );
  });

  it('with --json, prints the file written, who signed it (the owner the signature recovers to) and the digest', async () => {
    const shown: DeviceReview[] = [];
    const out = join(dir, 'signed-json.bundle.json');
    const run = await bundleHere(
      GUARDIAN_A,
      ['export', hash, '--out', out, '--sign', '--path', path0, '--json'],
      shown,
    );
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const file = JSON.parse(readFileSync(out, 'utf8')) as {
      producer: { signer: string; fields: Record<string, string> };
    };
    // stdout is the JSON alone: what the device showed goes to stderr, as for every --json verb.
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      path: out,
      safeTxHash: hash,
      proofs: true,
      producer: { signer: guardianAddress(GUARDIAN_A), status: 'owner', digest: fieldListDigest(file.producer.fields) },
    });
    expect(printed['producer']).toMatchObject({ signer: file.producer.signer });
    expect(printed['block']).toMatchObject({ number: expect.stringMatching(/^[0-9]+$/) });
    expect(shown.filter((r) => r.kind === 'personal')).toHaveLength(1);
  });

  it("writes nothing when the Ledger's account is not an owner of the Safe", async () => {
    const shown: DeviceReview[] = [];
    const out = join(dir, 'stranger.bundle.json');
    const run = await bundleHere(NOT_AN_OWNER, ['export', hash, '--out', out, '--sign', '--path', path0], shown);
    expect(run.code).toBe(EXIT_FOR_ERROR.SIGNER_NOT_OWNER);
    expect(run.stderr).toContain('which is not an owner of the Safe');
    expect(shown.filter((r) => r.kind === 'personal')).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('without --sign, says the bundle is unsigned; --path without --sign is refused before any work', async () => {
    const out = join(dir, 'unsigned.bundle.json');
    const run = await bundleHere(GUARDIAN_A, ['export', hash, '--out', out], []);
    expect(run.code, run.stderr).toBe(EXIT.OK);
    expect(run.stdout).toContain('Unsigned: a station will say who produced it is unknown');
    expect(JSON.parse(readFileSync(out, 'utf8'))).not.toHaveProperty('producer');
    const asJson = await bundleHere(GUARDIAN_A, ['export', hash, '--out', join(dir, 'unsigned.json'), '--json'], []);
    expect(asJson.code, asJson.stderr).toBe(EXIT.OK);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ path: join(dir, 'unsigned.json'), producer: null });
    const stray = await bundleHere(GUARDIAN_A, ['export', hash, '--out', join(dir, 'x.json'), '--path', path0], []);
    expect(stray.stderr).toContain('--path and --scan choose the Ledger account of bundle export --sign.');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
