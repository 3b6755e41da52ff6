import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../electron/core/drill/builtInScenarios.js';
import { writeDrillReport } from '../../electron/core/drill/drillReport.js';
import { drillFigures, type DrillStepResult } from '../../electron/core/drill/drillTimeline.js';
import type { VerificationDepth } from '../../electron/core/signing/verificationDepth.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { keepLocalSignature, pendingPause, saveExecutions, saveServiceItem } from '../store/responseFiguresFixture.js';
import { openRenderer, type RendererSession } from './rendererBridge.js';
import { closeStation, flat, openStation, screenshots } from './screenStation.js';

const safe = '0x' + '5d'.repeat(20);
const { alice, bob, owners, tx, hash } = pendingPause(8800, safe, 4n);
const minute = 60_000;
const depth: VerificationDepth = {
  hashRecomputed: true,
  claimedHash: 'matched',
  decoding: { weakestSource: 'registered', calls: 1 },
  simulation: 'fork',
  deviceMode: 'hashed',
  findings: { info: 1 },
  acknowledged: [],
};

let store: Store;
let session: RendererSession;
let dir: string;

beforeAll(async () => {
  ({ dir, store } = openStation('guardian-figures-ui-'));
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: 'Protocol guardians' });
  store.saveSafeInfo({ chainId: 1n, address: tx.safe, owners, threshold: 3, nonce: 4n, version: '1.4.1' });
  // Proposed two hours ago; Bob signed through the service 25 minutes later; Alice signed here just now.
  const proposedAt = new Date(Date.now() - 120 * minute).toISOString();
  saveServiceItem(store, tx, {
    url: 'http://127.0.0.1:1',
    submittedAt: proposedAt,
    confirmations: [{ signer: bob, submittedAt: new Date(Date.parse(proposedAt) + 25 * minute).toISOString() }],
  });
  keepLocalSignature(store, hash, alice, (signature) => ({
    mode: 'hashed',
    path: "44'/60'/0'/0/0",
    signature,
    depth,
  }));
  // Four earlier executions: 20 and 40 minutes, 1 and 3 hours; the last one's time read from the chain.
  saveExecutions(store, { chainId: 1n, safe: tx.safe }, [20, 40, 60, 180], (i) => (i === 3 ? 'chain' : 'service'));
  // A drill report as guardian drill run writes it: the traps refused, the pause executed in 7 minutes.
  const scenario = BUILT_IN_SCENARIOS['pause-under-attack']!;
  const steps: DrillStepResult[] = scenario.steps.map((s, i) => ({
    label: s.label,
    action: s.action,
    expect: s.expect,
    safeTxHash: `0x${(i + 9).toString(16).padStart(64, '0')}`,
    worst: s.expect === 'refuse' ? 'critical' : 'info',
    headline: s.expect === 'refuse' ? 'A trap' : null,
    outcome: s.expect === 'refuse' ? 'refused' : 'executed',
    verifiedOnChain: true,
    reading: s.expect === 'refuse' ? 'paused of Vault: still false' : 'paused of Vault: false -> true read back',
    quorumMs: s.expect === 'refuse' ? null : 5 * minute,
    executionMs: s.expect === 'refuse' ? null : 7 * minute,
    passed: true,
  }));
  writeDrillReport(
    {
      scenario,
      startedAt: '2026-12-01T09:00:00.000Z',
      chainId: '25714',
      safe,
      guardians: owners,
      signer: 'DRILL software signer',
      events: [],
      steps,
      figures: drillFigures(steps, scenario.targets),
    },
    join(dir, 'exports'),
  );
  session = await openRenderer({ store, version: '0.1.0', dataDir: dir });
  await session.page.setViewportSize({ width: 1280, height: 800 });
});
afterAll(() => closeStation({ session, store, dir }));

describe('the response figures on screen', () => {
  it("shows a queue row's age and what the threshold still needs, and beside this station's signature what was checked before it", async () => {
    const { page } = session;
    await page.goto(session.url);
    const row = page.locator(`[data-testid=queue-row][data-safe-tx-hash="${hash}"]`);
    await row.waitFor();
    expect(await row.getByTestId('needs').innerText()).toBe('needs 1 more');
    expect(await row.getByTestId('age').innerText()).toMatch(/^proposed 2h 0\dm ago$/);
    await row.focus();
    expect(flat(await row.getByTestId('row-timing').innerText())).toMatch(
      new RegExp(
        `^timing: proposed 2h 0\\dm ago; signed ${bob.address.slice(0, 6)}…${bob.address.slice(-4)} after 25m, ${alice.address.slice(0, 6)}…${alice.address.slice(-4)} after 2h 0\\dm$`,
      ),
    );
    expect(flat(await row.getByTestId('signature-depth').innerText())).toBe(
      `checked before ${alice.address.slice(0, 6)}…${alice.address.slice(-4)} signed here: hash recomputed · claimed hash matched · decoded 1 call(s), weakest source registered · simulated on a fork · device hashed · findings 1 info`,
    );
    await page.screenshot({ path: join(screenshots, 'figures-queue-row.png') });
  });

  it("shows each Safe's governance latency: median, 90th percentile and the latest executions, with where each time came from", async () => {
    const { page } = session;
    await page.getByTestId('tab-safes').click();
    const latency = page.getByTestId('latency');
    await latency.waitFor();
    expect(await latency.getByTestId('latency-median').innerText()).toBe('40m');
    expect(await latency.getByTestId('latency-p90').innerText()).toBe('3h 00m');
    const rows = latency.getByTestId('latency-row');
    expect(await rows.count()).toBe(4);
    expect(flat(await rows.first().innerText())).toMatch(/^3 0x00000000…0004 3h 00m 2026-11-01 03:00:00Z block time$/);
    expect(flat(await rows.last().innerText())).toMatch(/service's date$/);
    // The form to watch another Safe is still there, below.
    await page.getByTestId('watch-safe').waitFor();
    await page.screenshot({ path: join(screenshots, 'figures-safes.png'), fullPage: true });
  });

  it("shows the audit log's head hash as verify computes it, and the depth beside the signature", async () => {
    const { page } = session;
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-head').waitFor();
    expect(await page.getByTestId('audit-head-hash').innerText()).toBe(store.verifyAudit().head);
    expect(flat(await page.getByTestId('audit-head').innerText())).toMatch(
      /^Hash chain intact: 1 entry, every link holds\./,
    );
    expect(flat(await page.getByTestId('audit-depth').first().innerText())).toMatch(
      /^checked: hash recomputed · .* · device hashed · findings 1 info$/,
    );
    await page.screenshot({ path: join(screenshots, 'figures-audit.png') });
  });

  it("lists the drills that ship and the latest report's figures", async () => {
    const { page } = session;
    await page.getByTestId('tab-drill').click();
    await page.getByTestId('drill-report').waitFor();
    expect(flat(await page.getByTestId('drill-verdict').innerText())).toBe(
      'Targets met: 3 of 3 steps as expected, 2 trap(s) refused, 0 signed; slowest quorum 5m against 2h 00m.',
    );
    expect(await page.getByTestId('drill-step').count()).toBe(3);
    expect(await page.getByTestId('drill-scenario').count()).toBe(3);
    await page.screenshot({ path: join(screenshots, 'figures-drill.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
