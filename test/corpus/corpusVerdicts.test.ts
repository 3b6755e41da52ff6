import { getAddress, id, Interface, ZeroAddress, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { roleName } from '../../electron/core/decode/roleNames.js';
import { deployer } from '../chain/safeDeployment.js';
import { ERC1967_ADMIN_SLOT, ERC1967_IMPLEMENTATION_SLOT } from '../protocol/deployProtocol.js';
import { aaveArtifact } from './aaveArtifacts.js';
import { corpusArtifact } from './corpusArtifacts.js';
import { alarms, deployAndReviewCorpus, events, reviewOf, run, scenarioNamed, simulatedHandover } from './corpusRun.js';
import { describeGovernorVerdicts } from './governorVerdicts.js';
import { describeOptimismVerdicts } from './optimismVerdicts.js';
import { describeOzProxyVerdicts } from './ozProxyVerdicts.js';
import { verdictOf } from './reviewScenario.js';
import { describeUniswapVerdicts } from './uniswapVerdicts.js';

deployAndReviewCorpus();
describeUniswapVerdicts();
describeOptimismVerdicts();
describeGovernorVerdicts();
describeOzProxyVerdicts();

const scenario = scenarioNamed;

/** `owner()` of the OZ4 vault as it would read right after its proxy pointed at `implementation`. */
async function ownerBehind(implementation: string): Promise<string> {
  const vault = await run.corpus.oz4.vault.getAddress();
  const ownable = new Interface(corpusArtifact('OzVault').abi);
  const answer = (await run.corpus.chain.provider.send('eth_call', [
    { to: vault, data: ownable.encodeFunctionData('owner') },
    'latest',
    { [vault]: { stateDiff: { [ERC1967_IMPLEMENTATION_SLOT]: zeroPadValue(implementation, 32) } } },
  ])) as string;
  return getAddress(`0x${answer.slice(26)}`);
}

describe('the corpus: deployed from code nobody here wrote, doing what each scenario says', () => {
  it('Aave V3 from @aave/core-v3: two reserves, one frozen, the Safe owns the AddressesProvider and holds every admin role, the deployer none', async () => {
    const { aclManager: acl, addressesProvider: provider, pool, asset, frozenAsset } = run.corpus.aave;
    const me = deployer(run.corpus.chain).address;
    const defaultAdmin = await acl.getFunction('DEFAULT_ADMIN_ROLE')();
    expect(await pool.getFunction('getReservesList')()).toEqual([asset, frozenAsset]);
    // ReserveConfiguration: bit 57 is the frozen flag.
    const frozenBit = (config: bigint) => (config >> 57n) & 1n;
    expect(frozenBit((await pool.getFunction('getConfiguration')(frozenAsset))[0])).toBe(1n);
    expect(frozenBit((await pool.getFunction('getConfiguration')(asset))[0])).toBe(0n);
    expect(await acl.getFunction('isEmergencyAdmin')(run.corpus.aave.retiredEmergencyAdmin)).toBe(true);
    expect(await provider.getFunction('owner')()).toBe(run.corpus.safe);
    expect(await provider.getFunction('getACLAdmin')()).toBe(run.corpus.safe);
    for (const [role, holder, held] of [
      ['isPoolAdmin', run.corpus.safe, true],
      ['isEmergencyAdmin', run.corpus.safe, true],
      ['isPoolAdmin', me, false],
    ] as const) {
      expect(await acl.getFunction(role)(holder), `${role}(${holder})`).toBe(held);
    }
    expect(await acl.getFunction('hasRole')(defaultAdmin, run.corpus.safe)).toBe(true);
    expect(await acl.getFunction('hasRole')(defaultAdmin, me)).toBe(false);
    // The Pool proxy runs the linked implementation: its libraries answered initReserves.
    expect(await run.corpus.chain.provider.getStorage(await pool.getAddress(), ERC1967_IMPLEMENTATION_SLOT)).toBe(
      zeroPadValue(run.corpus.aave.poolImplementation, 32).toLowerCase(),
    );
  });

  it("OpenZeppelin 4.9: the vault's owner and ProxyAdmin's owner are the Safe, and owner, flags and pause share slot 0", async () => {
    expect(await run.corpus.oz4.vault.getFunction('owner')()).toBe(run.corpus.safe);
    expect(await run.corpus.oz4.proxyAdmin.getFunction('owner')()).toBe(run.corpus.safe);
    expect(
      await run.corpus.oz4.proxyAdmin.getFunction('getProxyImplementation')(await run.corpus.oz4.vault.getAddress()),
    ).toBe(run.corpus.oz4.implementation);
    const slot0 = await run.corpus.chain.provider.getStorage(await run.corpus.oz4.vault.getAddress(), 0);
    // _initialized (1) at byte 0, _initializing at 1, _owner at bytes 2..21, _paused at 22.
    expect(BigInt(slot0)).toBe((BigInt(run.corpus.safe) << 16n) | 1n);
  });

  it("OpenZeppelin 5: the Safe owns one treasury, and is the other's pending owner", async () => {
    const { treasury, incoming } = run.corpus.oz5;
    expect(await treasury.getFunction('owner')()).toBe(run.corpus.safe);
    expect(await incoming.getFunction('owner')()).not.toBe(run.corpus.safe);
    expect(await incoming.getFunction('pendingOwner')()).toBe(run.corpus.safe);
  });

  it('OpenZeppelin 4.9 timelock: the Safe its only proposer and executor, two operations past their delay', async () => {
    const { timelock, readyDelayRemoval, readyProposerGrant, minDelay } = run.corpus.timelock;
    const role = (name: string) => timelock.getFunction(name)();
    const has = async (name: string, account: string) => timelock.getFunction('hasRole')(await role(name), account);
    const dayZero = deployer(run.corpus.chain).address;
    expect(await timelock.getFunction('getMinDelay')()).toBe(minDelay);
    expect([await has('PROPOSER_ROLE', run.corpus.safe), await has('EXECUTOR_ROLE', run.corpus.safe)]).toEqual([
      true,
      true,
    ]);
    expect(await has('PROPOSER_ROLE', run.corpus.stranger)).toBe(false);
    expect(await has('TIMELOCK_ADMIN_ROLE', run.corpus.safe)).toBe(true);
    expect(await has('PROPOSER_ROLE', dayZero)).toBe(false);
    for (const op of [readyDelayRemoval, readyProposerGrant]) {
      const opId = await timelock.getFunction('hashOperation')(op.target, op.value, op.data, op.predecessor, op.salt);
      expect(await timelock.getFunction('isOperationReady')(opId)).toBe(true);
    }
  });

  it('every scenario succeeds in the simulation, executing the hash the guardians would sign, unless it is one the contract refuses', () => {
    for (const s of run.scenarios) {
      const r = reviewOf(s.name);
      if (s.reverts) {
        expect(r.simulation.success, s.name).toBe(false);
        expect(r.simulation.revertReason, s.name).toMatch(s.reverts);
        continue;
      }
      expect(r.simulation.success, `${s.name}: ${r.simulation.revertReason}`).toBe(true);
      expect(r.simulation.executedSafeTxHash, s.name).toBe(r.hashes.safeTxHash.toLowerCase());
    }
  });

  it('every scenario gets its verdict: no false alarm, no miss', () => {
    const wrong = run.scenarios
      .map((s) => ({
        name: s.name,
        kind: s.kind,
        worst: reviewOf(s.name).worst,
        verdict: verdictOf(s, reviewOf(s.name)),
      }))
      .filter((v) => v.verdict !== 'ok');
    expect(wrong).toEqual([]);
  });

  it("no honest action's calldata is printed as a claim: what it says is what the simulation shows", () => {
    const claimed = run.scenarios
      .filter((s) => s.kind === 'honest')
      .flatMap((s) => reviewOf(s.name).contradictions.map((c) => `${s.name}: ${c.reason}`));
    expect(claimed).toEqual([]);
  });

  it('each scenario does what it says, read from its events and state changes', () => {
    expect(events(reviewOf('aave-pool-pause'))).toContain('ReservePaused');
    expect(events(reviewOf('aave-reserve-freeze'))).toContain('ReserveFrozen');
    expect(events(reviewOf('aave-pool-upgrade'))).toEqual(expect.arrayContaining(['Upgraded', 'PoolUpdated']));
    expect(events(reviewOf('oz4-pause'))).toContain('Paused');
    expect(events(reviewOf('oz4-upgrade'))).toContain('Upgraded');
    expect(events(reviewOf('packed-staking-pause'))).toContain('PauseChanged');
    expect(events(reviewOf('packed-bridge-pause'))).toEqual(
      expect.arrayContaining(['DepositsPaused', 'WithdrawalsPaused']),
    );
    expect(events(reviewOf('aave-emergency-admin-in-batch'))).toEqual(
      expect.arrayContaining(['ReservePaused', 'ReserveFrozen', 'RoleGranted']),
    );
    expect(events(reviewOf('oz4-owner-in-batch'))).toEqual(expect.arrayContaining(['Paused', 'OwnershipTransferred']));
    expect(events(reviewOf('packed-bridge-owner-in-batch'))).toEqual(
      expect.arrayContaining(['DepositsPaused', 'OwnershipTransferred']),
    );
    expect(events(reviewOf('oz4-proxy-admin-to-stranger'))).toContain('AdminChanged');
    expect(events(reviewOf('aave-acl-admin-in-batch'))).toEqual(
      expect.arrayContaining(['ReservePaused', 'ACLAdminUpdated']),
    );
    expect(events(reviewOf('aave-reserve-unfreeze'))).toContain('ReserveFrozen');
    expect(events(reviewOf('aave-retired-emergency-admin-removed'))).toContain('RoleRevoked');
    expect(events(reviewOf('aave-safe-emergency-admin-removed-in-batch'))).toEqual(
      expect.arrayContaining(['ReservePaused', 'RoleRevoked']),
    );
    expect(events(reviewOf('oz4-renounce-ownership'))).toContain('OwnershipTransferred');
    expect(events(reviewOf('oz5-pause'))).toContain('Paused');
    expect(events(reviewOf('oz5-accept-ownership'))).toContain('OwnershipTransferred');
    expect(events(reviewOf('oz5-pending-owner-stranger'))).toEqual(['OwnershipTransferStarted', 'ExecutionSuccess']);
    expect(events(reviewOf('timelock-schedule-delay-raise'))).toContain('CallScheduled');
    expect(events(reviewOf('timelock-schedule-delay-zero'))).toContain('CallScheduled');
    expect(events(reviewOf('timelock-execute-delay-zero'))).toEqual(
      expect.arrayContaining(['MinDelayChange', 'CallExecuted']),
    );
    expect(events(reviewOf('timelock-proposer-to-stranger'))).toContain('RoleGranted');
    expect(events(reviewOf('timelock-execute-proposer-grant'))).toEqual(
      expect.arrayContaining(['RoleGranted', 'CallExecuted']),
    );
    expect(events(reviewOf('packed-staking-fee'))).toContain('FeeChanged');
    expect(events(reviewOf('oz4-default-admin-transfer-to-stranger'))).toContain('DefaultAdminTransferScheduled');
    expect(events(reviewOf('packed-staking-nominate-stranger'))).toContain('OwnerNominated');
    const singleton = reviewOf('bybit-delegatecall')
      .diff.contracts.find((c) => c.address === run.corpus.safe)
      ?.changes.find((c) => c.what === 'Safe singleton');
    expect(singleton?.after).toBe(run.corpus.stranger);
  });

  it('the shifted V2 really loses the owner through the proxy, and the honest V2 keeps it', async () => {
    expect(await ownerBehind(run.corpus.oz4.v2Implementation)).toBe(run.corpus.safe);
    expect(await ownerBehind(run.corpus.oz4.v2ShiftedImplementation)).not.toBe(run.corpus.safe);
  });

  it('the verdict: a high on an honest action is a false alarm, anything short of critical on a trap a miss', () => {
    const honest = scenario('oz4-upgrade');
    const trap = scenario('oz4-upgrade-shifted');
    const withWorst = (worst: Review['worst']) => ({ ...reviewOf('oz4-upgrade'), worst });
    expect([
      verdictOf(honest, withWorst('info')),
      verdictOf(honest, withWorst('medium')),
      verdictOf(honest, withWorst('high')),
    ]).toEqual(['ok', 'ok', 'FALSE ALARM']);
    expect([
      verdictOf(trap, withWorst('high')),
      verdictOf(trap, withWorst(null)),
      verdictOf(trap, withWorst('critical')),
    ]).toEqual(['MISS', 'MISS', 'ok']);
  });
});

describe('honest emergency actions review with no critical and no high (a guardian with no artifacts)', () => {
  it('Aave setPoolPause(true)', () => expect(alarms(reviewOf('aave-pool-pause'))).toEqual([]));
  it('Aave setReserveFreeze(asset, true)', () => expect(alarms(reviewOf('aave-reserve-freeze'))).toEqual([]));
  // To Aave's L2Pool at revision 3: its initializer runs again and every getter of the Pool reads the same.
  it('Aave Pool implementation upgrade through the AddressesProvider', () => {
    const r = reviewOf('aave-pool-upgrade');
    expect(alarms(r)).toEqual([]);
    expect(r.diff.layoutClashes).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('IMPLEMENTATION_CHANGED');
  });
  // Was a false alarm before the getter comparison: PAUSE_WITH_OTHER_ACTIONS critical, "storage slot 0x0 changes": _paused shares slot 0 with _owner.
  it('OpenZeppelin 4.9 pause()', () => expect(alarms(reviewOf('oz4-pause'))).toEqual([]));
  // Was a false alarm before the getter comparison, artifacts or not: PAUSE_WITH_OTHER_ACTIONS critical; slot 0 stays unnamed though the layout packs _paused there.
  it('OpenZeppelin 4.9 pause(), reviewed with --artifacts', () =>
    expect(alarms(reviewOf('oz4-pause-with-artifacts'))).toEqual([]));
  it('OpenZeppelin 4.9 upgrade through ProxyAdmin to a V2 with the same layout', () =>
    expect(alarms(reviewOf('oz4-upgrade'))).toEqual([]));
  it('a Synthetix-style setPaused(true) whose flag is packed with a token, a time and a fee', () => {
    expect(alarms(reviewOf('packed-staking-pause'))).toEqual([]);
    // setPaused has no standard signature to class it by, but its name says the flag it sets: not a claim.
    expect(reviewOf('packed-staking-pause').contradictions).toEqual([]);
  });
  // Was a false alarm before the getter comparison: PAUSE_WITH_OTHER_ACTIONS critical, "storage slot 0x0 changes": the switches share slot 0 with the owner.
  it('a bridge pause() whose switches are packed with the owner', () =>
    expect(alarms(reviewOf('packed-bridge-pause'))).toEqual([]));
});

describe('traps are critical (a guardian with no artifacts)', () => {
  it('an EMERGENCY_ADMIN grant to a stranger hidden in a batch with a pool pause and a freeze', async () => {
    const r = reviewOf('aave-emergency-admin-in-batch');
    expect(r.worst).toBe('critical');
    // Named as the deployed ACLManager names it, not 'role 0x5c915140…'.
    const role = (await run.corpus.aave.aclManager.getFunction('EMERGENCY_ADMIN_ROLE')()) as string;
    expect(roleName(role)).toBe('EMERGENCY_ADMIN');
    expect(
      r.findings.some((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS' && f.evidence['roleName'] === 'EMERGENCY_ADMIN'),
    ).toBe(true);
  });
  it('OpenZeppelin 4.9 transferOwnership to a stranger in a batch with a pause', () =>
    expect(reviewOf('oz4-owner-in-batch').worst).toBe('critical'));
  // Was missed before the getter comparison: only IMPLEMENTATION_CHANGED info; owner() goes from the Safe to another slot's value, unseen without a layout.
  it('an upgrade to a V2 whose layout shifts the owner', () =>
    expect(reviewOf('oz4-upgrade-shifted').worst).toBe('critical'));
  // Was missed before the getter comparison: STORAGE_LAYOUT_CLASH is high ("totalDeposits becomes _owner"); the owner a control value, it is critical evidence.
  it('an upgrade to a V2 whose layout shifts the owner, reviewed with --artifacts', () =>
    expect(reviewOf('oz4-upgrade-shifted-with-artifacts').worst).toBe('critical'));
  it('a bridge transferOwnership to a stranger in a batch with its pause', () =>
    expect(reviewOf('packed-bridge-owner-in-batch').worst).toBe('critical'));
  it('OpenZeppelin 4.9 changeProxyAdmin to a stranger: the upgrade right leaves the Safe', () =>
    expect(reviewOf('oz4-proxy-admin-to-stranger').worst).toBe('critical'));
  // A miss before: the ACL admin kept in the provider's _addresses mapping went to a stranger, read by
  // getACLAdmin() but not taken for a control value.
  it("the AddressesProvider's ACL admin handed to a stranger in a batch with a pool pause", async () => {
    const r = reviewOf('aave-acl-admin-in-batch');
    expect(r.worst).toBe('critical');
    expect(simulatedHandover(r, await run.corpus.aave.addressesProvider.getAddress())).toEqual({
      what: 'ACL admin',
      before: run.corpus.safe,
      after: run.corpus.stranger,
    });
  });
  it('DEFAULT_ADMIN_ROLE of the ACLManager granted to a stranger in a batch with a pool pause', async () => {
    const r = reviewOf('aave-default-admin-in-batch');
    expect(r.worst).toBe('critical');
    const granted = r.findings.find(
      (f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS' && f.evidence['roleName'] === 'DEFAULT_ADMIN_ROLE',
    );
    expect(granted?.evidence).toMatchObject({
      contract: await run.corpus.aave.aclManager.getAddress(),
      account: run.corpus.stranger,
      granted: true,
    });
  });
  it("the AddressesProvider's ownership (Ownable) handed to a stranger in a batch with a reserve freeze", async () => {
    const r = reviewOf('aave-provider-owner-in-batch');
    expect(r.worst).toBe('critical');
    expect(simulatedHandover(r, await run.corpus.aave.addressesProvider.getAddress())).toEqual({
      what: 'owner',
      before: run.corpus.safe,
      after: run.corpus.stranger,
    });
  });
  it('a Bybit-style delegatecall to an unknown contract that rewrites the singleton', () =>
    expect(reviewOf('bybit-delegatecall').worst).toBe('critical'));
});

// Aave's own MockPoolInherited (revision 3): its _maxNumberOfReserves is set by a constructor, so through the
// proxy it reads 0: a real behaviour change the getter comparison must report, artifacts or not.
it('an Aave upgrade to MockPoolInherited is flagged high: MAX_NUMBER_RESERVES reads 0 after it where it read 128', () => {
  const r = reviewOf('aave-pool-upgrade-max-reserves');
  expect(verdictOf(scenario('aave-pool-upgrade-max-reserves'), r)).toBe('ok');
  const clash = r.findings.find((f) => f.code === 'STORAGE_LAYOUT_CLASH');
  expect(clash?.severity).toBe('high');
  expect(clash?.explanation).toMatch(
    /MAX_NUMBER_RESERVES\(\) reads 0 under the new code where the same storage reads 128 under the old/,
  );
});

it('MockPoolInherited reads MAX_NUMBER_RESERVES 0 through the proxy, where the current Pool and the L2Pool read 128', async () => {
  const pool = await run.corpus.aave.pool.getAddress();
  const abi = new Interface(aaveArtifact('Pool').abi);
  const read = async (implementation: string) =>
    BigInt(
      (await run.corpus.chain.provider.send('eth_call', [
        { to: pool, data: abi.encodeFunctionData('MAX_NUMBER_RESERVES') },
        'latest',
        { [pool]: { stateDiff: { [ERC1967_IMPLEMENTATION_SLOT]: zeroPadValue(implementation, 32) } } },
      ])) as string,
    );
  expect([
    await read(run.corpus.aave.poolImplementation),
    await read(run.corpus.aave.maxReservesPoolImplementation),
    await read(run.corpus.aave.nextPoolImplementation),
  ]).toEqual([128n, 0n, 128n]);
});

describe('the widened corpus: contracts and traps the rules were not written against', () => {
  const codes = (name: string) => reviewOf(name).findings.map((f) => f.code);

  it('an Aave reserve unfrozen, and a retired responder removed as emergency admin, raise no alarm', () => {
    expect(alarms(reviewOf('aave-reserve-unfreeze'))).toEqual([]);
    expect(alarms(reviewOf('aave-retired-emergency-admin-removed'))).toEqual([]);
    expect(codes('aave-retired-emergency-admin-removed')).not.toContain('CONTROL_RENOUNCED');
  });

  it('the Safe removing its own emergency admin role in a batch with a pause is control given up, high', async () => {
    const r = reviewOf('aave-safe-emergency-admin-removed-in-batch');
    const renounced = r.findings.find((f) => f.code === 'CONTROL_RENOUNCED');
    expect(renounced?.severity).toBe('high');
    expect(renounced?.evidence).toMatchObject({
      contract: await run.corpus.aave.aclManager.getAddress(),
      role: id('EMERGENCY_ADMIN'),
      account: run.corpus.safe,
      granted: false,
    });
  });

  it('renounceOwnership is control given up: the owner goes from the Safe to nobody', async () => {
    const r = reviewOf('oz4-renounce-ownership');
    const renounced = r.findings.find((f) => f.code === 'CONTROL_RENOUNCED');
    expect(renounced?.severity).toBe('high');
    expect(renounced?.evidence).toMatchObject({
      contract: await run.corpus.oz4.vault.getAddress(),
      what: 'owner',
      before: run.corpus.safe,
      after: ZeroAddress,
    });
  });

  it('an upgrade to an address with no code is critical though OpenZeppelin 4.9 refuses it', () => {
    const r = reviewOf('oz4-upgrade-to-eoa');
    expect(r.findings.find((f) => f.code === 'IMPLEMENTATION_WITHOUT_CODE')?.evidence).toMatchObject({
      implementation: run.corpus.stranger,
    });
  });

  it("OpenZeppelin 5 pause and acceptOwnership raise no alarm; the Safe taking over is read as the owner's change", async () => {
    expect(alarms(reviewOf('oz5-pause'))).toEqual([]);
    const accept = reviewOf('oz5-accept-ownership');
    expect(alarms(accept)).toEqual([]);
    const incoming = getAddress(await run.corpus.oz5.incoming.getAddress());
    const owner = accept.diff.contracts.find((c) => c.address === incoming)?.changes.find((c) => c.what === 'owner');
    expect(owner?.after).toBe(run.corpus.safe);
    expect(accept.findings.map((f) => f.code)).not.toContain('CONTROL_RENOUNCED');
  });

  it('an Ownable2Step transfer to a stranger is critical from what the simulation saw: the pending owner', async () => {
    for (const name of ['oz5-pending-owner-stranger', 'oz5-pending-owner-in-batch']) {
      const r = reviewOf(name);
      expect(r.worst, name).toBe('critical');
      expect(simulatedHandover(r, await run.corpus.oz5.treasury.getAddress()), name).toEqual({
        what: 'pending owner',
        before: ZeroAddress,
        after: run.corpus.stranger,
      });
    }
  });

  it('a Synthetix-style nominateNewOwner(stranger), a function no rule names, is critical from the nominatedOwner getter', async () => {
    expect(
      simulatedHandover(reviewOf('packed-staking-nominate-stranger'), await run.corpus.packed.stakingPool.getAddress()),
    ).toEqual({
      what: 'nominatedOwner',
      before: ZeroAddress,
      after: run.corpus.stranger,
    });
  });

  it("beginDefaultAdminTransfer(stranger) is critical from what the simulation saw too: the struct getter pendingDefaultAdmin()'s newAdmin", async () => {
    const r = reviewOf('oz4-default-admin-transfer-to-stranger');
    expect(r.worst).toBe('critical');
    expect(simulatedHandover(r, await run.corpus.oz4.adminRules.getAddress())).toEqual({
      what: 'pendingDefaultAdmin.newAdmin',
      before: ZeroAddress,
      after: run.corpus.stranger,
    });
  });

  it('a timelock delay raised by a scheduled call is at most medium; set to zero, scheduled or executed, it is critical', () => {
    expect(alarms(reviewOf('timelock-schedule-delay-raise'))).toEqual([]);
    for (const name of ['timelock-schedule-delay-zero', 'timelock-execute-delay-zero']) {
      const removed = reviewOf(name).findings.find((f) => f.code === 'TIMELOCK_DELAY_REMOVED');
      expect(removed?.severity, name).toBe('critical');
    }
    expect(reviewOf('timelock-execute-delay-zero').diff.delayChanges).toEqual([
      expect.objectContaining({ before: run.corpus.timelock.minDelay, after: 0n }),
    ]);
  });

  it('a scheduled updateDelay that lowers the delay is high, from getMinDelay() now, and said to be scheduled', () => {
    const lowered = reviewOf('timelock-schedule-delay-lower').findings.find((f) => f.code === 'TIMELOCK_DELAY_LOWERED');
    expect(lowered?.severity).toBe('high');
    expect(lowered?.evidence).toMatchObject({
      current: String(run.corpus.timelock.minDelay),
      next: String(24n * 3600n),
    });
    expect(lowered?.evidence['scheduledBy']).toMatch(/^Schedules on timelock/);
    expect(reviewOf('timelock-schedule-delay-lower').worst).toBe('high');
  });

  // SHORTEST_DELAY_TO_REACT (one hour) on both sides, by the calldata's rule (schedule) and the simulation's (execute).
  it('a delay set a second under the hour is removed (critical), scheduled or executed; set to the hour, it is lowered (high)', () => {
    for (const name of ['timelock-schedule-delay-under-an-hour', 'timelock-execute-delay-under-an-hour']) {
      const removed = reviewOf(name).findings.find((f) => f.code === 'TIMELOCK_DELAY_REMOVED');
      expect(removed?.severity, name).toBe('critical');
      expect(removed?.explanation, name).toMatch(/to 3599 s, under the 3600 s the guardians need/);
    }
    expect(reviewOf('timelock-execute-delay-under-an-hour').diff.delayChanges).toEqual([
      expect.objectContaining({ before: run.corpus.timelock.minDelay, after: 3599n }),
    ]);
    const atFloor = reviewOf('timelock-execute-delay-to-an-hour');
    expect(atFloor.diff.delayChanges).toEqual([
      expect.objectContaining({ before: run.corpus.timelock.minDelay, after: 3600n }),
    ]);
    expect(atFloor.worst).toBe('high');
    expect(atFloor.findings.map((f) => f.code)).toContain('TIMELOCK_DELAY_LOWERED');
    expect(atFloor.findings.map((f) => f.code)).not.toContain('TIMELOCK_DELAY_REMOVED');
  });

  it('PROPOSER_ROLE to a stranger, granted by the Safe or executed through the timelock, is critical', async () => {
    for (const name of ['timelock-proposer-to-stranger', 'timelock-execute-proposer-grant']) {
      const granted = reviewOf(name).findings.find(
        (f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS' && f.evidence['roleName'] === 'PROPOSER_ROLE',
      );
      expect(granted?.evidence, name).toMatchObject({
        contract: await run.corpus.timelock.timelock.getAddress(),
        account: run.corpus.stranger,
      });
    }
  });

  it('a fee packed beside the paused flag raises no alarm, and is read from the struct getter config()', async () => {
    const r = reviewOf('packed-staking-fee');
    expect(alarms(r)).toEqual([]);
    const pool = r.diff.contracts.find((c) => c.address === getAddress(run.corpus.packed.stakingPool.target as string));
    expect(pool?.changes).toEqual([{ what: 'config.feeBps', before: '30', after: '50' }]);
    expect(pool?.otherSlots).toEqual([]);
  });
});

describe('what the getters explain: no write left unattributed where a getter reads it', () => {
  const unexplained = (name: string) => reviewOf(name).findings.filter((f) => f.code === 'UNEXPLAINED_STORAGE_WRITE');

  it("an Aave freeze and pause: the Pool's reserve configuration, keyed by the asset the PoolConfigurator's events name", async () => {
    for (const name of ['aave-reserve-freeze', 'aave-reserve-unfreeze', 'aave-pool-pause'])
      expect(unexplained(name), name).toEqual([]);
    const pool = getAddress(await run.corpus.aave.pool.getAddress());
    const slots = reviewOf('aave-reserve-freeze').diff.contracts.find((c) => c.address === pool)?.otherSlots;
    expect(slots?.map((s) => s.variable)).toEqual([
      expect.stringContaining(`getConfiguration(${run.corpus.aave.asset}).data`),
    ]);
  });

  it('a role granted or revoked: its membership slot is read by hasRole(role, account), from the event', () => {
    for (const name of [
      'aave-emergency-admin-in-batch',
      'aave-default-admin-in-batch',
      'aave-safe-emergency-admin-removed-in-batch',
      'timelock-proposer-to-stranger',
      'timelock-execute-proposer-grant',
    ])
      expect(unexplained(name), name).toEqual([]);
  });

  it("an address packed beside other values is found by its value, not probed byte by byte past the console's limit", () => {
    for (const name of ['oz5-accept-ownership', 'packed-bridge-owner-in-batch'])
      expect(unexplained(name), name).toEqual([]);
  });
});

it("a bridge's depositsPaused and withdrawalsPaused going false → true read as pauses, not as other effects", () => {
  const r = reviewOf('packed-bridge-pause');
  expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['PROTOCOL_PAUSED', 'info']]);
  expect(r.findings[0]?.explanation).toMatch(/depositsPaused false → true.*withdrawalsPaused false → true/);
});
