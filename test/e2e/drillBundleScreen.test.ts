import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRILL_SIGNER_LABEL } from '../../electron/core/drill/drillDevice.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { exportPauseBundle, type ExportedPauseBundle } from '../bundle/exportedPauseBundle.js';
import { startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

let guarded: GuardedProtocol;
let exported: ExportedPauseBundle;
let store: Store;
let session: RendererSession;
let dir: string;
const dirs: string[] = [];

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  exported = await exportPauseBundle(guarded, dirs);
  ({ dir, store } = openStation('guardian-drill-bundle-ui-'));
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
  await session.page.setViewportSize({ width: 1280, height: 900 });
});
afterAll(async () => {
  await closeStation({ session, store, dir });
  exported?.online.close();
  await guarded?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const bundleFile = (name: string, edit: (json: { safeTx: Record<string, string> }) => void = () => {}) => {
  const json = JSON.parse(JSON.stringify(exported.json)) as { safeTx: Record<string, string> };
  edit(json);
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) };
};

describe('a drill from a review bundle on the Drill screen', () => {
  it('shows an edited bundle’s refusal with its code, and runs nothing', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('tab-drill').click();
    await page.getByTestId('drill-none').waitFor();
    // The picker is a labelled button a keyboard reaches, beside the scenario file's.
    const picker = page.getByRole('button', { name: 'Drill from a review bundle…' });
    await picker.focus();
    expect(await picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await page
      .getByTestId('drill-bundle-file')
      .setInputFiles(bundleFile('edited.bundle.json', (json) => (json.safeTx['value'] = '1')));
    const failure = flat(await page.getByTestId('drill-start-failure').innerText());
    expect(failure).toMatch(/^edited\.bundle\.json is refused: .* \[HASH_MISMATCH\]$/);
    expect(await page.getByTestId('drill-progress').count()).toBe(0);
    expect(await page.getByTestId('drill-none').count()).toBe(1);
    expect(store.listAudit().filter((e) => e.kind === 'drill')).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'drill-bundle-refused.png'), fullPage: true });
  });

  it('runs the exported pause bundle’s drill, says its owners were replaced by DRILL keys, and shows the report', async () => {
    const { page } = session;
    await page.getByTestId('drill-bundle-file').setInputFiles(bundleFile('pause.bundle.json'));
    await page.getByTestId('drill-progress').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('drill-start-failure').count()).toBe(0);
    expect(flat(await page.getByTestId('drill-bundle-owners').innerText())).toBe(
      'Owners replaced by 3 DRILL keys for this drill; threshold kept at 2.',
    );
    const line = flat(await page.getByTestId('drill-bundle-line').innerText());
    expect(line).toContain('Drill from review bundle pause.bundle.json: its Safe');
    expect(line).toContain(`(chain ${guarded.chain.chainId}, block `);
    expect(line).toContain('owners replaced by 3 DRILL keys; threshold kept at 2');
    const origin = flat(await page.getByTestId('drill-bundle').innerText());
    expect(origin).toContain(exported.hash);
    for (const owner of guarded.owners) expect(origin.toLowerCase()).toContain(owner.toLowerCase());
    expect(flat(await page.getByTestId('drill-signer').innerText())).toContain(DRILL_SIGNER_LABEL);

    await page.getByRole('heading', { name: 'Latest drill: Review bundle pause.bundle.json' }).waitFor({
      timeout: 60_000,
    });
    expect(flat(await page.getByTestId('drill-verdict').innerText())).toMatch(/^Targets met: 1 of 1 steps as expected/);
    expect(
      (await page.getByTestId('drill-progress-step').first().getByTestId('drill-guardian').allInnerTexts()).map(flat),
    ).toEqual([
      expect.stringMatching(/^Guardian 1 \(drill signer\): signed /),
      expect.stringMatching(/^Guardian 2 \(drill signer\): signed /),
      'Guardian 3 (drill signer): not needed',
    ]);
    expect(flat(await page.getByTestId('drill-progress-step').first().getByTestId('drill-phases').innerText())).toMatch(
      /^proposed \+[\d.]+ s · threshold \+[\d.]+ s · executed \+[\d.]+ s · verified \+[\d.]+ s$/,
    );
    // The report the screen points to is the one the audit log recorded for this drill.
    const audit = store.listAudit().filter((e) => e.kind === 'drill');
    expect(audit).toHaveLength(1);
    const details = audit[0]!.details as { report: string; bundle: { safeTxHash: string } };
    expect(details.bundle.safeTxHash).toBe(exported.hash);
    expect(flat(await page.getByTestId('drill-report').innerText())).toContain(
      details.report.replace(/\.json$/, '.html'),
    );
    // The summary stays once the drill is done.
    expect(flat(await page.getByTestId('drill-bundle-owners').innerText())).toContain(
      'Owners replaced by 3 DRILL keys for this drill',
    );
    await page.screenshot({ path: join(screenshots, 'drill-bundle-run.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
