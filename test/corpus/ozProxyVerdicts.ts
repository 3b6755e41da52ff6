import { getAddress, Interface, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ERC1967_IMPLEMENTATION_SLOT } from '../protocol/deployProtocol.js';
import { corpusArtifact } from './corpusArtifacts.js';
import { alarms, reviewOf, run } from './corpusRun.js';
import { ADMIN_ROLE, GUARDIAN_GRANT_DELAY, GUARDIAN_ROLE, RESERVE_ADMIN_DELAY } from './deployAccessManager.js';

const ERC1967_BEACON_SLOT = '0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50';
const at = (c: { target: unknown }) => getAddress(c.target as string);
const codes = (name: string) => reviewOf(name).findings.map((f) => f.code);
const found = (name: string, code: string) => reviewOf(name).findings.find((f) => f.code === code);

/** OpenZeppelin 4.9's beacon and UUPS proxies and OpenZeppelin 5's AccessManager, in the corpus's one run. */
export function describeOzProxyVerdicts(): void {
  describe("OpenZeppelin 4.9's UpgradeableBeacon and UUPS proxies, compiled from the 4.9 package", () => {
    it('two BeaconProxy vaults run BeaconVault through one beacon; the Safe owns the beacon and both vaults', async () => {
      const { beacon, proxies, implementation } = run.corpus.beacons;
      expect(await beacon.getFunction('owner')()).toBe(run.corpus.safe);
      expect(await beacon.getFunction('implementation')()).toBe(implementation);
      for (const proxy of proxies) {
        expect(await proxy.getFunction('owner')()).toBe(run.corpus.safe);
        expect(await proxy.getFunction('version')()).toBe(1n);
        const slot = await run.corpus.chain.provider.getStorage(at(proxy), ERC1967_BEACON_SLOT);
        expect(getAddress(`0x${slot.slice(26)}`)).toBe(at(beacon));
      }
    });

    it('the UUPS vault runs UupsVault behind an ERC1967Proxy, owned by the Safe', async () => {
      const { vault, implementation } = run.corpus.uups;
      expect(await vault.getFunction('owner')()).toBe(run.corpus.safe);
      expect(await run.corpus.chain.provider.getStorage(at(vault), ERC1967_IMPLEMENTATION_SLOT)).toBe(
        zeroPadValue(implementation, 32).toLowerCase(),
      );
    });

    it('the shifted V2 really loses the owner through every proxy behind the beacon, and the honest V2 keeps it', async () => {
      const { beacon, proxies, v2Implementation, v2ShiftedImplementation } = run.corpus.beacons;
      // UpgradeableBeacon 4.9: Ownable's _owner at slot 0, _implementation at slot 1.
      const ownerBehind = async (proxy: string, implementation: string) => {
        const answer = (await run.corpus.chain.provider.send('eth_call', [
          { to: proxy, data: new Interface(corpusArtifact('BeaconVault').abi).encodeFunctionData('owner') },
          'latest',
          { [at(beacon)]: { stateDiff: { [zeroPadValue('0x01', 32)]: zeroPadValue(implementation, 32) } } },
        ])) as string;
        return getAddress(`0x${answer.slice(26)}`);
      };
      for (const proxy of proxies) {
        expect(await ownerBehind(at(proxy), v2Implementation)).toBe(run.corpus.safe);
        expect(await ownerBehind(at(proxy), v2ShiftedImplementation)).not.toBe(run.corpus.safe);
      }
    });

    it('a beacon upgrade is medium, never info, and names every proxy behind it the console knows', () => {
      const r = reviewOf('beacon-upgrade');
      expect(alarms(r)).toEqual([]);
      const upgrade = found('beacon-upgrade', 'IMPLEMENTATION_CHANGED');
      expect(upgrade?.severity).toBe('medium');
      expect(upgrade?.evidence['proxies']).toEqual(run.corpus.beacons.proxies.map(at));
      expect(upgrade?.explanation).toMatch(
        /It is a beacon: every proxy behind it runs the new code at once, ETH market vault \(0x[0-9a-fA-F]{40}\), stETH market vault \(0x[0-9a-fA-F]{40}\) among the contracts the console knows/,
      );
      expect(r.diff.layoutClashes).toEqual([]);
    });

    // Was a miss: IMPLEMENTATION_CHANGED medium only. The beacon's own getters do not move; the proxies' owner() does.
    it("a beacon upgrade that shifts the owner is critical from the proxies' own getters, in each of them", () => {
      const r = reviewOf('beacon-upgrade-shifted');
      expect(r.worst).toBe('critical');
      const clashes = r.diff.layoutClashes.filter((c) => c.getter === 'owner');
      expect(clashes.map((c) => c.contract)).toEqual(run.corpus.beacons.proxies.map(at));
      for (const clash of clashes) expect(clash).toMatchObject({ oldCodeReads: run.corpus.safe, control: true });
      expect(codes('beacon-upgrade-shifted')).toContain('CONTROL_LAYOUT_CLASH');
    });

    it('the beacon handed to a stranger is critical from what the simulation saw: its owner', () => {
      const handover = found('beacon-owner-to-stranger', 'CONTROL_TO_UNKNOWN_ADDRESS');
      expect(handover?.severity).toBe('critical');
      expect(handover?.evidence).toMatchObject({
        contract: at(run.corpus.beacons.beacon),
        what: 'owner',
        after: run.corpus.stranger,
      });
    });

    it('a UUPS upgradeTo to a V2 that is still UUPS is medium; to a non-UUPS contract or an EOA, critical though 4.9 refuses both', () => {
      expect(alarms(reviewOf('uups-upgrade'))).toEqual([]);
      expect(found('uups-upgrade', 'IMPLEMENTATION_CHANGED')?.severity).toBe('medium');
      expect(found('uups-upgrade-not-uups', 'IMPLEMENTATION_NOT_UPGRADEABLE')?.evidence).toMatchObject({
        implementation: run.corpus.beacons.v2Implementation,
      });
      expect(found('uups-upgrade-to-eoa', 'IMPLEMENTATION_WITHOUT_CODE')?.evidence).toMatchObject({
        implementation: run.corpus.stranger,
      });
    });
  });

  describe("OpenZeppelin 5's AccessManager, the Safe its admin and GUARDIAN", () => {
    it('the Safe holds ADMIN_ROLE and GUARDIAN, the deployer nothing; pause() is GUARDIAN, withdraw() ADMIN_ROLE; both delays in force', async () => {
      const { manager, vault, reserve } = run.corpus.accessManager;
      const has = async (role: bigint, account: string) =>
        ((await manager.getFunction('hasRole')(role, account)) as [boolean])[0];
      expect([await has(ADMIN_ROLE, run.corpus.safe), await has(GUARDIAN_ROLE, run.corpus.safe)]).toEqual([true, true]);
      expect(await has(ADMIN_ROLE, run.corpus.accessManager.deployer)).toBe(false);
      const selector = (fn: string) => vault.interface.getFunction(fn)!.selector;
      expect(await manager.getFunction('getTargetFunctionRole')(at(vault), selector('pause'))).toBe(GUARDIAN_ROLE);
      expect(await manager.getFunction('getTargetFunctionRole')(at(vault), selector('withdraw'))).toBe(ADMIN_ROLE);
      expect(await manager.getFunction('getRoleGrantDelay')(GUARDIAN_ROLE)).toBe(GUARDIAN_GRANT_DELAY);
      expect(await manager.getFunction('getTargetAdminDelay')(at(reserve))).toBe(RESERVE_ADMIN_DELAY);
    });

    it("the target's pause(), directly or relayed by execute(), and setTargetClosed(true) raise no alarm and are said to pause", () => {
      const { vault, manager } = run.corpus.accessManager;
      for (const name of ['manager-target-pause', 'manager-execute-pause', 'manager-close-target']) {
        expect(alarms(reviewOf(name)), name).toEqual([]);
        expect(codes(name), name).toEqual(['PROTOCOL_PAUSED']);
      }
      const relayed = reviewOf('manager-execute-pause').decoded.actions[0]!;
      expect(relayed.children.map((c) => [c.signature, c.to])).toEqual([['pause()', at(vault)]]);
      expect(relayed.class).toBe('relay');
      const closed = reviewOf('manager-close-target');
      expect(closed.decoded.summary).toMatch(
        /^Closes Managed vault \(.*\) through AccessManager .*: every restricted function of it refuses every caller/,
      );
      expect(found('manager-close-target', 'PROTOCOL_PAUSED')?.evidence).toMatchObject({
        contract: at(manager),
        what: `isTargetClosed(${at(vault)})`,
        before: 'false',
        after: 'true',
      });
    });

    // Was a crash before: AccessManager's RoleGranted carries roleId (uint64), not role, and the review threw.
    it('ADMIN_ROLE granted to a stranger is critical, named as AccessManager names it, its slot read by hasRole(0, stranger)', () => {
      const handover = found('manager-admin-to-stranger', 'CONTROL_TO_UNKNOWN_ADDRESS');
      expect(handover?.severity).toBe('critical');
      expect(handover?.evidence).toMatchObject({
        contract: at(run.corpus.accessManager.manager),
        roleName: 'ADMIN_ROLE',
        account: run.corpus.stranger,
        granted: true,
      });
      expect(codes('manager-admin-to-stranger')).not.toContain('UNEXPLAINED_STORAGE_WRITE');
    });

    it('GUARDIAN granted to a stranger is at least high, though it takes effect only after the grant delay', () => {
      const r = reviewOf('manager-guardian-to-stranger');
      expect(['high', 'critical']).toContain(r.worst);
      expect(found('manager-guardian-to-stranger', 'CONTROL_TO_UNKNOWN_ADDRESS')?.evidence).toMatchObject({
        roleName: `role ${GUARDIAN_ROLE}`,
        account: run.corpus.stranger,
      });
    });

    it("withdraw() opened to PUBLIC_ROLE is critical: the permission is a control value, whatever the function's name", () => {
      const opened = found('manager-withdraw-public', 'PERMISSION_OPENED_TO_EVERYONE');
      expect(opened?.severity).toBe('critical');
      expect(opened?.evidence).toMatchObject({
        target: at(run.corpus.accessManager.vault),
        selectors: [run.corpus.accessManager.vault.interface.getFunction('withdraw')!.selector],
      });
    });

    it('a grant delay or a target admin delay set to zero is a delay removed, critical, as a timelock delay is', () => {
      const grant = found('manager-grant-delay-removed', 'TIMELOCK_DELAY_REMOVED');
      expect(grant?.severity).toBe('critical');
      expect(grant?.explanation).toMatch(
        /The grant delay of role 1 goes to none: whatever is proposed after it runs at once/,
      );
      const admin = found('manager-admin-delay-removed', 'TIMELOCK_DELAY_REMOVED');
      expect(admin?.severity).toBe('critical');
      expect(admin?.explanation).toMatch(/The admin delay of Managed reserve \(.*\) goes to none/);
    });
  });
}
