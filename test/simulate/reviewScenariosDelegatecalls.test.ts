import { describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { changeOf, codes, onReviewScenarioChain, vault } from './reviewScenarioSuite.js';

// Delegatecalls: one that swaps the Safe's singleton, and MultiSend told apart from a copy of it by its code.
const s = onReviewScenarioChain();

describe('review: simulation, risk diff and findings on the test chain', () => {
  it("a delegatecall that swaps the Safe's singleton: critical", async () => {
    const attacker = '0x' + 'ba'.repeat(20);
    const t = s.tx({ to: s.singletonWriter, data: '0xa9059cbb' + attacker.slice(2).padStart(64, '0'), operation: 1 });
    const r = await s.review(t);
    expect(r.worst).toBe('critical');
    expect(codes(r, 'critical')).toEqual(
      expect.arrayContaining(['DELEGATECALL_UNKNOWN_TARGET', 'SAFE_SINGLETON_CHANGED']),
    );
    expect(changeOf(r, s.safe, 'Safe singleton')?.after.toLowerCase()).toBe(attacker);
    await s.expectSameDiffOnReplay(t, r);
  });

  it('a MultiSend no list knows but whose code is the official one: info, not a critical delegatecall', async () => {
    const data = encodeMultiSend([
      { operation: 0, to: s.protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
    ]);
    for (const [at, name] of [
      [s.contracts.multiSendCallOnly, 'MultiSendCallOnly'],
      [s.contracts.multiSend, 'MultiSend'],
    ] as const) {
      // As on a chain safe-deployments does not list: nothing tells the review these addresses.
      const r = await reviewSafeTx({
        ...s.input(s.tx({ to: at, data, operation: 1 })),
        decodeOptions: { addressBook: s.book() },
      });
      expect(codes(r), name).not.toContain('DELEGATECALL_UNKNOWN_TARGET');
      expect(
        r.findings.find((f) => f.code === 'MULTISEND_RECOGNISED_BY_CODE'),
        name,
      ).toMatchObject({ severity: 'info', evidence: { address: at, name, version: '1.4.1' } });
      expect(r.decoded.flags.delegatecallToUnknown, name).toBe(false);
      expect(r.worst, name).toBe('info');
    }
  });

  it('a copy of MultiSend whose immutable points elsewhere stays a critical delegatecall', async () => {
    const code = (await s.chain.provider.getCode(s.contracts.multiSend)).toLowerCase();
    const copy = '0x' + '4d'.repeat(20);
    await s.chain.provider.send('anvil_setCode', [
      copy,
      code.split(s.contracts.multiSend.slice(2).toLowerCase()).join('ee'.repeat(20)),
    ]);
    // Mined, so the next block's state root covers it and later state proofs still verify.
    await s.chain.provider.send('evm_mine', []);
    const data = encodeMultiSend([
      { operation: 0, to: s.protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
    ]);
    const r = await reviewSafeTx({
      ...s.input(s.tx({ to: copy, data, operation: 1 })),
      decodeOptions: { addressBook: s.book() },
    });
    expect(codes(r, 'critical')).toContain('DELEGATECALL_UNKNOWN_TARGET');
    expect(codes(r)).not.toContain('MULTISEND_RECOGNISED_BY_CODE');
  });
});
