import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { bundleVerbWith } from '../../electron/cli/verbs/bundle.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { GUARDIAN_A, pausePulledInto, startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';
import { runGuardian } from './runGuardian.js';
import { runVerbHere } from './runVerbHere.js';

type Json = Record<string, any>;

let guarded: GuardedProtocol;
let dir: string;
let signed: Json;
const station = () => ({ GUARDIAN_DATA_DIR: join(dir, 'station') });

/** `edit` applied to the signed bundle, written beside it, and imported at the station: a refusal, logged. */
async function importEdited(name: string, edit: (bundle: Json) => void): Promise<void> {
  const edited = JSON.parse(JSON.stringify(signed)) as Json;
  edit(edited);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(edited));
  const run = await runGuardian(['bundle', 'import', path], station());
  expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_SIGNATURE);
}

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  dir = mkdtempSync(join(tmpdir(), 'guardian-audit-refused-fields-'));
  const online = { GUARDIAN_DATA_DIR: join(dir, 'online') };
  const hash = await pausePulledInto(guarded, online.GUARDIAN_DATA_DIR);
  // Signed on the exporter's (software) Ledger, as guardian bundle export --sign signs it.
  const out = join(dir, 'signed.bundle.json');
  const verb = bundleVerbWith({ openDevice: async () => new SoftwareLedger({}, GUARDIAN_A) });
  const exported = await runVerbHere(
    verb,
    ['export', hash, '--out', out, '--sign', '--path', ledgerPath('ledger-live', 0)],
    online,
  );
  expect(exported.code, exported.stderr).toBe(EXIT.OK);
  signed = JSON.parse(readFileSync(out, 'utf8')) as Json;
  await importEdited('edited.bundle.json', (b) => {
    b['safeTx'].data = '0x3f4ba83a';
    b['safe'].threshold = 1;
  });
  await importEdited('reshaped.bundle.json', (b) => {
    b['note'] = 'trust me';
    delete b['createdAt'];
  });
});
afterAll(async () => {
  await guarded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('guardian audit list after a station refused edited signed bundles', () => {
  it('names the fields edited, added and removed on each refusal', async () => {
    const run = await runGuardian(['audit', 'list', '--kind', 'bundle-refused'], station());
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ bundle-refused +- +fields edited: safeTx\.data, safe\.threshold$/);
    expect(lines[1]).toMatch(/ bundle-refused +- +fields added: note; fields removed: createdAt$/);
  });

  it('with --json, keeps the field names in each entry as the refusal gave them', async () => {
    const run = await runGuardian(['audit', 'list', '--kind', 'bundle-refused', '--json'], station());
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const entries = JSON.parse(run.stdout) as Array<{ details: { file: string; facts: Json } }>;
    expect(entries.map((e) => e.details.facts)).toMatchObject([
      { edited: ['safeTx.data', 'safe.threshold'], added: [], removed: [] },
      { edited: [], added: ['note'], removed: ['createdAt'] },
    ]);
  });
});
