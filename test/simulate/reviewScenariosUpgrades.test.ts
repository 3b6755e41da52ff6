import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';
import { changeOf, codes, onReviewScenarioChain, proxyAdmin, vault } from './reviewScenarioSuite.js';

// Upgrades: UUPS and Transparent, to no code, to a clashing layout or a dead end, and proposed through a timelock.
const s = onReviewScenarioChain();

describe('review: simulation, risk diff and findings on the test chain', () => {
  it('a clean UUPS upgrade: implementation old to new, medium (an upgrade is never info), nothing above', async () => {
    const t = s.tx({
      to: s.protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [s.protocol.vaultV2Implementation, '0x']),
    });
    const r = await s.review(t);
    expect(changeOf(r, s.protocol.addresses['Vault']!, 'implementation')).toEqual({
      what: 'implementation',
      before: s.protocol.vaultImplementation,
      after: s.protocol.vaultV2Implementation,
    });
    expect(codes(r)).toEqual(['IMPLEMENTATION_CHANGED']);
    expect(r.diff.layoutClashes).toEqual([]);
    expect(r.worst).toBe('medium');
    await s.expectSameDiffOnReplay(t, r);
  });

  it('an upgrade to an address with no code: critical', async () => {
    const t = s.tx({
      to: s.protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', ['0x' + '0c'.repeat(20), '0x']),
    });
    const r = await s.review(t);
    expect(codes(r, 'critical')).toContain('IMPLEMENTATION_WITHOUT_CODE');
    await s.expectSameDiffOnReplay(t, r);
  });

  it('an upgrade whose storage layout clashes: high', async () => {
    const t = s.tx({
      to: s.protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [s.protocol.vaultV2ClashImplementation, '0x']),
    });
    const r = await s.review(t);
    expect(r.simulation.success).toBe(true);
    const clash = r.findings.find((f) => f.code === 'STORAGE_LAYOUT_CLASH');
    expect(clash).toMatchObject({
      severity: 'high',
      explanation: expect.stringMatching(/token .* becomes feeCollector/),
    });
    await s.expectSameDiffOnReplay(t, r);
  });

  it('an upgrade whose storage layout clashes is judged the same reviewed again, its getters then asked with the simulation', async () => {
    const t = s.tx({
      to: s.protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [s.protocol.vaultV2ClashImplementation, '0x']),
    });
    const first = await s.review(t);
    const again = await s.review(t);
    // The clash is read by token(): asked the second time before and as the upgrade is predicted to leave it.
    const tokenCall = vault.encodeFunctionData('token');
    expect(
      again.simulation.guessedCalls
        ?.filter((g) => g.data === tokenCall)
        .map((g) => Object.keys(g.overrides).length > 0),
    ).toEqual([false, true]);
    expect(again.diff.layoutClashes).toEqual(first.diff.layoutClashes);
    expect(again.diff.layoutClashes.length).toBeGreaterThan(0);
    expect(again.findings).toEqual(first.findings);
  });

  it("names a changed variable by the implementation's storage layout", async () => {
    const v2 = new Interface(loadArtifact('VaultV2').abi);
    const data = encodeMultiSend([
      {
        operation: 0,
        to: s.protocol.addresses['Vault']!,
        value: 0n,
        data: vault.encodeFunctionData('upgradeToAndCall', [s.protocol.vaultV2Implementation, '0x']),
      },
      {
        operation: 0,
        to: s.protocol.addresses['Vault']!,
        value: 0n,
        data: v2.encodeFunctionData('setWithdrawalFee', [25]),
      },
    ]);
    const r = await s.review(s.tx({ to: s.contracts.multiSendCallOnly, data, operation: 1 }));
    const vaultDiff = r.diff.contracts.find((c) => c.address === s.protocol.addresses['Vault']);
    expect(vaultDiff?.otherSlots.find((o) => o.variable === 'withdrawalFeeBps')).toMatchObject({
      after: expect.stringMatching(/19$/),
    });
  });

  it('an upgrade that answers proxiableUUID but can never upgrade again: critical', async () => {
    const t = s.tx({
      to: s.protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [s.protocol.vaultDeadEndImplementation, '0x']),
    });
    const r = await s.review(t);
    expect(r.simulation.success).toBe(true);
    expect(changeOf(r, s.protocol.addresses['Vault']!, 'implementation')?.after).toBe(
      s.protocol.vaultDeadEndImplementation,
    );
    expect(r.findings.filter((f) => f.code === 'IMPLEMENTATION_NOT_UPGRADEABLE').map((f) => f.severity)).toEqual([
      'critical',
    ]);
    // Judged from the upgrade's own proxiableUUID() check and the code read with it: the same with no network.
    await s.expectSameDiffOnReplay(t, r);
  });

  it('a Transparent upgrade through its ProxyAdmin: implementation old to new, and replayed from what its reads saw', async () => {
    const transparent = s.protocol.addresses['TransparentVault']!;
    const t = s.tx({
      to: s.protocol.addresses['ProxyAdmin']!,
      data: proxyAdmin.encodeFunctionData('upgradeAndCall', [
        transparent,
        s.protocol.transparentVaultV2Implementation,
        '0x',
      ]),
    });
    const r = await s.review(t);
    expect(changeOf(r, transparent, 'implementation')).toEqual({
      what: 'implementation',
      before: s.protocol.transparentVaultImplementation,
      after: s.protocol.transparentVaultV2Implementation,
    });
    expect(codes(r)).not.toContain('IMPLEMENTATION_NOT_UPGRADEABLE');
    await s.expectSameDiffOnReplay(t, r);
  });

  // 60 s is under SHORTEST_DELAY_TO_REACT: no guardian can see and cancel a proposal in it, so as good as none.
  it('a timelock proposal that lowers the delay to a minute: removed (critical), with the delay it lowers from', async () => {
    const timelock = new Interface(loadArtifact('TimelockController').abi);
    const timelockAddress = s.protocol.addresses['Timelock']!;
    const inner = timelock.encodeFunctionData('updateDelay', [60n]);
    const t = s.tx({
      to: timelockAddress,
      data: timelock.encodeFunctionData('schedule', [
        timelockAddress,
        0n,
        inner,
        '0x' + '00'.repeat(32),
        '0x' + '01'.repeat(32),
        3600n,
      ]),
    });
    const r = await s.review(t);
    expect(r.simulation.success).toBe(true);
    expect(r.findings.find((f) => f.code === 'TIMELOCK_DELAY_REMOVED')).toMatchObject({
      severity: 'critical',
      evidence: { current: '3600', next: '60' },
    });
    expect(r.diff.events.map((e) => e.name)).toContain('CallScheduled');
  });

  it('a timelock schedule of a dead-end upgrade: described as scheduled with its delay, and the scheduled upgrade judged critical', async () => {
    const timelock = new Interface(loadArtifact('TimelockController').abi);
    const inner = vault.encodeFunctionData('upgradeToAndCall', [s.protocol.vaultDeadEndImplementation, '0x']);
    const r = await s.review(
      s.tx({
        to: s.protocol.addresses['Timelock']!,
        data: timelock.encodeFunctionData('schedule', [
          s.protocol.addresses['Vault']!,
          0n,
          inner,
          '0x' + '00'.repeat(32),
          '0x' + '02'.repeat(32),
          172800n,
        ]),
      }),
    );
    expect(r.simulation.success).toBe(true);
    expect(r.decoded.summary).toMatch(
      /^Schedules on timelock Timelock \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\), to run after 2 days \(172800 s\): Upgrades Vault/,
    );
    expect(r.findings.filter((f) => f.code === 'IMPLEMENTATION_NOT_UPGRADEABLE').map((f) => f.severity)).toEqual([
      'critical',
    ]);
    // Scheduling writes the operation's timestamp: read back by getTimestamp(id), the id its event names.
    expect(codes(r)).not.toContain('UNEXPLAINED_STORAGE_WRITE');
  });
});
