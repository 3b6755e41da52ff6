import { id, Interface, ZeroHash } from 'ethers';
import { encodeMultiSend, type MultiSendCall } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { SHORTEST_DELAY_TO_REACT } from '../../electron/core/risk/timelockDelayChange.js';
import { corpusArtifact } from './corpusArtifacts.js';
import type { Corpus } from './deployCorpus.js';
import { aaveInterface } from './deployAave.js';
import { governorScenarios } from './governorScenarios.js';
import { optimismScenarios } from './optimismScenarios.js';
import { ozProxyScenarios } from './ozProxyScenarios.js';
import { PROPOSER_ROLE, type TimelockOperation } from './deployTimelock.js';
import { uniswapScenarios } from './uniswapScenarios.js';

/**
 * An honest emergency action must review with no critical and no high; a trap must be critical; a real change of
 * behaviour that is neither (an upgrade that changes what a getter answers) must be at least high.
 */
export type ScenarioKind = 'honest' | 'trap' | 'change';

export interface Scenario {
  name: string;
  kind: ScenarioKind;
  /** What the guardian is asked to sign, in a sentence. */
  summary: string;
  tx: SafeTx;
  /** Reviewed as with `--artifacts`: the protocol's compiled artifacts, with storage layouts. Most guardians have none. */
  artifacts?: boolean;
  /** The revert the simulation must show, for a trap the contract itself refuses: judged by what it asks all the same. */
  reverts?: RegExp;
}

const configurator = aaveInterface('PoolConfigurator');
const provider = aaveInterface('PoolAddressesProvider');
const acl = aaveInterface('ACLManager');
const ozVault = new Interface(corpusArtifact('OzVault').abi);
const proxyAdmin = new Interface(corpusArtifact('ProxyAdmin').abi);
const stakingPool = new Interface(corpusArtifact('PackedStakingPool').abi);
const bridge = new Interface(corpusArtifact('PackedBridge').abi);
const sweeper = new Interface(corpusArtifact('SafeSweeper').abi);
const treasury = new Interface(corpusArtifact('Oz5Treasury').abi);
const timelock = new Interface(corpusArtifact('TimelockController').abi);
const adminRules = new Interface(corpusArtifact('OzAdminRules').abi);
const DAY = 24n * 3600n;

