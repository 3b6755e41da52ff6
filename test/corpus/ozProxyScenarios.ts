import { Interface } from 'ethers';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { corpusArtifact } from './corpusArtifacts.js';
import type { Scenario } from './corpusScenarios.js';
import type { Corpus } from './deployCorpus.js';
import { ADMIN_ROLE, GUARDIAN_ROLE, PUBLIC_ROLE } from './deployAccessManager.js';

const beacon = new Interface(corpusArtifact('UpgradeableBeacon').abi);
const uups = new Interface(corpusArtifact('UupsVault').abi);
const manager = new Interface(corpusArtifact('AccessManager').abi);
const managed = new Interface(corpusArtifact('ManagedVault').abi);

/**
 * Proxy and permission shapes the rules were not written against: OpenZeppelin 4.9's UpgradeableBeacon with two
 * BeaconProxy vaults behind it, its UUPS proxy (upgradeTo on the proxy, run by the implementation), and
 * OpenZeppelin 5's AccessManager, where every permission of a target lives in another contract.
 */
export async function ozProxyScenarios(corpus: Corpus): Promise<Scenario[]> {
  const { beacons, uups: uupsVault, accessManager } = corpus;
  const [beaconAt, uupsAt, managerAt, vaultAt, reserveAt] = (await Promise.all(
    [beacons.beacon, uupsVault.vault, accessManager.manager, accessManager.vault, accessManager.reserve].map((c) =>
      c.getAddress(),
    ),
  )) as [string, string, string, string, string];
  const tx = (to: string, data: string): SafeTx =>
    createSafeTx({ chainId: corpus.chain.chainId, safe: corpus.safe, safeVersion: '1.4.1', nonce: 0n, to, data });
  const toManager = (fn: string, args: unknown[]) => tx(managerAt, manager.encodeFunctionData(fn, args));
  const selector = (fn: string) => managed.getFunction(fn)!.selector;
  return [
    {
      name: 'beacon-upgrade',
      kind: 'honest',
      summary: 'OZ 4.9 UpgradeableBeacon.upgradeTo(V2 same layout): both vaults behind it upgraded at once',
      tx: tx(beaconAt, beacon.encodeFunctionData('upgradeTo', [beacons.v2Implementation])),
    },
    {
      name: 'beacon-upgrade-shifted',
      kind: 'trap',
      summary: 'UpgradeableBeacon.upgradeTo(V2 whose layout shifts the owner of every vault behind it)',
      tx: tx(beaconAt, beacon.encodeFunctionData('upgradeTo', [beacons.v2ShiftedImplementation])),
    },
    {
      name: 'beacon-owner-to-stranger',
      kind: 'trap',
      summary: 'UpgradeableBeacon.transferOwnership(stranger): the stranger may then upgrade every vault behind it',
      tx: tx(beaconAt, beacon.encodeFunctionData('transferOwnership', [corpus.stranger])),
    },
    {
      name: 'uups-upgrade',
      kind: 'honest',
      summary: 'OZ 4.9 UUPS vault upgradeTo(V2 same layout, still UUPS)',
      tx: tx(uupsAt, uups.encodeFunctionData('upgradeTo', [uupsVault.v2Implementation])),
    },
    {
      name: 'uups-upgrade-not-uups',
      kind: 'trap',
      summary: 'UUPS vault upgradeTo(an implementation without proxiableUUID): no upgrade could ever follow',
      tx: tx(uupsAt, uups.encodeFunctionData('upgradeTo', [beacons.v2Implementation])),
      reverts: /new implementation is not UUPS/,
    },
    {
      name: 'uups-upgrade-to-eoa',
      kind: 'trap',
      summary: 'UUPS vault upgradeTo(an address with no code): a dead-end upgrade',
      tx: tx(uupsAt, uups.encodeFunctionData('upgradeTo', [corpus.stranger])),
      reverts: /inside: reverted without a reason/,
    },
    {
      name: 'manager-target-pause',
      kind: 'honest',
      summary: "OZ 5 AccessManaged vault pause(), allowed by the manager's GUARDIAN role the Safe holds",
      tx: tx(vaultAt, managed.encodeFunctionData('pause')),
    },
    {
      name: 'manager-execute-pause',
      kind: 'honest',
      summary: 'AccessManager.execute(vault, pause()): the same pause relayed by the manager',
      tx: toManager('execute', [vaultAt, managed.encodeFunctionData('pause')]),
    },
    {
      name: 'manager-close-target',
      kind: 'honest',
      summary: 'AccessManager.setTargetClosed(vault, true): an emergency stop of every restricted function',
      tx: toManager('setTargetClosed', [vaultAt, true]),
    },
    {
      name: 'manager-admin-to-stranger',
      kind: 'trap',
      summary: 'AccessManager.grantRole(ADMIN_ROLE, stranger, 0): the stranger controls every permission',
      tx: toManager('grantRole', [ADMIN_ROLE, corpus.stranger, 0]),
    },
    {
      name: 'manager-withdraw-public',
      kind: 'trap',
      summary: 'AccessManager.setTargetFunctionRole(vault, [withdraw], PUBLIC_ROLE): anyone may drain the vault',
      tx: toManager('setTargetFunctionRole', [vaultAt, [selector('withdraw')], PUBLIC_ROLE]),
    },
    {
      name: 'manager-guardian-to-stranger',
      kind: 'change',
      summary: 'AccessManager.grantRole(GUARDIAN, stranger, 0): a stranger may pause, after the one-day grant delay',
      tx: toManager('grantRole', [GUARDIAN_ROLE, corpus.stranger, 0]),
    },
    {
      name: 'manager-grant-delay-removed',
      kind: 'trap',
      summary: 'AccessManager.setGrantDelay(GUARDIAN, 0): the next GUARDIAN grant takes effect at once',
      tx: toManager('setGrantDelay', [GUARDIAN_ROLE, 0]),
    },
    {
      name: 'manager-admin-delay-removed',
      kind: 'trap',
      summary: "AccessManager.setTargetAdminDelay(reserve, 0): the reserve's permissions may change with no wait",
      tx: toManager('setTargetAdminDelay', [reserveAt, 0]),
    },
  ];
}
