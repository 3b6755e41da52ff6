import { Interface, getAddress, toBeHex } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { drillReportHtml } from '../../electron/core/drill/drillReport.js';
import { parseDrillScenario, type DrillScenario } from '../../electron/core/drill/drillScenario.js';
import { runDrill, type DrillResult } from '../../electron/core/drill/runDrill.js';

const scenario = (steps: DrillScenario['steps']) =>
  parseDrillScenario(
    {
      format: 'guardian-drill-scenario',
      version: 1,
      name: 'Read-back',
      emergency: true,
      guardians: 3,
      threshold: 2,
      steps,
    },
    'a test scenario',
  );

const verified = (result: DrillResult, step: number) =>
  result.events.find((e) => e.step === step && e.kind === 'verified')?.detail;

describe('a drill reads back every control value the step’s review predicted', () => {
  let result: DrillResult;
  beforeAll(async () => {
    result = await runDrill(
      scenario([
        { label: 'Batch: pause, and hand the Vault to a stranger', action: 'trap-ownership-batch', expect: 'refuse' },
        { label: 'Raise the threshold to 3 of 3', action: 'raise-threshold', expect: 'execute' },
        { label: 'Pause the Vault, now with three signatures', action: 'pause', expect: 'execute' },
      ]),
    );
  });

  it('reads the Safe’s new threshold back after the honest change, and the next step needs the new quorum', () => {
    expect(result.steps.map((s) => [s.action, s.outcome, s.verifiedOnChain, s.passed])).toEqual([
      ['trap-ownership-batch', 'refused', true, true],
      ['raise-threshold', 'executed', true, true],
      ['pause', 'executed', true, true],
    ]);
    // The threshold is read back as predicted; the Safe's other controls, predicted unchanged, as before.
    expect(result.steps[1]!.reading).toMatch(
      /^Safe threshold of [^:]+: 2 -> 3 read back; Safe singleton 0x[0-9a-fA-F]{40}, owners \(3\), modules \(none\), guard \(none\), fallback handler 0x[0-9a-fA-F]{40}: as before$/,
    );
    expect(verified(result, 1)).toBe(`on chain: ${result.steps[1]!.reading}`);
    expect(result.steps[2]!.reading).toMatch(
      /^paused of Vault \([^:]+\): false -> true read back; Safe singleton .*, threshold 3, .*: as before$/,
    );
    expect(result.events.filter((e) => e.step === 2 && e.kind === 'signed')).toHaveLength(3);
    expect(result.events.find((e) => e.step === 2 && e.kind === 'threshold')?.detail).toBe('3 of 3 signed');
  });

  it('reads each value a refused trap would have changed as it was: paused, and the Vault’s owner', () => {
    const reading = result.steps[0]!.reading;
    expect(reading).toMatch(/paused of [^:]+: still false \(the trap would have made it true\)/);
    const owner = new RegExp(
      `owner of [^:]+: still ${result.safe} \\(the trap would have made it 0x[0-9a-fA-F]{40}\\)`,
    );
    expect(reading).toMatch(owner);
  });

  it('names every value it read back in the report a team keeps', () => {
    const html = drillReportHtml(result);
    expect(html).toContain('Read back from the chain: Safe threshold of ');
    expect(html).toContain(': 2 -&gt; 3 read back; Safe singleton ');
  });
});

describe('a drill whose chain does not hold what the review predicted', () => {
  it('says the honest pause is NOT verified when another actor unpauses between execution and the check', async () => {
    const vault = new Interface(['function unpause()']);
    const result = await runDrill(
      scenario([{ label: 'Pause the Vault', action: 'pause', expect: 'execute' }]),
      () => {},
      {
        // The Safe's own key is nobody's: anvil lets the test act as the Safe, as a rogue module could.
        async afterExecution(_step, chain) {
          await chain.provider.send('anvil_impersonateAccount', [chain.safe]);
          await chain.provider.send('anvil_setBalance', [chain.safe, toBeHex(10n ** 18n)]);
          const hash = (await chain.provider.send('eth_sendTransaction', [
            { from: chain.safe, to: chain.vault, data: vault.encodeFunctionData('unpause') },
          ])) as string;
          // anvil may answer before its automine stored the receipt: the check must come after the unpause.
          while (!(await chain.provider.send('eth_getTransactionReceipt', [hash])))
            await new Promise((resolve) => setTimeout(resolve, 25));
        },
      },
    );
    expect(result.steps.map((s) => [s.outcome, s.verifiedOnChain, s.passed])).toEqual([['executed', false, false]]);
    expect(result.steps[0]!.reading).toMatch(
      /^paused of [^:]+: predicted false -> true, reads false; Safe singleton .*: as before$/,
    );
    expect(verified(result, 0)).toBe(`NOT as expected on chain: ${result.steps[0]!.reading}`);
    expect(result.figures).toMatchObject({ passed: 0, targetsMet: false });
  });

  it('says an honest step is NOT verified when the Safe’s singleton was rewritten after it, though no review predicted it', async () => {
    const stranger = '0x' + 'be'.repeat(20);
    const result = await runDrill(
      scenario([{ label: 'Pause the Vault', action: 'pause', expect: 'execute' }]),
      () => {},
      {
        // Bybit, Feb 2025: slot 0 rewritten to the attacker's contract. anvil writes it here, as that DELEGATECALL did.
        async afterExecution(_step, chain) {
          await chain.provider.send('anvil_setStorageAt', [chain.safe, toBeHex(0, 32), toBeHex(stranger, 32)]);
        },
      },
    );
    expect(result.steps.map((s) => [s.outcome, s.verifiedOnChain, s.passed])).toEqual([['executed', false, false]]);
    expect(result.steps[0]!.reading).toMatch(
      new RegExp(
        `^paused of Vault \\([^:]+\\): false -> true read back; Safe singleton NOT as before: 0x[0-9a-fA-F]{40} -> ${getAddress(stranger)} \\(no review predicted it\\)$`,
      ),
    );
    expect(result.figures).toMatchObject({ passed: 0, targetsMet: false });
  });
});