/** Every scenario of the corpus, each a Safe transaction at the Safe's next nonce, as the queue would hold it. */
export async function corpusScenarios(corpus: Corpus): Promise<Scenario[]> {
  const [
    configuratorAt,
    providerAt,
    aclAt,
    vaultAt,
    proxyAdminAt,
    stakingAt,
    bridgeAt,
    treasuryAt,
    incomingAt,
    timelockAt,
    adminRulesAt,
  ] = (await Promise.all(
    [
      corpus.aave.configurator,
      corpus.aave.addressesProvider,
      corpus.aave.aclManager,
      corpus.oz4.vault,
      corpus.oz4.proxyAdmin,
      corpus.packed.stakingPool,
      corpus.packed.bridge,
      corpus.oz5.treasury,
      corpus.oz5.incoming,
      corpus.timelock.timelock,
      corpus.oz4.adminRules,
    ].map((c) => c.getAddress()),
  )) as [string, string, string, string, string, string, string, string, string, string, string];
  const { asset } = corpus.aave;
  const call = (to: string, data: string): MultiSendCall => ({ operation: 0, to, value: 0n, data });
  const tx = (fields: Partial<SafeTx> & Pick<SafeTx, 'to' | 'data'>): SafeTx =>
    createSafeTx({ chainId: corpus.chain.chainId, safe: corpus.safe, safeVersion: '1.4.1', nonce: 0n, ...fields });
  const batch = (calls: MultiSendCall[]): SafeTx =>
    tx({ to: corpus.safeContracts.multiSendCallOnly, data: encodeMultiSend(calls), operation: 1 });
  const poolPause = call(configuratorAt, configurator.encodeFunctionData('setPoolPause', [true]));
  const freeze = call(configuratorAt, configurator.encodeFunctionData('setReserveFreeze', [asset, true]));
  const vaultPause = call(vaultAt, ozVault.encodeFunctionData('pause'));
  const bridgePause = call(bridgeAt, bridge.encodeFunctionData('pause'));
  const treasuryPause = call(treasuryAt, treasury.encodeFunctionData('pause'));
  const schedule = (data: string, salt: string) =>
    call(
      timelockAt,
      timelock.encodeFunctionData('schedule', [timelockAt, 0n, data, ZeroHash, id(salt), corpus.timelock.minDelay]),
    );
  const execute = (op: TimelockOperation) =>
    call(timelockAt, timelock.encodeFunctionData('execute', [op.target, op.value, op.data, op.predecessor, op.salt]));
  return [
    { name: 'aave-pool-pause', kind: 'honest', summary: 'Aave PoolConfigurator.setPoolPause(true)', tx: tx(poolPause) },
    {
      name: 'aave-reserve-freeze',
      kind: 'honest',
      summary: 'Aave PoolConfigurator.setReserveFreeze(cUSD, true)',
      tx: tx(freeze),
    },
    {
      name: 'aave-pool-upgrade',
      kind: 'honest',
      summary: 'Aave PoolAddressesProvider.setPoolImpl(L2Pool, revision 3: same storage and getters)',
      tx: tx(call(providerAt, provider.encodeFunctionData('setPoolImpl', [corpus.aave.nextPoolImplementation]))),
    },
    {
      name: 'aave-pool-upgrade-max-reserves',
      kind: 'change',
      summary:
        'Aave PoolAddressesProvider.setPoolImpl(MockPoolInherited: MAX_NUMBER_RESERVES 128 -> 0 through the proxy)',
      tx: tx(call(providerAt, provider.encodeFunctionData('setPoolImpl', [corpus.aave.maxReservesPoolImplementation]))),
    },
    { name: 'oz4-pause', kind: 'honest', summary: 'OpenZeppelin 4.9 vault pause()', tx: tx(vaultPause) },
    {
      name: 'oz4-pause-with-artifacts',
      kind: 'honest',
      summary: 'OpenZeppelin 4.9 vault pause(), reviewed with --artifacts',
      tx: tx(vaultPause),
      artifacts: true,
    },
    {
      name: 'oz4-upgrade',
      kind: 'honest',
      summary: 'OpenZeppelin 4.9 ProxyAdmin.upgrade(vault, V2 same layout)',
      tx: tx(call(proxyAdminAt, proxyAdmin.encodeFunctionData('upgrade', [vaultAt, corpus.oz4.v2Implementation]))),
    },
    {
      name: 'packed-staking-pause',
      kind: 'honest',
      summary: 'staking pool setPaused(true): paused packed with token, time and fee',
      tx: tx(call(stakingAt, stakingPool.encodeFunctionData('setPaused', [true]))),
    },
    {
      name: 'packed-bridge-pause',
      kind: 'honest',
      summary: 'bridge pause(): switches packed with the owner',
      tx: tx(bridgePause),
    },
    {
      name: 'aave-emergency-admin-in-batch',
      kind: 'trap',
      summary: 'MultiSend: pool pause, reserve freeze, and ACLManager.addEmergencyAdmin(stranger)',
      tx: batch([poolPause, freeze, call(aclAt, acl.encodeFunctionData('addEmergencyAdmin', [corpus.stranger]))]),
    },
    {
      name: 'oz4-owner-in-batch',
      kind: 'trap',
      summary: 'MultiSend: vault pause() and transferOwnership(stranger)',
      tx: batch([vaultPause, call(vaultAt, ozVault.encodeFunctionData('transferOwnership', [corpus.stranger]))]),
    },
    {
      name: 'oz4-upgrade-shifted',
      kind: 'trap',
      summary: 'ProxyAdmin.upgrade(vault, V2 whose layout shifts the owner)',
      tx: tx(
        call(proxyAdminAt, proxyAdmin.encodeFunctionData('upgrade', [vaultAt, corpus.oz4.v2ShiftedImplementation])),
      ),
    },
    {
      name: 'oz4-upgrade-shifted-with-artifacts',
      kind: 'trap',
      summary: 'ProxyAdmin.upgrade(vault, V2 whose layout shifts the owner), reviewed with --artifacts',
      tx: tx(
        call(proxyAdminAt, proxyAdmin.encodeFunctionData('upgrade', [vaultAt, corpus.oz4.v2ShiftedImplementation])),
      ),
      artifacts: true,
    },
    {
      name: 'packed-bridge-owner-in-batch',
      kind: 'trap',
      summary: 'MultiSend: bridge pause() and transferOwnership(stranger)',
      tx: batch([bridgePause, call(bridgeAt, bridge.encodeFunctionData('transferOwnership', [corpus.stranger]))]),
    },
    {
      name: 'oz4-proxy-admin-to-stranger',
      kind: 'trap',
      summary: 'ProxyAdmin.changeProxyAdmin(vault, stranger): the upgrade right leaves the Safe',
      tx: tx(call(proxyAdminAt, proxyAdmin.encodeFunctionData('changeProxyAdmin', [vaultAt, corpus.stranger]))),
    },
    {
      name: 'aave-acl-admin-in-batch',
      kind: 'trap',
      summary: 'MultiSend: pool pause, and PoolAddressesProvider.setACLAdmin(stranger)',
      tx: batch([poolPause, call(providerAt, provider.encodeFunctionData('setACLAdmin', [corpus.stranger]))]),
    },
    {
      name: 'aave-default-admin-in-batch',
      kind: 'trap',
      summary: 'MultiSend: pool pause, and ACLManager.grantRole(DEFAULT_ADMIN_ROLE, stranger)',
      tx: batch([poolPause, call(aclAt, acl.encodeFunctionData('grantRole', [ZeroHash, corpus.stranger]))]),
    },
    {
      name: 'aave-provider-owner-in-batch',
      kind: 'trap',
      summary: 'MultiSend: reserve freeze, and PoolAddressesProvider.transferOwnership(stranger)',
      tx: batch([freeze, call(providerAt, provider.encodeFunctionData('transferOwnership', [corpus.stranger]))]),
    },
    {
      name: 'bybit-delegatecall',
      kind: 'trap',
      summary: "DELEGATECALL to an unknown contract's transfer(stranger, 0): rewrites the Safe's singleton",
      tx: tx({
        to: corpus.packed.sweeper,
        data: sweeper.encodeFunctionData('transfer', [corpus.stranger, 0n]),
        operation: 1,
      }),
    },
    // Widened with contracts and traps the rules were not written against (issue 12).
    {
      name: 'aave-reserve-unfreeze',
      kind: 'honest',
      summary: 'Aave PoolConfigurator.setReserveFreeze(fUSD, false): the incident is over',
      tx: tx(
        call(configuratorAt, configurator.encodeFunctionData('setReserveFreeze', [corpus.aave.frozenAsset, false])),
      ),
    },
    {
      name: 'aave-retired-emergency-admin-removed',
      kind: 'honest',
      summary: "ACLManager.removeEmergencyAdmin(a retired responder's key): a clean-up",
      tx: tx(call(aclAt, acl.encodeFunctionData('removeEmergencyAdmin', [corpus.aave.retiredEmergencyAdmin]))),
    },
    {
      name: 'aave-safe-emergency-admin-removed-in-batch',
      kind: 'change',
      summary: 'MultiSend: pool pause, and ACLManager.removeEmergencyAdmin(this Safe): it gives up its own pause power',
      tx: batch([poolPause, call(aclAt, acl.encodeFunctionData('removeEmergencyAdmin', [corpus.safe]))]),
    },
    {
      name: 'oz4-upgrade-to-eoa',
      kind: 'trap',
      summary: 'ProxyAdmin.upgrade(vault, an address with no code): a dead-end upgrade',
      tx: tx(call(proxyAdminAt, proxyAdmin.encodeFunctionData('upgrade', [vaultAt, corpus.stranger]))),
      reverts: /new implementation is not a contract/,
    },
    {
      name: 'oz4-renounce-ownership',
      kind: 'change',
      summary: 'OpenZeppelin 4.9 vault renounceOwnership(): no one can ever pause or configure it again',
      tx: tx(call(vaultAt, ozVault.encodeFunctionData('renounceOwnership'))),
    },
    { name: 'oz5-pause', kind: 'honest', summary: 'OpenZeppelin 5 treasury pause()', tx: tx(treasuryPause) },
    {
      name: 'oz5-accept-ownership',
      kind: 'honest',
      summary: 'OpenZeppelin 5 Ownable2Step acceptOwnership(): the Safe takes over a treasury handed to it',
      tx: tx(call(incomingAt, treasury.encodeFunctionData('acceptOwnership'))),
    },
    {
      name: 'oz5-pending-owner-stranger',
      kind: 'trap',
      summary: 'OpenZeppelin 5 Ownable2Step transferOwnership(stranger): the stranger alone can then accept',
      tx: tx(call(treasuryAt, treasury.encodeFunctionData('transferOwnership', [corpus.stranger]))),
    },
    {
      name: 'oz5-pending-owner-in-batch',
      kind: 'trap',
      summary: 'MultiSend: treasury pause(), and transferOwnership(stranger) (only a pending owner)',
      tx: batch([treasuryPause, call(treasuryAt, treasury.encodeFunctionData('transferOwnership', [corpus.stranger]))]),
    },
    {
      name: 'timelock-schedule-delay-raise',
      kind: 'honest',
      summary: 'OZ 4.9 TimelockController.schedule(updateDelay(3 days)) after the 2-day delay',
      tx: tx(schedule(timelock.encodeFunctionData('updateDelay', [3n * DAY]), 'raise')),
    },
    {
      name: 'timelock-schedule-delay-zero',
      kind: 'trap',
      summary: 'TimelockController.schedule(updateDelay(0)): the timelock will protect nothing',
      tx: tx(schedule(timelock.encodeFunctionData('updateDelay', [0n]), 'remove')),
    },
    {
      name: 'timelock-execute-delay-zero',
      kind: 'trap',
      summary: 'TimelockController.execute(updateDelay(0)), scheduled two days ago and ready',
      tx: tx(execute(corpus.timelock.readyDelayRemoval)),
    },
    {
      name: 'timelock-schedule-delay-lower',
      kind: 'change',
      summary: 'TimelockController.schedule(updateDelay(1 day)) under the 2-day delay: less time to cancel',
      tx: tx(schedule(timelock.encodeFunctionData('updateDelay', [DAY]), 'lower')),
    },
    {
      name: 'timelock-schedule-delay-under-an-hour',
      kind: 'trap',
      summary: 'TimelockController.schedule(updateDelay(59 min 59 s)): too short for any guardian to react',
      tx: tx(schedule(timelock.encodeFunctionData('updateDelay', [SHORTEST_DELAY_TO_REACT - 1n]), 'under')),
    },
    {
      name: 'timelock-execute-delay-under-an-hour',
      kind: 'trap',
      summary: 'TimelockController.execute(updateDelay(59 min 59 s)), scheduled two days ago and ready',
      tx: tx(execute(corpus.timelock.readyDelayUnderFloor)),
    },
    {
      name: 'timelock-execute-delay-to-an-hour',
      kind: 'change',
      summary: 'TimelockController.execute(updateDelay(1 hour)), scheduled two days ago and ready: lowered, not gone',
      tx: tx(execute(corpus.timelock.readyDelayAtFloor)),
    },
    {
      name: 'timelock-proposer-to-stranger',
      kind: 'trap',
      summary: 'TimelockController.grantRole(PROPOSER_ROLE, stranger), by the Safe as an admin of its roles',
      tx: tx(call(timelockAt, timelock.encodeFunctionData('grantRole', [PROPOSER_ROLE, corpus.stranger]))),
    },
    {
      name: 'timelock-execute-proposer-grant',
      kind: 'trap',
      summary: 'TimelockController.execute(grantRole(PROPOSER_ROLE, stranger)), scheduled and ready',
      tx: tx(execute(corpus.timelock.readyProposerGrant)),
    },
    {
      name: 'oz4-default-admin-transfer-to-stranger',
      kind: 'trap',
      summary:
        'AccessControlDefaultAdminRules.beginDefaultAdminTransfer(stranger): a day later, the stranger alone accepts',
      tx: tx(call(adminRulesAt, adminRules.encodeFunctionData('beginDefaultAdminTransfer', [corpus.stranger]))),
    },
    {
      name: 'packed-staking-fee',
      kind: 'honest',
      summary: 'staking pool setFeeBps(50): the fee is packed with the paused flag and the token',
      tx: tx(call(stakingAt, stakingPool.encodeFunctionData('setFeeBps', [50]))),
    },
    {
      name: 'packed-staking-nominate-stranger',
      kind: 'trap',
      summary: 'staking pool nominateNewOwner(stranger) (Synthetix Owned): the stranger alone can then accept',
      tx: tx(call(stakingAt, stakingPool.encodeFunctionData('nominateNewOwner', [corpus.stranger]))),
    },
    ...(await uniswapScenarios(corpus)),
    ...(await optimismScenarios(corpus)),
    ...(await governorScenarios(corpus)),
    ...(await ozProxyScenarios(corpus)),
  ];
}
