import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { reviewSafeTx } from '../../electron/core/simulate/reviewSafeTx.js';
import { createLegacySafe } from '../chain/legacySafes.js';
import { createSafe } from '../chain/safeDeployment.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';
import { safeWithHiddenModule } from './reviewScenarioChain.js';
import { changeOf, onReviewScenarioChain, proxyAdmin } from './reviewScenarioSuite.js';

// What the Safe holds and who controls what: tokens leaving it, a plain owner variable, and the Safe's own
// owners and threshold read from its storage.
const s = onReviewScenarioChain();

describe('review: simulation, risk diff and findings on the test chain', () => {
  it('tokens leaving the Safe: medium, with the balance before and after', async () => {
    const token = new Interface(loadArtifact('GuardToken').abi);
    const stranger = s.chain.wallets[8]!.address;
    const t = s.tx({
      to: s.protocol.addresses['GuardToken']!,
      data: token.encodeFunctionData('transfer', [stranger, 1_200n]),
    });
    const r = await s.review(t);
    expect(r.diff.tokenMovements).toEqual(
      expect.arrayContaining([
        { token: s.protocol.addresses['GuardToken'], holder: s.safe, before: 5_000n, after: 3_800n },
      ]),
    );
    expect(r.findings.find((f) => f.code === 'SAFE_OUTFLOW')?.severity).toBe('medium');
    expect(r.worst).toBe('medium');
    await s.expectSameDiffOnReplay(t, r);
  });

  it('reads an owner kept in a plain variable (a non-upgradeable ProxyAdmin) from its layout', async () => {
    const stranger = s.chain.wallets[8]!.address;
    const admin = s.protocol.addresses['ProxyAdmin']!;
    const t = s.tx({ to: admin, data: proxyAdmin.encodeFunctionData('transferOwnership', [stranger]) });
    const r = await s.review(t);
    expect(changeOf(r, admin, 'owner')).toEqual({ what: 'owner', before: s.safe, after: stranger });
    expect(r.findings.filter((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS').map((f) => f.severity)).toEqual([
      'critical',
    ]);
  });

  it('a Safe 1.3.0 lowering its own threshold: high, 2 to 1, walked from its storage, and replayed', async () => {
    const legacy = await createLegacySafe(s.chain, '1.3.0', { owners: s.owners, threshold: 2 });
    const address = await legacy.getAddress();
    const t = createSafeTx({
      chainId: s.chain.chainId,
      safe: address,
      safeVersion: '1.3.0',
      nonce: 0n,
      to: address,
      data: legacy.interface.encodeFunctionData('changeThreshold', [1]),
    });
    const r = await reviewSafeTx({ ...s.input(t), safeNonce: 0n });
    expect(r.simulation.success).toBe(true);
    expect(changeOf(r, address, 'Safe threshold')).toEqual({ what: 'Safe threshold', before: '2', after: '1' });
    expect(changeOf(r, address, 'Safe owners')).toBeUndefined();
    expect(r.findings.find((f) => f.code === 'SAFE_THRESHOLD_CHANGED')?.severity).toBe('high');
    expect(r.diff.events.find((e) => e.name === 'ExecutionSuccess')?.args).toEqual({
      txHash: r.hashes.safeTxHash.toLowerCase(),
      payment: '0',
    });
    expect(r.simulation.executedSafeTxHash).toBe(r.hashes.safeTxHash.toLowerCase());
    await s.expectSameDiffOnReplay(t, r);
  });

  it("a call that reads as upkeep but, through an enabled module, lowers the Safe's threshold: high, from what the simulation saw", async () => {
    const { safe: target, module: moduleAddress } = await safeWithHiddenModule(s.chain, s.contracts, s.owners);
    // A new block, so the state root the carried proofs are checked against includes the module.
    await s.chain.provider.send('evm_mine', []);
    const harvest = new Interface(loadArtifact('HiddenModule').abi).encodeFunctionData('harvest');
    const t = createSafeTx({
      chainId: s.chain.chainId,
      safe: target,
      safeVersion: '1.4.1',
      nonce: 0n,
      to: moduleAddress,
      data: harvest,
    });
    const r = await reviewSafeTx(s.input(t));
    expect(r.decoded.summary).not.toMatch(/threshold/i);
    expect(r.simulation.success).toBe(true);
    expect(changeOf(r, target, 'Safe threshold')).toEqual({ what: 'Safe threshold', before: '2', after: '1' });
    expect(r.findings.find((f) => f.code === 'SAFE_THRESHOLD_CHANGED')?.severity).toBe('high');
    await s.expectSameDiffOnReplay(t, r);
  });

  it("walks the Safe's owners from its storage, not from the owners it was told of", async () => {
    const four = s.chain.wallets.slice(0, 4).map((w) => w.address);
    const other = await createSafe(s.chain, s.contracts, { owners: four, threshold: 2 });
    const stranger = s.chain.wallets[8]!.address;
    const safeAbi = new Interface(['function addOwnerWithThreshold(address owner, uint256 threshold)']);
    const t = createSafeTx({
      chainId: s.chain.chainId,
      safe: other,
      safeVersion: '1.4.1',
      nonce: 0n,
      to: other,
      data: safeAbi.encodeFunctionData('addOwnerWithThreshold', [stranger, 2n]),
    });
    // A stale owner list, out of order and one short: the slots it predicts miss, and the walk reads on.
    const r = await reviewSafeTx({ ...s.input(t), owners: [four[3]!, four[0]!] });
    expect(changeOf(r, other, 'Safe owners')).toEqual({
      what: 'Safe owners',
      before: four.join(', '),
      after: [stranger, ...four].join(', '),
    });
    expect(r.findings.find((f) => f.code === 'SAFE_OWNERS_CHANGED')?.severity).toBe('high');
  });
});
