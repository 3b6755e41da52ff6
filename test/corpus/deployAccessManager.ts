import { Contract, getAddress, Interface, parseEther, type InterfaceAbi, type Signer } from 'ethers';
import type { TestChain } from '../chain/testChain.js';
import { deployInOrder } from '../chain/deployInOrder.js';
import { corpusArtifact } from './corpusArtifacts.js';

/** AccessManager's own roles: ADMIN_ROLE is 0, PUBLIC_ROLE (everyone) the largest uint64. */
export const ADMIN_ROLE = 0n;
export const PUBLIC_ROLE = 2n ** 64n - 1n;
/** The role this deployment labels GUARDIAN: allowed to pause and unpause the managed vaults. */
export const GUARDIAN_ROLE = 1n;
export const GUARDIAN_GRANT_DELAY = 24n * 3600n;
export const RESERVE_ADMIN_DELAY = 2n * 24n * 3600n;

export interface OzAccessManager {
  /** OpenZeppelin 5's AccessManager: the Safe holds ADMIN_ROLE and GUARDIAN, the deployer nothing. */
  manager: Contract;
  /** A ManagedVault whose pause() and unpause() are GUARDIAN's, its withdraw() left to ADMIN_ROLE; ether in it. */
  vault: Contract;
  /** Another, whose configuration by the admin waits RESERVE_ADMIN_DELAY (setTargetAdminDelay). */
  reserve: Contract;
  /** Who set it up, and renounced ADMIN_ROLE after. */
  deployer: string;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

/**
 * An AccessManager set up as its deployer would, then handed to the Safe: GUARDIAN labelled, granted to the Safe
 * and given a one-day grant delay, the reserve a two-day admin delay. Every delay change waits the manager's
 * minSetback (5 days), so the chain's clock is moved past it: both delays are in force when the scenarios run.
 */
export async function deployAccessManager(
  chain: TestChain,
  signer: Signer,
  options: { safe: string },
): Promise<OzAccessManager> {
  const safe = getAddress(options.safe);
  const me = await signer.getAddress();
  const [manager] = (await deployInOrder(signer, [{ ...corpusArtifact('AccessManager'), args: [me] }])) as [Contract];
  const managerAt = await manager.getAddress();
  const managed = corpusArtifact('ManagedVault');
  const [vault, reserve] = (await deployInOrder(signer, [
    { ...managed, args: [managerAt] },
    { ...managed, args: [managerAt] },
  ])) as [Contract, Contract];
  const [vaultAt, reserveAt] = await Promise.all([vault.getAddress(), reserve.getAddress()]);
  const vaultAbi = new Interface(managed.abi);
  const pausing = ['pause', 'unpause'].map((fn) => vaultAbi.getFunction(fn)!.selector);
  const setUp: Array<[string, unknown[]]> = [
    ['labelRole', [GUARDIAN_ROLE, 'GUARDIAN']],
    ['setTargetFunctionRole', [vaultAt, pausing, GUARDIAN_ROLE]],
    ['setTargetFunctionRole', [reserveAt, pausing, GUARDIAN_ROLE]],
    ['grantRole', [GUARDIAN_ROLE, safe, 0]],
    ['grantRole', [ADMIN_ROLE, safe, 0]],
    ['setGrantDelay', [GUARDIAN_ROLE, GUARDIAN_GRANT_DELAY]],
    ['setTargetAdminDelay', [reserveAt, RESERVE_ADMIN_DELAY]],
  ];
  for (const [fn, args] of setUp) await (await manager.getFunction(fn)(...args)).wait();
  await (await vault.getFunction('deposit')({ value: parseEther('5') })).wait();
  await (await manager.getFunction('renounceRole')(ADMIN_ROLE, me)).wait();
  const minSetback = (await manager.getFunction('minSetback')()) as bigint;
  await chain.provider.send('evm_increaseTime', [Number(minSetback) + 60]);
  await chain.provider.send('evm_mine', []);
  return {
    manager,
    vault,
    reserve,
    deployer: me,
    abis: [
      { address: managerAt, name: 'AccessManager', abi: corpusArtifact('AccessManager').abi },
      { address: vaultAt, name: 'Managed vault', abi: managed.abi },
      { address: reserveAt, name: 'Managed reserve', abi: managed.abi },
    ],
  };
}
