import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPauseBundle, type ExportedPauseBundle } from '../../test/bundle/exportedPauseBundle.js';
import { startGuardedProtocol, type GuardedProtocol } from '../../test/signing/guardedProtocol.js';
import { appBehindGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';
import { DRILL_CHAIN_ID } from '../core/drill/drillDevice.js';

const stores = tempStores('bundle-drill-session');
const lower = (addresses: string[]) => addresses.map((a) => a.toLowerCase()).sort();

let guarded: GuardedProtocol;
let exported: ExportedPauseBundle;
const dirs: string[] = [];

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  exported = await exportPauseBundle(guarded, dirs);
});
afterAll(async () => {
  exported?.online.close();
  await guarded?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function gate() {
  const store = stores.store();
  const dataDir = stores.dir();
  const main = appBehindGate({ store, dataDir });
  return { invoke: main.invoke, main, store, dataDir };
}

const bundleText = (edit: (json: { safeTx: Record<string, string> }) => void = () => {}) => {
  const json = JSON.parse(JSON.stringify(exported.json)) as { safeTx: Record<string, string> };
  edit(json);
  return JSON.stringify(json);
};
const drillFiles = (dataDir: string) =>
  existsSync(join(dataDir, 'exports')) ? readdirSync(join(dataDir, 'exports')) : [];

describe('drill.start from a review bundle', () => {
  it('answers once the bundle held, with where it came from and the owners it replaced, then ends with its report and audit entry', async () => {
    const { invoke, main, store, dataDir } = gate();
    const starting = invoke('drill.start', { bundle: { name: 'pause.bundle.json', text: bundleText() } });
    // While the bundle is checked and its chain prepared, nothing else starts.
    expect(await invoke('drill.start', { scenario: 'emergency-pause' })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('"Review bundle pause.bundle.json" is still running'),
      },
    });
    const started = await starting;
    expect(started).toMatchObject({
      ok: true,
      value: {
        state: 'running',
        name: 'Review bundle pause.bundle.json',
        guardians: 3,
        threshold: 2,
        steps: [{ expect: 'execute', label: expect.stringContaining(exported.hash.slice(0, 10)) }],
        bundle: {
          file: 'pause.bundle.json',
          chainId: guarded.chain.chainId.toString(),
          drillChainId: DRILL_CHAIN_ID.toString(),
          safeTxHash: exported.hash,
          threshold: 2,
          nonce: null,
          line: expect.stringContaining('owners replaced by 3 DRILL keys; threshold kept at 2'),
        },
      },
    });
    const bundle = (started as { value: { bundle: { safe: string; ownersReplaced: string[]; drillKeys: string[] } } })
      .value.bundle;
    expect(bundle.safe.toLowerCase()).toBe(guarded.safe.toLowerCase());
    expect(lower(bundle.ownersReplaced)).toEqual(lower(guarded.owners));
    expect(bundle.drillKeys).toHaveLength(3);
    for (const key of lower(bundle.drillKeys)) expect(lower(guarded.owners)).not.toContain(key);

    await main.drill.settled();
    const done = await invoke('drill.progress', {});
    expect(done).toMatchObject({
      ok: true,
      value: {
        state: 'done',
        failure: null,
        bundle: { safeTxHash: exported.hash },
        report: { json: expect.stringMatching(/exports\/drill-.*\.json$/) },
      },
    });
    const reportPath = (done as { value: { report: { json: string } } }).value.report.json;
    expect(JSON.parse(readFileSync(reportPath, 'utf8'))).toMatchObject({
      bundle: { file: 'pause.bundle.json', safeTxHash: exported.hash },
      steps: [{ outcome: 'executed', passed: true, verifiedOnChain: true }],
    });
    const audit = store.listAudit().filter((e) => e.kind === 'drill');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      scenario: 'Review bundle pause.bundle.json',
      bundle: { file: 'pause.bundle.json', safeTxHash: exported.hash, chainId: guarded.chain.chainId.toString() },
      report: reportPath,
    });
    expect(lower((audit[0]!.details as { bundle: { ownersReplaced: string[] } }).bundle.ownersReplaced)).toEqual(
      lower(guarded.owners),
    );
    expect(drillFiles(dataDir)).toHaveLength(2);
  });

  it('refuses an edited bundle with the import’s code, runs nothing, and leaves the next start free', async () => {
    const { invoke, main, store, dataDir } = gate();
    const edited = bundleText((json) => (json.safeTx['value'] = '1'));
    for (let attempt = 0; attempt < 2; attempt++)
      expect(await invoke('drill.start', { bundle: { name: 'edited.bundle.json', text: edited } })).toMatchObject({
        ok: false,
        error: { code: 'HASH_MISMATCH', message: expect.stringContaining('edited.bundle.json is refused') },
      });
    await main.drill.settled();
    expect(await invoke('drill.progress', {})).toMatchObject({
      ok: true,
      value: { state: 'idle', name: null, bundle: null, events: [] },
    });
    expect(store.listAudit().filter((e) => e.kind === 'drill')).toEqual([]);
    // Each refusal leaves its trace, with the code, as a refused import does.
    const refused = store.listAudit().filter((e) => e.kind === 'bundle-refused');
    expect(refused.map((e) => e.details)).toEqual([
      expect.objectContaining({ file: 'edited.bundle.json', code: 'HASH_MISMATCH' }),
      expect.objectContaining({ file: 'edited.bundle.json', code: 'HASH_MISMATCH' }),
    ]);
    expect(drillFiles(dataDir)).toEqual([]);
  });

  it('names a bundle that is not JSON, and a request that is not a bundle file', async () => {
    const { invoke } = gate();
    expect(await invoke('drill.start', { bundle: { name: 'torn.bundle.json', text: '{"safeTx": {' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_FILE', message: expect.stringContaining('torn.bundle.json is not valid JSON') },
    });
    expect(await invoke('drill.start', { bundle: { name: '', text: '{}' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await invoke('drill.start', { bundle: { name: 'b.json', text: '{}', path: '/etc/passwd' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
