import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress, zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDrillOrigin } from '../../electron/core/drill/bundleDrillOrigin.js';
import { DRILL_CHAIN_ID } from '../../electron/core/drill/drillDevice.js';
import { writeDrillReport } from '../../electron/core/drill/drillReport.js';
import { latestDrillReport } from '../../electron/core/drill/latestDrillReport.js';
import { runBundleDrill } from '../../electron/core/drill/runBundleDrill.js';
import type { DrillResult } from '../../electron/core/drill/runDrill.js';
import { SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import { exportPauseBundle, type ExportedPauseBundle } from '../bundle/exportedPauseBundle.js';
import { startGuardedProtocol, type GuardedProtocol } from '../signing/guardedProtocol.js';

interface BundleJson {
  safeTx: Record<string, string>;
  carried: { prestate: Record<string, { storage?: Record<string, string> }> };
}

let guarded: GuardedProtocol;
let exported: ExportedPauseBundle;
let result: DrillResult;
let prepared: BundleDrillOrigin | null = null;
const dirs: string[] = [];
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

beforeAll(async () => {
  guarded = await startGuardedProtocol();
  // Thirty days ahead of the wall clock: a drill chain that kept the wall clock would start a month early.
  await guarded.chain.provider.send('evm_increaseTime', [30 * 86_400]);
  await guarded.chain.provider.send('evm_mine', []);
  exported = await exportPauseBundle(guarded, dirs);
  result = await runBundleDrill(copy(exported.json), 'pause.bundle.json', {
    onPrepared: (origin) => (prepared = origin),
  });
});
afterAll(async () => {
  exported?.online.close();
  await guarded?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a drill from a review bundle', () => {
  it('executes the bundle’s pause on the drill chain and reads the pause back from the Vault at its real address', () => {
    expect(result.chainId).toBe(DRILL_CHAIN_ID.toString());
    expect(result.safe.toLowerCase()).toBe(guarded.safe.toLowerCase());
    expect(result.steps.map((s) => [s.expect, s.outcome, s.verifiedOnChain, s.passed])).toEqual([
      ['execute', 'executed', true, true],
    ]);
    const verified = result.events.find((e) => e.kind === 'verified');
    expect(verified?.detail).toMatch(
      new RegExp(
        `^on chain: paused of ${getAddress(exported.vault)}: false -> true read back; Safe singleton 0x[0-9a-fA-F]{40}, owners \\(3\\), threshold 2, .*: as before$`,
      ),
    );
    expect(result.events.map((e) => [e.kind, e.guardian])).toEqual([
      ['proposed', null],
      ['reviewed', 0],
      ['signed', 0],
      ['reviewed', 1],
      ['signed', 1],
      ['threshold', null],
      ['executed', 1],
      ['verified', null],
    ]);
    expect(result.figures).toMatchObject({ steps: 1, passed: 1, targetsMet: true });
  });

  it('signs the bundle’s fields on the drill chain’s id, never on the bundle’s own chain', () => {
    const bundleTx = exported.json as unknown as BundleJson;
    expect(result.bundle).toMatchObject({
      file: 'pause.bundle.json',
      chainId: guarded.chain.chainId.toString(),
      safeTxHash: exported.hash,
    });
    expect(result.bundle!.chainId).not.toBe(DRILL_CHAIN_ID.toString());
    expect(result.bundle!.drillSafeTxHash).not.toBe(exported.hash);
    expect(result.steps[0]!.safeTxHash).toBe(result.bundle!.drillSafeTxHash);
    expect(bundleTx.safeTx['chainId']).toBe(guarded.chain.chainId.toString());
  });

  it('replaces the Safe’s owners with drill keys, keeps the threshold, and says so before the first proposal', () => {
    const origin = result.bundle!;
    expect(prepared).toEqual(origin);
    expect(origin.owners.replaced.map((o) => o.toLowerCase()).sort()).toEqual(
      guarded.owners.map((o) => o.toLowerCase()).sort(),
    );
    expect(origin.owners.threshold).toBe(2);
    expect(origin.owners.drillKeys).toEqual(result.guardians);
    expect(result.guardians).toHaveLength(3);
    for (const key of origin.owners.drillKeys)
      expect(guarded.owners.map((o) => o.toLowerCase())).not.toContain(key.toLowerCase());
    expect(origin.nonce).toBeNull();
    expect(result.scenario.description).toContain('owners replaced by 3 DRILL keys; threshold kept at 2');
  });

  it('starts the drill chain’s clock at the carried block’s time, so timelocks meet the time the review saw', () => {
    const carried = BigInt((exported.json as { carried: { block: { timestamp: string } } }).carried.block.timestamp);
    expect(BigInt(prepared!.clock.carriedTimestamp)).toBe(carried);
    const started = BigInt(prepared!.clock.drillStartTimestamp);
    expect(started).toBeGreaterThanOrEqual(carried);
    expect(started - carried).toBeLessThan(120n);
    expect(carried - BigInt(Math.floor(Date.now() / 1000))).toBeGreaterThan(29n * 86_400n);
  });

  it('writes a report that names the bundle and the replaced owners', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardian-bundle-drill-'));
    dirs.push(dir);
    const paths = writeDrillReport(result, join(dir, 'exports'));
    const html = readFileSync(paths.html, 'utf8');
    expect(html).toContain('pause.bundle.json');
    expect(html).toContain(exported.hash);
    expect(html).toContain('owners replaced by 3 DRILL keys; threshold kept at 2');
    for (const owner of result.bundle!.owners.replaced) expect(html).toContain(owner);
    expect(html).toContain('DRILL software signer');
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toMatchObject({ bundle: { file: 'pause.bundle.json' } });
    // The app's Drill screen reads it back like any drill's.
    expect(latestDrillReport(join(dir, 'exports'))).toMatchObject({
      scenario: { name: 'Review bundle pause.bundle.json' },
      steps: [{ outcome: 'executed', passed: true }],
    });
  });
});

describe('a tampered review bundle', () => {
  it('is refused with the import’s code before any drill chain starts, when its transaction was edited', async () => {
    const tampered = copy(exported.json) as unknown as BundleJson;
    tampered.safeTx['value'] = '1';
    let started = false;
    await expect(
      runBundleDrill(tampered, 'edited.bundle.json', {
        onEvent: () => (started = true),
        onPrepared: () => (started = true),
      }),
    ).rejects.toMatchObject({
      code: 'HASH_MISMATCH',
      message: expect.stringContaining('edited.bundle.json is refused'),
    });
    expect(started).toBe(false);
  });

  it('is refused when the Safe’s threshold was lowered in the carried storage', async () => {
    const tampered = copy(exported.json) as unknown as BundleJson;
    const [, safeAccount] = Object.entries(tampered.carried.prestate).find(
      ([a]) => a.toLowerCase() === guarded.safe.toLowerCase(),
    )!;
    const slot = Object.keys(safeAccount.storage!).find((s) => BigInt(s) === BigInt(SAFE_SLOTS.threshold))!;
    safeAccount.storage![slot] = zeroPadValue('0x01', 32);
    await expect(runBundleDrill(tampered, 'threshold.bundle.json')).rejects.toMatchObject({
      code: 'STATE_PROOF_INVALID',
    });
  });
});
