import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../electron/core/drill/builtInScenarios.js';
import { DRILL_SIGNER_LABEL } from '../../electron/core/drill/drillDevice.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

let store: Store;
let session: RendererSession;
let dir: string;

beforeAll(async () => {
  ({ dir, store } = openStation('guardian-drill-ui-'));
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
  await session.page.setViewportSize({ width: 1280, height: 900 });
});
afterAll(() => closeStation({ session, store, dir }));

describe('running a drill from the Drill screen', () => {
  it('runs a shipped drill in the main process, shows each guardian refusing the traps and signing the pause, then the report', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByTestId('tab-drill').click();
    await page.getByTestId('drill-none').waitFor();
    await page
      .locator('[data-testid=drill-scenario][data-scenario=pause-under-attack]')
      .getByTestId('drill-start')
      .click();
    await page.getByTestId('drill-progress').waitFor();
    expect(flat(await page.getByTestId('drill-signer').innerText())).toContain(DRILL_SIGNER_LABEL);
    // The report replaces "no drill yet" once the main process has written it under exports/.
    await page.getByTestId('drill-report').waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('drill-verdict').innerText())).toMatch(
      /^Targets met: 3 of 3 steps as expected, 2 trap\(s\) refused, 0 signed;/,
    );
    expect(flat(await page.getByTestId('drill-report').innerText())).toContain(`signed by ${DRILL_SIGNER_LABEL}`);
    const steps = page.getByTestId('drill-progress-step');
    expect(await steps.count()).toBe(3);
    const guardians = async (step: number) =>
      (await steps.nth(step).getByTestId('drill-guardian').allInnerTexts()).map(flat);
    for (const trap of [0, 1])
      expect(
        (await guardians(trap)).every((g) => /^Guardian \d \(drill signer\): refused \+\d+\.\d s: critical: /.test(g)),
      ).toBe(true);
    expect(await guardians(2)).toEqual([
      expect.stringMatching(/^Guardian 1 \(drill signer\): signed /),
      expect.stringMatching(/^Guardian 2 \(drill signer\): signed /),
      'Guardian 3 (drill signer): not needed',
    ]);
    // What the chain read back, with the drill's Vault by name and the Safe's own controls named as before.
    expect(flat(await steps.nth(2).getByTestId('drill-reading').innerText())).toMatch(
      /^Read back: on chain: paused of Vault \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\): false -> true read back; Safe singleton 0x[0-9a-fA-F]{40}, owners \(3\), .*: as before$/,
    );
    expect(flat(await steps.nth(1).getByTestId('drill-reading').innerText())).toMatch(
      /^Read back: on chain: not executed; .*; Safe singleton 0x[0-9a-fA-F]{40}, owners \(3\), threshold 2, .*: as before$/,
    );
    expect(flat(await steps.nth(2).getByTestId('drill-phases').innerText())).toMatch(
      /^proposed \+[\d.]+ s · threshold \+[\d.]+ s · executed \+[\d.]+ s · verified \+[\d.]+ s$/,
    );
    expect(flat(await steps.nth(0).getByTestId('drill-phases').innerText())).toMatch(
      /^proposed \+[\d.]+ s · threshold · executed · verified \+[\d.]+ s$/,
    );
    // What the app ran is kept as the CLI keeps it: the audit log names the drill and where its report is.
    const audit = store.listAudit().filter((e) => e.kind === 'drill');
    expect(audit).toHaveLength(1);
    const reportPath = (audit[0]!.details as { report: string }).report;
    expect(JSON.parse(readFileSync(reportPath, 'utf8'))).toMatchObject({
      signer: DRILL_SIGNER_LABEL,
      figures: { trapsRefused: 2, trapsSigned: 0 },
    });
    await page.screenshot({ path: join(screenshots, 'drill-run.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });

  it("names what is wrong in a team's scenario file and starts nothing", async () => {
    const { page } = session;
    const bad = {
      ...BUILT_IN_SCENARIOS['emergency-pause']!,
      format: 'guardian-drill-scenario',
      version: 1,
      threshold: 4,
    };
    await page.getByTestId('drill-own-file').setInputFiles({
      name: 'team-drill.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    expect(flat(await page.getByTestId('drill-start-failure').innerText())).toBe(
      'team-drill.json is not a drill scenario: threshold: threshold cannot exceed the number of guardians. [INVALID_FILE]',
    );
    expect(store.listAudit().filter((e) => e.kind === 'drill')).toHaveLength(1);
  });

  it("runs a team's own scenario file", async () => {
    const { page } = session;
    const own = {
      ...BUILT_IN_SCENARIOS['emergency-pause']!,
      format: 'guardian-drill-scenario',
      version: 1,
      name: 'Our Tuesday pause',
      guardians: 2,
      threshold: 2,
    };
    await page
      .getByTestId('drill-own-file')
      .setInputFiles({ name: 'tuesday.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
    await page.getByRole('heading', { name: 'Latest drill: Our Tuesday pause' }).waitFor({ timeout: 60_000 });
    expect(flat(await page.getByTestId('drill-verdict').innerText())).toMatch(/^Targets met: 1 of 1 steps as expected/);
    expect(
      (await page.getByTestId('drill-progress-step').first().getByTestId('drill-guardian').allInnerTexts()).map(flat),
    ).toEqual([
      expect.stringMatching(/^Guardian 1 \(drill signer\): signed /),
      expect.stringMatching(/^Guardian 2 \(drill signer\): signed /),
    ]);
    expect(session.pageErrors).toEqual([]);
  });
});
