import { Interface, type JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressBook } from '../../electron/core/decode/addressBook.js';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import type { KnownLayout } from '../../electron/core/simulate/implementationFacts.js';
import { carriedState, parseCarriedState, replayReview } from '../../electron/core/simulate/replaySimulation.js';
import { reviewSafeTx, type Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { collectStateProofs } from '../../electron/core/simulate/verifyStateProof.js';
import { createLegacySafe } from '../chain/legacySafes.js';
import { createSafe, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { type Protocol } from '../protocol/deployProtocol.js';
import { loadArtifact } from '../protocol/protocolArtifacts.js';
import { deployReviewScenarios, installOwnerHandingPause, safeWithHiddenModule } from './reviewScenarioChain.js';

let chain: TestChain;
let replayChain: TestChain;
let contracts: SafeContracts;
let protocol: Protocol;
let safe: string;
let owners: string[];
let singletonWriter: string;
let fakePause: string;
const vault = new Interface(loadArtifact('Vault').abi);
const proxyAdmin = new Interface(loadArtifact('ProxyAdmin').abi);
const layouts: KnownLayout[] = (
  ['Vault', 'VaultV2', 'VaultV2Clash', 'VaultNoUpgrade', 'VaultUpgradeDeadEnd', 'ProxyAdmin'] as const
).map((n) => loadArtifact(n) as unknown as KnownLayout);

beforeAll(async () => {
  [chain, replayChain] = await Promise.all([startTestChain(), startTestChain()]);
  ({ contracts, owners, safe, protocol, singletonWriter, fakePause } = await deployReviewScenarios(chain));
});
afterAll(async () => Promise.all([chain?.stop(), replayChain?.stop()]));

function book(): AddressBook {
  const b = new AddressBook();
  for (const [name, address] of Object.entries(protocol.addresses)) b.add(address, name);
  return b;
}

function tx(fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>): SafeTx {
  return createSafeTx({ chainId: chain.chainId, safe, safeVersion: '1.4.1', nonce: 0n, ...fields });
}

function input(t: SafeTx, provider: JsonRpcProvider = chain.provider) {
  return {
    provider,
    tx: t,
    owners,
    threshold: 2,
    safeNonce: 0n,
    layouts,
    decodeOptions: {
      addressBook: book(),
      artifacts: Object.values(protocol.artifacts),
      extraMultiSend: [contracts.multiSend, contracts.multiSendCallOnly],
    },
  };
}

async function review(t: SafeTx): Promise<Review> {
  return reviewSafeTx(input(t));
}

const codes = (r: Review, severity?: string) =>
  r.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code);
const changeOf = (r: Review, address: string, what: string) =>
  r.diff.contracts.find((c) => c.address.toLowerCase() === address.toLowerCase())?.changes.find((c) => c.what === what);

/**
 * Carries a review's pre-state as a file would (JSON), proven against the block's state root, into a fresh
 * anvil with no fork, replays it there in the carried block's environment, and compares the diffs.
 */
async function expectSameDiffOnReplay(t: SafeTx, original: Review): Promise<void> {
  const fresh = await startTestChain();
  try {
    // The guardian's review keeps no code; the one made to be carried does, and must read the same.
    const carrying = await reviewSafeTx({ ...input(t), carry: true });
    expect(carrying.diff).toEqual(original.diff);
    const proofs = await collectStateProofs(
      chain.provider,
      carrying.simulation.prestate,
      carrying.simulation.block.number,
    );
    const carried = parseCarriedState(JSON.parse(JSON.stringify(carriedState(carrying.simulation, proofs))));
    const { verdict, review: replayed } = await replayReview({ ...input(t, fresh.provider), carried });
    expect(verdict).toBe('proven');
    expect(replayed.simulation.block).toEqual(original.simulation.block);
    expect(replayed.simulation.success).toBe(original.simulation.success);
    expect(replayed.simulation.revertReason).toBe(original.simulation.revertReason);
    expect(replayed.diff.tokenMovements).toEqual(original.diff.tokenMovements);
    expect(replayed.diff.contracts, JSON.stringify([replayed.diff.contracts, original.diff.contracts])).toEqual(
      original.diff.contracts,
    );
    expect(replayed.diff.events.map((e) => [e.address, e.name, e.topics])).toEqual(
      original.diff.events.map((e) => [e.address, e.name, e.topics]),
    );
    expect(codes(replayed)).toEqual(codes(original));
  } finally {
    await fresh.stop();
  }
}

describe('review: simulation, risk diff and findings on the test chain', () => {
  it('a clean emergency pause: info only, paused false to true', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('pause') });
    const r = await review(t);
    expect(r.simulation.success).toBe(true);
    expect(r.worst).toBe('info');
    expect(changeOf(r, protocol.addresses['Vault']!, 'paused')).toEqual({
      what: 'paused',
      before: 'false',
      after: 'true',
    });
    expect(r.diff.events.map((e) => e.name)).toEqual(['Paused', 'ExecutionSuccess']);
    // The Safe itself hashed the calldata that was simulated to the hash the guardians sign.
    expect(r.simulation.executedSafeTxHash).toBe(r.hashes.safeTxHash.toLowerCase());
    await expectSameDiffOnReplay(t, r);
  });

  it('a clean UUPS upgrade: implementation old to new, medium (an upgrade is never info), nothing above', async () => {
    const t = tx({
      to: protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
    });
    const r = await review(t);
    expect(changeOf(r, protocol.addresses['Vault']!, 'implementation')).toEqual({
      what: 'implementation',
      before: protocol.vaultImplementation,
      after: protocol.vaultV2Implementation,
    });
    expect(codes(r)).toEqual(['IMPLEMENTATION_CHANGED']);
    expect(r.diff.layoutClashes).toEqual([]);
    expect(r.worst).toBe('medium');
    await expectSameDiffOnReplay(t, r);
  });

  it("a delegatecall that swaps the Safe's singleton: critical", async () => {
    const attacker = '0x' + 'ba'.repeat(20);
    const t = tx({ to: singletonWriter, data: '0xa9059cbb' + attacker.slice(2).padStart(64, '0'), operation: 1 });
    const r = await review(t);
    expect(r.worst).toBe('critical');
    expect(codes(r, 'critical')).toEqual(
      expect.arrayContaining(['DELEGATECALL_UNKNOWN_TARGET', 'SAFE_SINGLETON_CHANGED']),
    );
    expect(changeOf(r, safe, 'Safe singleton')?.after.toLowerCase()).toBe(attacker);
    await expectSameDiffOnReplay(t, r);
  });

  it('a batch that pauses and also hands ownership to a stranger: critical', async () => {
    const stranger = chain.wallets[8]!.address;
    const data = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
      {
        operation: 0,
        to: protocol.addresses['Vault']!,
        value: 0n,
        data: vault.encodeFunctionData('transferOwnership', [stranger]),
      },
    ]);
    const t = tx({ to: contracts.multiSendCallOnly, data, operation: 1 });
    const r = await review(t);
    expect(codes(r, 'critical')).toEqual(
      expect.arrayContaining(['PAUSE_WITH_OTHER_ACTIONS', 'CONTROL_TO_UNKNOWN_ADDRESS']),
    );
    expect(changeOf(r, protocol.addresses['Vault']!, 'owner')).toEqual({
      what: 'owner',
      before: safe,
      after: stranger,
    });
    await expectSameDiffOnReplay(t, r);
  });

  it('a MultiSend no list knows but whose code is the official one: info, not a critical delegatecall', async () => {
    const data = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
    ]);
    for (const [at, name] of [
      [contracts.multiSendCallOnly, 'MultiSendCallOnly'],
      [contracts.multiSend, 'MultiSend'],
    ] as const) {
      // As on a chain safe-deployments does not list: nothing tells the review these addresses.
      const r = await reviewSafeTx({
        ...input(tx({ to: at, data, operation: 1 })),
        decodeOptions: { addressBook: book() },
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
    const code = (await chain.provider.getCode(contracts.multiSend)).toLowerCase();
    const copy = '0x' + '4d'.repeat(20);
    await chain.provider.send('anvil_setCode', [
      copy,
      code.split(contracts.multiSend.slice(2).toLowerCase()).join('ee'.repeat(20)),
    ]);
    // Mined, so the next block's state root covers it and later state proofs still verify.
    await chain.provider.send('evm_mine', []);
    const data = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: vault.encodeFunctionData('pause') },
    ]);
    const r = await reviewSafeTx({
      ...input(tx({ to: copy, data, operation: 1 })),
      decodeOptions: { addressBook: book() },
    });
    expect(codes(r, 'critical')).toContain('DELEGATECALL_UNKNOWN_TARGET');
    expect(codes(r)).not.toContain('MULTISEND_RECOGNISED_BY_CODE');
  });

  it('a "pause" whose code writes a slot nothing explains: said so, medium, not a critical it cannot prove', async () => {
    const t = tx({ to: fakePause, data: vault.encodeFunctionData('pause') });
    const r = await review(t);
    expect(r.decoded.classes).toEqual(['emergency-pause']);
    expect(r.findings.find((f) => f.code === 'PAUSE_WITH_OTHER_EFFECTS')).toMatchObject({
      severity: 'medium',
      explanation: expect.stringMatching(/storage slot 0x0+ changes \(unexplained\)/),
    });
    expect(r.findings.find((f) => f.code === 'UNEXPLAINED_STORAGE_WRITE')).toMatchObject({
      severity: 'medium',
      evidence: { contract: fakePause, after: expect.stringMatching(new RegExp(`${safe.slice(2)}$`, 'i')) },
    });
    expect(codes(r)).not.toContain('PAUSE_WITH_OTHER_ACTIONS');
  });

  it('a "pause" whose code hands ownership away, read by its owner() getter: critical evidence', async () => {
    const stranger = chain.wallets[8]!.address;
    const at = '0x' + '5a'.repeat(20);
    await installOwnerHandingPause(chain, at, stranger);
    const r = await review(tx({ to: at, data: vault.encodeFunctionData('pause') }));
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

  it('an upgrade to an address with no code: critical', async () => {
    const t = tx({
      to: protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', ['0x' + '0c'.repeat(20), '0x']),
    });
    const r = await review(t);
    expect(codes(r, 'critical')).toContain('IMPLEMENTATION_WITHOUT_CODE');
    await expectSameDiffOnReplay(t, r);
  });

  it('an upgrade whose storage layout clashes: high', async () => {
    const t = tx({
      to: protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2ClashImplementation, '0x']),
    });
    const r = await review(t);
    expect(r.simulation.success).toBe(true);
    const clash = r.findings.find((f) => f.code === 'STORAGE_LAYOUT_CLASH');
    expect(clash).toMatchObject({
      severity: 'high',
      explanation: expect.stringMatching(/token .* becomes feeCollector/),
    });
    await expectSameDiffOnReplay(t, r);
  });

  it('an upgrade whose storage layout clashes is judged the same reviewed again, its getters then asked with the simulation', async () => {
    const t = tx({
      to: protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2ClashImplementation, '0x']),
    });
    const first = await review(t);
    const again = await review(t);
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
        to: protocol.addresses['Vault']!,
        value: 0n,
        data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultV2Implementation, '0x']),
      },
      {
        operation: 0,
        to: protocol.addresses['Vault']!,
        value: 0n,
        data: v2.encodeFunctionData('setWithdrawalFee', [25]),
      },
    ]);
    const r = await review(tx({ to: contracts.multiSendCallOnly, data, operation: 1 }));
    const vaultDiff = r.diff.contracts.find((c) => c.address === protocol.addresses['Vault']);
    expect(vaultDiff?.otherSlots.find((o) => o.variable === 'withdrawalFeeBps')).toMatchObject({
      after: expect.stringMatching(/19$/),
    });
  });

  it('an upgrade that answers proxiableUUID but can never upgrade again: critical', async () => {
    const t = tx({
      to: protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultDeadEndImplementation, '0x']),
    });
    const r = await review(t);
    expect(r.simulation.success).toBe(true);
    expect(changeOf(r, protocol.addresses['Vault']!, 'implementation')?.after).toBe(
      protocol.vaultDeadEndImplementation,
    );
    expect(r.findings.filter((f) => f.code === 'IMPLEMENTATION_NOT_UPGRADEABLE').map((f) => f.severity)).toEqual([
      'critical',
    ]);
    // Judged from the upgrade's own proxiableUUID() check and the code read with it: the same with no network.
    await expectSameDiffOnReplay(t, r);
  });

  it('a Transparent upgrade through its ProxyAdmin: implementation old to new, and replayed from what its reads saw', async () => {
    const transparent = protocol.addresses['TransparentVault']!;
    const t = tx({
      to: protocol.addresses['ProxyAdmin']!,
      data: proxyAdmin.encodeFunctionData('upgradeAndCall', [
        transparent,
        protocol.transparentVaultV2Implementation,
        '0x',
      ]),
    });
    const r = await review(t);
    expect(changeOf(r, transparent, 'implementation')).toEqual({
      what: 'implementation',
      before: protocol.transparentVaultImplementation,
      after: protocol.transparentVaultV2Implementation,
    });
    expect(codes(r)).not.toContain('IMPLEMENTATION_NOT_UPGRADEABLE');
    await expectSameDiffOnReplay(t, r);
  });

  it('a timelock proposal that lowers the delay: high, with the delay it lowers from', async () => {
    const timelock = new Interface(loadArtifact('TimelockController').abi);
    const timelockAddress = protocol.addresses['Timelock']!;
    const inner = timelock.encodeFunctionData('updateDelay', [60n]);
    const t = tx({
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
    const r = await review(t);
    expect(r.simulation.success).toBe(true);
    expect(r.findings.find((f) => f.code === 'TIMELOCK_DELAY_LOWERED')).toMatchObject({
      severity: 'high',
      evidence: { current: '3600', next: '60' },
    });
    expect(r.diff.events.map((e) => e.name)).toContain('CallScheduled');
  });

  it('a timelock schedule of a dead-end upgrade: described as scheduled with its delay, and the scheduled upgrade judged critical', async () => {
    const timelock = new Interface(loadArtifact('TimelockController').abi);
    const inner = vault.encodeFunctionData('upgradeToAndCall', [protocol.vaultDeadEndImplementation, '0x']);
    const r = await review(
      tx({
        to: protocol.addresses['Timelock']!,
        data: timelock.encodeFunctionData('schedule', [
          protocol.addresses['Vault']!,
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

  it('tokens leaving the Safe: medium, with the balance before and after', async () => {
    const token = new Interface(loadArtifact('GuardToken').abi);
    const stranger = chain.wallets[8]!.address;
    const t = tx({
      to: protocol.addresses['GuardToken']!,
      data: token.encodeFunctionData('transfer', [stranger, 1_200n]),
    });
    const r = await review(t);
    expect(r.diff.tokenMovements).toEqual(
      expect.arrayContaining([
        { token: protocol.addresses['GuardToken'], holder: safe, before: 5_000n, after: 3_800n },
      ]),
    );
    expect(r.findings.find((f) => f.code === 'SAFE_OUTFLOW')?.severity).toBe('medium');
    expect(r.worst).toBe('medium');
    await expectSameDiffOnReplay(t, r);
  });

  it('reads an owner kept in a plain variable (a non-upgradeable ProxyAdmin) from its layout', async () => {
    const stranger = chain.wallets[8]!.address;
    const admin = protocol.addresses['ProxyAdmin']!;
    const t = tx({ to: admin, data: proxyAdmin.encodeFunctionData('transferOwnership', [stranger]) });
    const r = await review(t);
    expect(changeOf(r, admin, 'owner')).toEqual({ what: 'owner', before: safe, after: stranger });
    expect(r.findings.filter((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS').map((f) => f.severity)).toEqual([
      'critical',
    ]);
  });

  it('a Safe 1.3.0 lowering its own threshold: high, 2 to 1, walked from its storage, and replayed', async () => {
    const legacy = await createLegacySafe(chain, '1.3.0', { owners, threshold: 2 });
    const address = await legacy.getAddress();
    const t = createSafeTx({
      chainId: chain.chainId,
      safe: address,
      safeVersion: '1.3.0',
      nonce: 0n,
      to: address,
      data: legacy.interface.encodeFunctionData('changeThreshold', [1]),
    });
    const r = await reviewSafeTx({ ...input(t), safeNonce: 0n });
    expect(r.simulation.success).toBe(true);
    expect(changeOf(r, address, 'Safe threshold')).toEqual({ what: 'Safe threshold', before: '2', after: '1' });
    expect(changeOf(r, address, 'Safe owners')).toBeUndefined();
    expect(r.findings.find((f) => f.code === 'SAFE_THRESHOLD_CHANGED')?.severity).toBe('high');
    expect(r.diff.events.find((e) => e.name === 'ExecutionSuccess')?.args).toEqual({
      txHash: r.hashes.safeTxHash.toLowerCase(),
      payment: '0',
    });
    expect(r.simulation.executedSafeTxHash).toBe(r.hashes.safeTxHash.toLowerCase());
    await expectSameDiffOnReplay(t, r);
  });

  it("a call that reads as upkeep but, through an enabled module, lowers the Safe's threshold: high, from what the simulation saw", async () => {
    const { safe: target, module: moduleAddress } = await safeWithHiddenModule(chain, contracts, owners);
    // A new block, so the state root the carried proofs are checked against includes the module.
    await chain.provider.send('evm_mine', []);
    const harvest = new Interface(loadArtifact('HiddenModule').abi).encodeFunctionData('harvest');
    const t = createSafeTx({
      chainId: chain.chainId,
      safe: target,
      safeVersion: '1.4.1',
      nonce: 0n,
      to: moduleAddress,
      data: harvest,
    });
    const r = await reviewSafeTx(input(t));
    expect(r.decoded.summary).not.toMatch(/threshold/i);
    expect(r.simulation.success).toBe(true);
    expect(changeOf(r, target, 'Safe threshold')).toEqual({ what: 'Safe threshold', before: '2', after: '1' });
    expect(r.findings.find((f) => f.code === 'SAFE_THRESHOLD_CHANGED')?.severity).toBe('high');
    await expectSameDiffOnReplay(t, r);
  });

  it("walks the Safe's owners from its storage, not from the owners it was told of", async () => {
    const four = chain.wallets.slice(0, 4).map((w) => w.address);
    const other = await createSafe(chain, contracts, { owners: four, threshold: 2 });
    const stranger = chain.wallets[8]!.address;
    const safeAbi = new Interface(['function addOwnerWithThreshold(address owner, uint256 threshold)']);
    const t = createSafeTx({
      chainId: chain.chainId,
      safe: other,
      safeVersion: '1.4.1',
      nonce: 0n,
      to: other,
      data: safeAbi.encodeFunctionData('addOwnerWithThreshold', [stranger, 2n]),
    });
    // A stale owner list, out of order and one short: the slots it predicts miss, and the walk reads on.
    const r = await reviewSafeTx({ ...input(t), owners: [four[3]!, four[0]!] });
    expect(changeOf(r, other, 'Safe owners')).toEqual({
      what: 'Safe owners',
      before: four.join(', '),
      after: [stranger, ...four].join(', '),
    });
    expect(r.findings.find((f) => f.code === 'SAFE_OWNERS_CHANGED')?.severity).toBe('high');
  });

  it('gasToken or refundReceiver set: high', async () => {
    const t = tx({
      to: protocol.addresses['Vault']!,
      data: vault.encodeFunctionData('pause'),
      refundReceiver: chain.wallets[8]!.address,
    });
    const r = await review(t);
    expect(r.findings.find((f) => f.code === 'GAS_REFUND_SET')?.severity).toBe('high');
    await expectSameDiffOnReplay(t, r);
  });

  it('a reverting transaction: high, with the reason', async () => {
    const t = tx({ to: protocol.addresses['Vault']!, data: vault.encodeFunctionData('unpause') });
    const r = await review(t);
    expect(r.simulation.success).toBe(false);
    expect(r.simulation.revertReason).toMatch(/^GS013: .*inside: ExpectedPause\(\)/);
    expect(r.findings.find((f) => f.code === 'SIMULATION_REVERTED')?.severity).toBe('high');
    await expectSameDiffOnReplay(t, r);
  });
});
