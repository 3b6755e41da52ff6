import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  AbiCoder,
  Contract,
  getAddress,
  getCreateAddress,
  id,
  type InterfaceAbi,
  Interface,
  keccak256,
  parseEther,
  type Signer,
  toBeHex,
  Wallet,
  ZeroAddress,
  ZeroHash,
} from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import type { TestChain } from '../chain/testChain.js';
import { corpusArtifact } from './corpusArtifacts.js';
import type { TimelockOperation } from './deployTimelock.js';
import { compoundTimelockArtifact, uniswapFactoryArtifact } from './deployUniswap.js';

const require = createRequire(import.meta.url);

/** @uniswap/governance's solc 0.5.16 build, every contract in one file: the bytecode Uniswap deployed in 2020. */
function combined(name: 'GovernorAlpha' | 'Uni'): { abi: InterfaceAbi; bytecode: string } {
  const build = JSON.parse(readFileSync(require.resolve('@uniswap/governance/build/Combined-Json.json'), 'utf8')) as {
    contracts: Record<string, { abi: string | InterfaceAbi; bin: string }>;
  };
  const contract = build.contracts[`contracts/${name}.sol:${name}`]!;
  const abi = typeof contract.abi === 'string' ? (JSON.parse(contract.abi) as InterfaceAbi) : contract.abi;
  return { abi, bytecode: `0x${contract.bin}` };
}

export const governorAlphaArtifact = () => combined('GovernorAlpha');
export const uniArtifact = () => combined('Uni');

/** A GovernorAlpha proposal's actions, as propose takes them and getActions returns them. */
export interface ProposalActions {
  targets: string[];
  values: bigint[];
  signatures: string[];
  calldatas: string[];
}

