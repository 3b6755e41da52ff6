import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../electron/core/drill/builtInScenarios.js';
import { DRILL_CHAIN_ID, openDrillDevice } from '../../electron/core/drill/drillDevice.js';
import { drillReportHtml, writeDrillReport } from '../../electron/core/drill/drillReport.js';
import { latestDrillReport } from '../../electron/core/drill/latestDrillReport.js';
import { parseDrillScenario } from '../../electron/core/drill/drillScenario.js';
import { runDrill, type DrillResult } from '../../electron/core/drill/runDrill.js';
import { startAnvil, type AnvilProcess } from '../../electron/core/simulate/anvilProcess.js';
import { signSafeTx } from '../../electron/core/ledger/signSafeTx.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { TEST_MNEMONIC } from '../ledger/softwareDevice/softwareLedger.js';
import { Transaction } from 'ethers';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a drill with software signers on the drill chain', () => {
  let result: DrillResult;
  beforeAll(async () => {
    result = await runDrill(BUILT_IN_SCENARIOS['pause-under-attack']!);
  });

  it('refuses both traps, executes the pause, and reads the pause back from the chain', () => {
    expect(result.steps.map((s) => [s.expect, s.outcome, s.passed])).toEqual([
      ['refuse', 'refused', true],
      ['refuse', 'refused', true],
      ['execute', 'executed', true],
    ]);
    expect(result.steps.slice(0, 2).every((s) => s.worst === 'critical')).toBe(true);
    const verified = result.events.find((e) => e.step === 2 && e.kind === 'verified');
    // The drill's contracts carry the names a team's consoles know its protocol by: the reading says "Vault".
    const vault = result.contracts!.find((c) => c.name === 'Vault')!.address;
    const named = `Vault (${vault.slice(0, 6)}…${vault.slice(-4)})`;
    expect(verified?.detail).toMatch(
      new RegExp(
        `^on chain: paused of ${escapeRegExp(named)}: false -> true read back; Safe singleton 0x[0-9a-fA-F]{40}, owners \\(3\\), threshold 2, modules \\(none\\), guard \\(none\\), fallback handler 0x[0-9a-fA-F]{40}: as before$`,
      ),
    );
    // The batch trap left the Vault as it was: still unpaused, owned by the Safe.
    const [batch, delegatecall] = result.steps;
    expect(batch!.reading).toContain(`paused of ${named}: still false (the trap would have made it true)`);
    expect(batch!.reading).toContain(`owner of ${named}: still ${result.safe} (the trap would have made it `);
    // A DELEGATECALL into a token's transfer of 0 writes nothing the review names: said so, not dressed up; and
    // the Safe's singleton (slot 0, what Bybit's DELEGATECALL rewrote), owners and modules are named as before.
    expect(delegatecall!.reading).toMatch(/^not executed; the review predicted no change of a control value \(/);
    expect(delegatecall!.reading).toMatch(
      /; Safe singleton 0x[0-9a-fA-F]{40}, owners \(3\), threshold 2, modules \(none\), guard \(none\), fallback handler 0x[0-9a-fA-F]{40}: as before$/,
    );
    expect(result.figures).toMatchObject({ steps: 3, passed: 3, trapsRefused: 2, trapsSigned: 0, targetsMet: true });
  });

  it('times every moment in order: proposal, each review, each signature, threshold, execution, check', () => {
    const pause = result.events.filter((e) => e.step === 2).map((e) => [e.kind, e.guardian]);
    expect(pause).toEqual([
      ['proposed', null],
      ['reviewed', 0],
      ['signed', 0],
      ['reviewed', 1],
      ['signed', 1],
      ['threshold', null],
      ['executed', 1],
      ['verified', null],
    ]);
    const times = result.events.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const step = result.steps[2]!;
    expect(step.quorumMs).toBeGreaterThan(0);
    expect(step.executionMs).toBeGreaterThanOrEqual(step.quorumMs!);
    expect(result.figures.worstQuorumMs).toBe(step.quorumMs);
  });

  it('writes a self-contained report: HTML with a timeline per step and no script, and the JSON it came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardian-drill-report-'));
    try {
      const paths = writeDrillReport(result, join(dir, 'exports'));
      const html = readFileSync(paths.html, 'utf8');
      // A timeline per step, and the legend drawn with the same marks.
      expect(html.match(/<svg [^>]*aria-label="team proposed/g)).toHaveLength(3);
      expect(html.match(/<svg /g)).toHaveLength(4);
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
      expect(html).toContain('DRILL software signer');
      expect(html).toContain('Targets met');
      expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toMatchObject({
        figures: result.figures,
        chainId: DRILL_CHAIN_ID.toString(),
      });
      // What the Drill screen reads back: the newest report's figures and steps, checked, with its HTML beside it.
      expect(latestDrillReport(join(dir, 'exports'))).toMatchObject({
        path: paths.json,
        html: paths.html,
        figures: result.figures,
        steps: result.steps.map((s) => ({ label: s.label, outcome: s.outcome, passed: s.passed })),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in the report which guardian did what, each refusal with its reason, and the target in hours', () => {
    const html = drillReportHtml(result);
    // Who did what: each drill key, and per step whether it refused, signed, executed or was not needed.
    const table = html.slice(html.indexOf('<h2>Who did what</h2>'), html.indexOf('<p>Timelines'));
    const row = (g: number) => table.slice(table.indexOf(result.guardians[g]!)).split('</tr>')[0]!;
    expect(row(0)).toMatch(/refused.*refused.*<td>signed<\/td>/);
    expect(row(1)).toMatch(/refused.*refused.*<td>signed · executed<\/td>/);
    expect(row(2)).toMatch(/refused.*refused.*not needed/);
    // Every moment in a table under its timeline: the refusal and the finding it was refused on.
    expect(html).toContain(
      '<td>guardian 3</td><td class="bad">refused</td><td>critical: DELEGATECALL to a contract that is not a known MultiSend</td>',
    );
    expect(html).toContain('<b class="ok">refused</b> by 3 of 3 guardians');
    expect(html).toMatch(
      // The quorum's own duration is the machine's: under load it is seconds, not milliseconds.
      /slowest quorum \(emergency\)<\/td><td>\d+(\.\d)? (ms|s)<\/td><td>under 2 h<\/td><td><span class="ok">met<\/span>/,
    );
    expect(html).toContain(`Vault <code>${result.contracts!.find((c) => c.name === 'Vault')!.address}</code>`);
  });

  it('says the targets were not met when the quorum took longer than the team allows', () => {
    const strict = { ...result, figures: { ...result.figures, targetsMet: false } };
    expect(drillReportHtml(strict)).toContain('Targets NOT met');
  });
});

describe('a drill that ships the fix', () => {
  it('refuses the dead-end upgrade and reads the V2 implementation back from the chain after the honest one', async () => {
    const fix = await runDrill(BUILT_IN_SCENARIOS['upgrade-fix']!);
    expect(fix.steps.map((s) => [s.action, s.outcome, s.verifiedOnChain, s.passed])).toEqual([
      ['pause', 'executed', true, true],
      ['trap-upgrade-dead-end', 'refused', true, true],
      ['upgrade', 'executed', true, true],
    ]);
    expect(fix.steps[1]!.worst).toBe('critical');
  });
});

describe('the drill signer', () => {
  let anvil: AnvilProcess;
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: 1n });
  });
  afterAll(async () => {
    await anvil.stop();
  });

  it('refuses to start on any chain but the drill chain, as the RPC reports it', async () => {
    await expect(openDrillDevice(anvil.rpcUrl, TEST_MNEMONIC)).rejects.toMatchObject({
      code: 'SIGNING_REFUSED',
      message: expect.stringContaining('is chain 1'),
    });
  });

  it('declines, on the drill chain, a transaction for another chain', async () => {
    const drill = await startAnvil({ chainId: DRILL_CHAIN_ID });
    try {
      const device = await openDrillDevice(drill.rpcUrl, TEST_MNEMONIC);
      const path = "44'/60'/0'/0/0";
      const { address } = await device.getAddress(path);
      const mainnetTx = createSafeTx({
        chainId: 1n,
        safe: '0x' + '11'.repeat(20),
        safeVersion: '1.4.1',
        to: '0x' + '22'.repeat(20),
        nonce: 0n,
      });
      await expect(
        signSafeTx(device, path, mainnetTx, { mode: 'full', expectedSigner: address }),
      ).rejects.toMatchObject({ code: 'DEVICE_REJECTED' });
      await expect(
        signSafeTx(device, path, { ...mainnetTx, chainId: DRILL_CHAIN_ID }, { mode: 'full', expectedSigner: address }),
      ).resolves.toMatchObject({ mode: 'full' });
    } finally {
      await drill.stop();
    }
  });

  it('declines on the drill chain whatever shows it no chain (a hashed Safe transaction, a personal message) and an execution for another chain', async () => {
    const drill = await startAnvil({ chainId: DRILL_CHAIN_ID });
    try {
      const device = await openDrillDevice(drill.rpcUrl, TEST_MNEMONIC);
      const path = "44'/60'/0'/0/0";
      const { address } = await device.getAddress(path);
      const drillTx = createSafeTx({
        chainId: DRILL_CHAIN_ID,
        safe: '0x' + '11'.repeat(20),
        safeVersion: '1.4.1',
        to: '0x' + '22'.repeat(20),
        nonce: 0n,
      });
      // Hashed EIP-712 shows only two hashes: a drill key cannot tell which chain they are for, so it signs none.
      await expect(
        signSafeTx(device, path, drillTx, { mode: 'hashed', expectedSigner: address }),
      ).rejects.toMatchObject({ code: 'DEVICE_REJECTED' });
      await expect(device.signPersonalMessage(path, '0x' + 'ab'.repeat(32))).rejects.toMatchObject({
        code: 'DEVICE_REJECTED',
      });
      const execution = (chainId: bigint) =>
        Transaction.from({
          type: 2,
          chainId,
          nonce: 0,
          to: '0x' + '11'.repeat(20),
          gasLimit: 100_000n,
          maxFeePerGas: 10n ** 9n,
          maxPriorityFeePerGas: 1n,
          value: 0n,
          data: '0x',
        });
      await expect(device.signTransaction(path, execution(1n))).rejects.toMatchObject({ code: 'DEVICE_REJECTED' });
      await expect(device.signTransaction(path, execution(DRILL_CHAIN_ID))).resolves.toMatchObject({ from: address });
    } finally {
      await drill.stop();
    }
  });

  it('refuses a scenario file that names what it is not', () => {
    expect(() =>
      parseDrillScenario(
        {
          format: 'guardian-drill-scenario',
          version: 1,
          name: 'x',
          emergency: true,
          guardians: 2,
          threshold: 3,
          steps: [{ label: 'p', action: 'pause', expect: 'execute' }],
        },
        'team.json',
      ),
    ).toThrow(/team.json is not a drill scenario: threshold: threshold cannot exceed the number of guardians/);
  });
});
