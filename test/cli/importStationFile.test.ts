import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { REVIEW_BUNDLE_FORMAT } from '../../electron/core/bundle/reviewBundle.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { OWNER_KEYS, pauseItem, signHash, stationWith } from '../bundle/signatureStations.js';
import { runGuardian } from './runGuardian.js';

// A guardian holding a file from the other station types the verb they know: import names the file for what it is.
const dir = mkdtempSync(join(tmpdir(), 'guardian-import-station-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = (name: string) => ({ GUARDIAN_DATA_DIR: join(dir, name) });

describe('guardian import given a file that travels between stations', () => {
  it('says a signatures file is one and points to guardian bundle import', async () => {
    const item = pauseItem(0n);
    const station = stationWith(openStore({ dataDir: join(dir, 'station') }), [item]);
    const [owner] = OWNER_KEYS;
    station.addConfirmation(
      item.safeTxHash,
      { owner: owner!.address, signature: signHash(owner!, item.safeTxHash) },
      'local',
    );
    station.close();
    const sigs = join(dir, 'sigs.json');
    const written = await runGuardian(['bundle', 'signatures', item.safeTxHash, '--out', sigs], env('station'));
    expect(written.code, written.stderr).toBe(EXIT.OK);

    const run = await runGuardian(['import', sigs], env('online'));
    expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_FILE);
    expect(run.stderr).toContain(`${sigs} is a signatures file, not a queue file`);
    expect(run.stderr).toContain(`guardian bundle import ${sigs}`);
  });

  it('says a review bundle is one and points to guardian bundle import', async () => {
    // The format field is what bundle import itself dispatches on; the rest of a bundle is not read here.
    const bundle = join(dir, 'pause.bundle.json');
    const sigs = JSON.parse(readFileSync(join(dir, 'sigs.json'), 'utf8')) as object;
    writeFileSync(bundle, JSON.stringify({ ...sigs, format: REVIEW_BUNDLE_FORMAT }));
    const run = await runGuardian(['import', bundle, '--json'], env('online'));
    expect(run.code, run.stderr).toBe(EXIT_FOR_ERROR.INVALID_FILE);
    expect((JSON.parse(run.stderr) as { error: { message: string } }).error.message).toBe(
      `${bundle} is a review bundle, not a queue file: bring it in with "guardian bundle import ${bundle}".`,
    );
  });
});