export interface UniswapGovernor {
  /** UNI: the Safe holds 50M, delegated to itself, over the 40M quorum and the 10M proposal threshold. */
  uni: Contract;
  /** Uniswap's GovernorAlpha, administering its own Compound-style Timelock. */
  governor: Contract;
  /** Uniswap governance's Timelock, admin = the governor from its construction (its address precomputed). */
  timelock: Contract;
  /** A UniswapV3Factory owned by the governor's timelock: what the proposals configure. */
  factory: Contract;
  /** Voting open, the Safe has not voted: enableFeeAmount(600, 12). */
  activeFee: bigint;
  /** Voting open, the Safe has not voted: the timelock's own setPendingAdmin(stranger). What a vote for it helps pass. */
  activePendingAdmin: bigint;
  /** Passed, not queued: enableFeeAmount(200, 4). */
  succeededFee: bigint;
  /** Passed, queued, its eta passed: enableFeeAmount(400, 8). */
  readyFee: bigint;
  /** Passed (the Safe voted for it unread), queued, its eta passed: the timelock's own setPendingAdmin(stranger). */
  readyPendingAdmin: bigint;
  /** Passed, not queued: the factory's setOwner(stranger). What queue(id) hands the timelock without a word of it. */
  succeededOwnerHandover: bigint;
  /** What each proposal above runs, by id. */
  actions: Map<bigint, ProposalActions>;
  /**
   * OpenZeppelin 4.9's TimelockController as a security council meets it: a governance key proposes, anyone
   * executes, and the Safe holds CANCELLER_ROLE only.
   */
  council: Contract;
  /** Scheduled by the governance key and pending: grantRole(PROPOSER_ROLE, stranger) on the council's timelock. */
  pendingProposerGrant: TimelockOperation & { id: string };
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const DAY = 24n * 3600n;
/** Timelock's MINIMUM_DELAY: what Uniswap's governance timelock runs with. */
export const GOVERNOR_TIMELOCK_DELAY = 2n * DAY;
export const CANCELLER_ROLE = id('CANCELLER_ROLE');
const PROPOSER_ROLE = id('PROPOSER_ROLE');
const coder = AbiCoder.defaultAbiCoder();
const UNI = (n: bigint) => parseEther(String(n));

/** GovernorAlpha's storage: timelock, uni, proposalCount, then the proposals mapping (slot 3). */
const PROPOSALS_SLOT = 3n;
/** Proposal's fields before endBlock: id, proposer, eta, targets, values, signatures, calldatas, startBlock. */
const END_BLOCK_FIELD = 8n;

/**
 * Uniswap's GovernorAlpha and UNI from their published bytecode, governing a Compound-style Timelock, and an
 * OpenZeppelin TimelockController in which the Safe is a canceller. Five proposals, each from its own delegate
 * (GovernorAlpha allows one live proposal per proposer), voted through by the Safe's 50M UNI: two queued and
 * ready, two passed, one open. Moves the chain's clock two days on, well inside the Uniswap timelock's grace
 * period for what deployUniswap queued.
 */
export async function deployGovernor(
  chain: TestChain,
  signer: Signer,
  options: { safe: string; stranger: string },
): Promise<UniswapGovernor> {
  const safe = getAddress(options.safe);
  const stranger = getAddress(options.stranger);
  const me = await signer.getAddress();
  const now = BigInt((await chain.provider.getBlock('latest'))!.timestamp);
  const nonce = await signer.getNonce('pending');
  // The timelock is built with its admin already the governor: the address the governor will be deployed at.
  const [uniAt, timelockAt, governorAt] = [0, 1, 2].map((n) => getCreateAddress({ from: me, nonce: nonce + n })) as [
    string,
    string,
    string,
  ];
  const governorArtifact = governorAlphaArtifact();
  const factoryArtifact = uniswapFactoryArtifact();
  const councilArtifact = corpusArtifact('TimelockController');
  const [uni, timelock, governor, factory, council] = (await deployInOrder(signer, [
    { ...uniArtifact(), args: [me, me, now + 365n * DAY] },
    { ...compoundTimelockArtifact(), args: [governorAt, GOVERNOR_TIMELOCK_DELAY] },
    { ...governorArtifact, args: [timelockAt, uniAt] },
    factoryArtifact,
    { ...councilArtifact, args: [GOVERNOR_TIMELOCK_DELAY, [], [ZeroAddress], me] },
  ])) as [Contract, Contract, Contract, Contract, Contract];
  const [factoryAt, councilAt] = await Promise.all([factory.getAddress(), council.getAddress()]);
  const send = async (contract: Contract, fn: string, ...args: unknown[]) =>
    (await contract.getFunction(fn)(...args)).wait();
  await send(factory, 'setOwner', timelockAt);

  const [activeKey, succeededKey, readyKey, handoverKey, ownerKey, councilKey, activeHandoverKey] = (await Promise.all(
    ['active', 'succeeded', 'ready', 'handover', 'owner', 'council', 'active handover'].map(async (name) => {
      const key = new Wallet(id(`a UNI delegate: ${name}`), chain.provider);
      await chain.provider.send('anvil_setBalance', [key.address, toBeHex(10n ** 18n)]);
      return key;
    }),
  )) as [Wallet, Wallet, Wallet, Wallet, Wallet, Wallet, Wallet];
  await send(uni, 'transfer', safe, UNI(50_000_000n));
  for (const key of [activeKey, succeededKey, readyKey, handoverKey, ownerKey, activeHandoverKey]) {
    await send(uni, 'transfer', key.address, UNI(11_000_000n));
    await send(uni.connect(key) as Contract, 'delegate', key.address);
  }
  await asAccount(chain, safe, (s) => send(uni.connect(s) as Contract, 'delegate', safe));
  // Votes count from the block before a proposal: delegated in an earlier block.
  await chain.provider.send('evm_mine', []);

  const actions = new Map<bigint, ProposalActions>();
  const propose = async (key: Wallet, proposal: ProposalActions, description: string): Promise<bigint> => {
    const { targets, values, signatures, calldatas } = proposal;
    await send(governor.connect(key) as Contract, 'propose', targets, values, signatures, calldatas, description);
    const proposalId = (await governor.getFunction('latestProposalIds')(key.address)) as bigint;
    actions.set(proposalId, proposal);
    return proposalId;
  };
  const fee = (amount: number, tickSpacing: number): ProposalActions => ({
    targets: [factoryAt],
    values: [0n],
    signatures: ['enableFeeAmount(uint24,int24)'],
    calldatas: [coder.encode(['uint24', 'int24'], [amount, tickSpacing])],
  });
  const readyFee = await propose(readyKey, fee(400, 8), 'Enable the 0.04% fee tier');
  const pendingAdminToStranger: ProposalActions = {
    targets: [timelockAt],
    values: [0n],
    signatures: ['setPendingAdmin(address)'],
    calldatas: [coder.encode(['address'], [stranger])],
  };
  const readyPendingAdmin = await propose(handoverKey, pendingAdminToStranger, 'Timelock maintenance');
  const succeededFee = await propose(succeededKey, fee(200, 4), 'Enable the 0.02% fee tier');
  const succeededOwnerHandover = await propose(
    ownerKey,
    {
      targets: [factoryAt],
      values: [0n],
      signatures: ['setOwner(address)'],
      calldatas: [coder.encode(['address'], [stranger])],
    },
    'Factory maintenance',
  );
  const passed = [readyFee, readyPendingAdmin, succeededFee, succeededOwnerHandover];
  // votingDelay is one block: voting opens after it.
  await chain.provider.send('evm_mine', []);
  await asAccount(chain, safe, async (s) => {
    for (const proposalId of passed) await send(governor.connect(s) as Contract, 'castVote', proposalId, true);
  });
  await endVoting(chain, governor, passed);
  for (const proposalId of [readyFee, readyPendingAdmin]) await send(governor, 'queue', proposalId);
  await chain.provider.send('evm_increaseTime', [Number(GOVERNOR_TIMELOCK_DELAY) + 60]);
  await chain.provider.send('evm_mine', []);
  const activeFee = await propose(activeKey, fee(600, 12), 'Enable the 0.06% fee tier');
  const activePendingAdmin = await propose(activeHandoverKey, pendingAdminToStranger, 'Timelock upkeep');
  // Two blocks: a review simulates in the latest block, and voting opens after the proposal's startBlock.
  await chain.provider.send('anvil_mine', ['0x2']);

  await send(council, 'grantRole', CANCELLER_ROLE, safe);
  await send(council, 'grantRole', PROPOSER_ROLE, councilKey.address);
  await send(council, 'renounceRole', await council.getFunction('TIMELOCK_ADMIN_ROLE')(), me);
  const operation: TimelockOperation = {
    target: councilAt,
    value: 0n,
    data: new Interface(councilArtifact.abi).encodeFunctionData('grantRole', [PROPOSER_ROLE, stranger]),
    predecessor: ZeroHash,
    salt: id('council: proposer grant'),
  };
  await send(
    council.connect(councilKey) as Contract,
    'schedule',
    operation.target,
    operation.value,
    operation.data,
    operation.predecessor,
    operation.salt,
    GOVERNOR_TIMELOCK_DELAY,
  );
  const operationId = keccak256(
    coder.encode(
      ['address', 'uint256', 'bytes', 'bytes32', 'bytes32'],
      [operation.target, operation.value, operation.data, operation.predecessor, operation.salt],
    ),
  );
  return {
    uni,
    governor,
    timelock,
    factory,
    activeFee,
    activePendingAdmin,
    succeededFee,
    readyFee,
    readyPendingAdmin,
    succeededOwnerHandover,
    actions,
    council,
    pendingProposerGrant: { ...operation, id: operationId },
    abis: [
      { address: uniAt, name: 'UNI', abi: uniArtifact().abi },
      { address: governorAt, name: 'Uniswap GovernorAlpha', abi: governorArtifact.abi },
      { address: timelockAt, name: 'Uniswap governance Timelock', abi: compoundTimelockArtifact().abi },
      { address: factoryAt, name: 'Uniswap V3 Factory (DAO)', abi: factoryArtifact.abi },
      { address: councilAt, name: 'Security council TimelockController', abi: councilArtifact.abi },
    ],
  };
}

/**
 * Closes the vote on these proposals now. GovernorAlpha's votingPeriod is 40,320 blocks, a constant of its
 * bytecode, and anvil mines about 80 empty blocks a second on this machine: eight minutes of anvil_mine per run.
 * So each proposal's endBlock (its own storage, nothing the review reads as evidence) is set to the block it has
 * reached, after the Safe's real votes, and checked through the governor's proposals() getter: what it then reads
 * is the state 40,320 mined blocks would have left, but for the block number.
 */
async function endVoting(chain: TestChain, governor: Contract, proposalIds: readonly bigint[]): Promise<void> {
  const governorAt = await governor.getAddress();
  const end = BigInt(await chain.provider.getBlockNumber());
  for (const proposalId of proposalIds) {
    const base = BigInt(keccak256(coder.encode(['uint256', 'uint256'], [proposalId, PROPOSALS_SLOT])));
    await chain.provider.send('anvil_setStorageAt', [
      governorAt,
      toBeHex(base + END_BLOCK_FIELD, 32),
      toBeHex(end, 32),
    ]);
    const proposal = (await governor.getFunction('proposals')(proposalId)) as { endBlock: bigint };
    if (proposal.endBlock !== end) throw new Error(`proposal ${proposalId}'s endBlock is not at the slot written`);
  }
  await chain.provider.send('evm_mine', []);
  for (const proposalId of proposalIds)
    if ((await governor.getFunction('state')(proposalId)) !== SUCCEEDED)
      throw new Error(`proposal ${proposalId} did not pass`);
}

/** GovernorAlpha's ProposalState: Pending, Active, Canceled, Defeated, Succeeded, Queued, Expired, Executed. */
const SUCCEEDED = 4n;

/** Sends from an account's own address (anvil impersonation), leaving its balance as it was. */
async function asAccount(chain: TestChain, account: string, send: (signer: Signer) => Promise<unknown>): Promise<void> {
  const balance = await chain.provider.getBalance(account);
  await chain.provider.send('anvil_impersonateAccount', [account]);
  await chain.provider.send('anvil_setBalance', [account, toBeHex(10n ** 18n)]);
  try {
    await send(await chain.provider.getSigner(account));
  } finally {
    await chain.provider.send('anvil_stopImpersonatingAccount', [account]);
    await chain.provider.send('anvil_setBalance', [account, toBeHex(balance)]);
  }
}
