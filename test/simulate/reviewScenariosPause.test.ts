import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { installOwnerHandingPause } from './reviewScenarioChain.js';
import { changeOf, codes, onReviewScenarioChain, vault } from './reviewScenarioSuite.js';

// Pauses: a clean one, one batched with other actions, ones whose code does more than pause, one paying a refund,
// and one that reverts.
const s = onReviewScenarioChain();

describe('review: simulation, risk diff and findings on the test chain', () => {
  it('a clean emergency pause: info only, paused false to true', async () => {
    const t = s.tx({ to: s.protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause') });
    const r = await s.review(t);
    expect(r.simulation.success).toBe(true);
    expect(r.worst).toBe('info');
    expect(changeOf(r, s.protocol.addresses['Vault']!, 'paused')).toEqual({
      what: 'paused',
      before: 'false',
      after: 'true',
    });
    expect(r.diff.events.map((e) => e.name)).toEqual(['Paused', 'ExecutionSuccess']);
    // The Safe itself hashed the calldata that was simulated to the hash the guardians sign.
    expect(r.simulation.executedSafeTxHash).toBe(r.hashes.safeTxHash.toLowerCase());
    await s.expectSameDiffOnReplay(t, r);
  });

  it('a batch that pauses and also hands ownership to a stranger: critical', async () => {
    const stranger = s.chain.wallets[8]!.address;
    const data = encodeMultiSend([
      { operation: 0, to: s.protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
      {
        operation: 0,
        to: s.protocol.addresses['Vault']!,
        value: 0n,
        data: vault.encodeFunctionData('transferOwnership', [stranger]),
      },
    ]);
    const t = s.tx({ to: s.contracts.multiSendCallOnly, data, operation: 1 });
    const r = await s.review(t);
    expect(codes(r, 'critical')).toEqual(
      expect.arrayContaining(['PAUSE_WITH_OTHER_ACTIONS', 'CONTROL_TO_UNKNOWN_ADDRESS']),
    );
    expect(changeOf(r, s.protocol.addresses['Vault']!, 'owner')).toEqual({
      what: 'owner',
      before: s.safe,
      after: stranger,
    });
    await s.expectSameDiffOnReplay(t, r);
  });

  it('a "pause" whose code writes a slot nothing explains: said so, medium, not a critical it cannot prove', async () => {
    const t = s.tx({ to: s.fakePause, data: vault.encodeFunctionData('pause') });
    const r = await s.review(t);
    expect(r.decoded.classes).toEqual(['emergency-pause']);
    expect(r.findings.find((f) => f.code === 'PAUSE_WITH_OTHER_EFFECTS')).toMatchObject({
      severity: 'medium',
      explanation: expect.stringMatching(/storage slot 0x0+ changes \(unexplained\)/),
    });
    expect(r.findings.find((f) => f.code === 'UNEXPLAINED_STORAGE_WRITE')).toMatchObject({
      severity: 'medium',
      evidence: { contract: s.fakePause, after: expect.stringMatching(new RegExp(`${s.safe.slice(2)}$`, 'i')) },
    });
    expect(codes(r)).not.toContain('PAUSE_WITH_OTHER_ACTIONS');
  });

  it('a "pause" whose code hands ownership away, read by its owner() getter: critical evidence', async () => {
    const stranger = s.chain.wallets[8]!.address;
    const at = '0x' + '5a'.repeat(20);
    await installOwnerHandingPause(s.chain, at, stranger);
    const r = await s.review(s.tx({ to: at, data: vault.encodeFunctionData('pause') }));
    expect(r.decoded.classes).toEqual(['emergency-pause']);
    expect(changeOf(r, at, 'owner')).toEqual({
      what: 'owner',
      before: '0x0000000000000000000000000000000000000000',
      after: stranger,
      control: true,
    });
    expect(r.findings.find((f) => f.code === 'PAUSE_WITH_OTHER_ACTIONS')?.severity).toBe('critical');
    expect(codes(r, 'critical')).toContain('CONTROL_TO_UNKNOWN_ADDRESS');
  });

  it('gasToken or refundReceiver set: high', async () => {
    const t = s.tx({
      to: s.protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('pause'),
      refundReceiver: s.chain.wallets[8]!.address,
    });
    const r = await s.review(t);
    expect(r.findings.find((f) => f.code === 'GAS_REFUND_SET')?.severity).toBe('high');
    await s.expectSameDiffOnReplay(t, r);
  });

  it('a reverting transaction: high, with the reason', async () => {
    const t = s.tx({ to: s.protocol.addresses['Vault']!, data: vault.encodeFunctionData('unpause') });
    const r = await s.review(t);
    expect(r.simulation.success).toBe(false);
    expect(r.simulation.revertReason).toMatch(/^GS013: .*inside: ExpectedPause\(\)/);
    expect(r.findings.find((f) => f.code === 'SIMULATION_REVERTED')?.severity).toBe('high');
    await s.expectSameDiffOnReplay(t, r);
  });
});
