import { Contract, getAddress, Interface, type InterfaceAbi, type Signer, ZeroHash, id } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import type { TestChain } from '../chain/testChain.js';
import { SHORTEST_DELAY_TO_REACT } from '../../electron/core/risk/timelockDelayChange.js';
import { corpusArtifact } from './corpusArtifacts.js';

/** A timelock operation as schedule and execute take it: one call, no predecessor. */
export interface TimelockOperation {
  target: string;
  value: bigint;
  data: string;
  predecessor: string;
  salt: string;
}

export interface OzTimelock {
  /** OpenZeppelin 4.9's TimelockController: the Safe its only proposer and executor, and an admin of its roles. */
  timelock: Contract;
  minDelay: bigint;
  /** Scheduled before the review and ready now: updateDelay(0). */
  readyDelayRemoval: TimelockOperation;
  /** Scheduled before the review and ready now: grantRole(PROPOSER_ROLE, stranger). */
  readyProposerGrant: TimelockOperation;
  /** Scheduled before the review and ready now: updateDelay a second under SHORTEST_DELAY_TO_REACT, and at it. */
  readyDelayUnderFloor: TimelockOperation;
  readyDelayAtFloor: TimelockOperation;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

export const TIMELOCK_MIN_DELAY = 2n * 24n * 3600n;
export const PROPOSER_ROLE = id('PROPOSER_ROLE');

/**
 * The timelock, with four operations a proposer key scheduled two days ago and now ready: what an executor is
 * asked to run. `signer` deploys it as a proposer, schedules them, and renounces every role it held, so the
 * Safe is left the only proposer and executor; the chain's clock is moved past the delay.
 */
export async function deployTimelock(
  chain: TestChain,
  signer: Signer,
  options: { safe: string; stranger: string },
): Promise<OzTimelock> {
  const safe = getAddress(options.safe);
  const me = await signer.getAddress();
  const artifact = corpusArtifact('TimelockController');
  const abi = new Interface(artifact.abi);
  const [timelock] = (await deployInOrder(signer, [
    { ...artifact, args: [TIMELOCK_MIN_DELAY, [safe, me], [safe], me] },
  ])) as [Contract];
  const at = await timelock.getAddress();
  const operation = (data: string, salt: string): TimelockOperation => ({
    target: at,
    value: 0n,
    data,
    predecessor: ZeroHash,
    salt: id(salt),
  });
  const readyDelayRemoval = operation(abi.encodeFunctionData('updateDelay', [0n]), 'delay removal');
  const readyProposerGrant = operation(
    abi.encodeFunctionData('grantRole', [PROPOSER_ROLE, getAddress(options.stranger)]),
    'proposer grant',
  );
  const readyDelayUnderFloor = operation(
    abi.encodeFunctionData('updateDelay', [SHORTEST_DELAY_TO_REACT - 1n]),
    'delay under the floor',
  );
  const readyDelayAtFloor = operation(
    abi.encodeFunctionData('updateDelay', [SHORTEST_DELAY_TO_REACT]),
    'delay at the floor',
  );
  const send = async (fn: string, ...args: unknown[]) => (await timelock.getFunction(fn)(...args)).wait();
  for (const op of [readyDelayRemoval, readyProposerGrant, readyDelayUnderFloor, readyDelayAtFloor])
    await send('schedule', op.target, op.value, op.data, op.predecessor, op.salt, TIMELOCK_MIN_DELAY);
  const adminRole = await timelock.getFunction('TIMELOCK_ADMIN_ROLE')();
  await send('grantRole', adminRole, safe);
  for (const role of [PROPOSER_ROLE, id('CANCELLER_ROLE'), adminRole]) await send('renounceRole', role, me);
  await chain.provider.send('evm_increaseTime', [Number(TIMELOCK_MIN_DELAY) + 60]);
  await chain.provider.send('evm_mine', []);
  return {
    timelock,
    minDelay: TIMELOCK_MIN_DELAY,
    readyDelayRemoval,
    readyProposerGrant,
    readyDelayUnderFloor,
    readyDelayAtFloor,
    abis: [{ address: at, name: 'OZ 4.9 TimelockController', abi: artifact.abi }],
  };
}
