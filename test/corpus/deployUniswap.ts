import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AbiCoder, Contract, getAddress, Interface, type InterfaceAbi, type Signer, toBeHex } from 'ethers';
import { deployInOrder } from '../chain/deployInOrder.js';
import type { TestChain } from '../chain/testChain.js';

const require = createRequire(import.meta.url);

/** Published bytecode, as the packages ship it: never recompiled here. */
interface PublishedArtifact {
  abi: InterfaceAbi;
  bytecode: string;
}

function published(path: string): PublishedArtifact {
  const artifact = JSON.parse(readFileSync(require.resolve(path), 'utf8')) as PublishedArtifact;
  // @uniswap/governance's build (solc 0.5.16, waffle) writes its bytecode without the 0x.
  const bytecode = artifact.bytecode.startsWith('0x') ? artifact.bytecode : `0x${artifact.bytecode}`;
  return { abi: artifact.abi, bytecode };
}

export const uniswapFactoryArtifact = (): PublishedArtifact =>
  published('@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json');
export const compoundTimelockArtifact = (): PublishedArtifact => published('@uniswap/governance/build/Timelock.json');

/** A Compound-style timelock transaction: what queueTransaction, executeTransaction and cancelTransaction take. */
export interface QueuedTransaction {
  target: string;
  value: bigint;
  signature: string;
  data: string;
  eta: bigint;
}

export interface UniswapGovernance {
  /** Uniswap v3's UniswapV3Factory, owned by the Safe. */
  factory: Contract;
  /** A second UniswapV3Factory, owned by the timelock: what Uniswap's own governance holds. */
  governedFactory: Contract;
  /** Uniswap governance's Timelock (Compound's, solc 0.5.16): the Safe its admin. */
  timelock: Contract;
  delay: bigint;
  /** Queued by the Safe before the review, its eta passed: setDelay(MINIMUM_DELAY) on the timelock itself. */
  readyDelayLowering: QueuedTransaction;
  /** Queued by the Safe before the review, its eta passed: the governed factory's enableFeeAmount(200, 4). */
  queuedFeeAmount: QueuedTransaction;
  /**
   * Queued by the Safe before the review (signed by owners who did not read it), its eta passed: the timelock's
   * own setPendingAdmin(stranger). What a guardian must refuse to execute, and may cancel.
   */
  readyPendingAdmin: QueuedTransaction;
  /**
   * Queued by the Safe before the review, its eta weeks ahead: the governed factory's enableFeeAmount(400, 8).
   * Executed now, Compound's Timelock refuses it ("Transaction hasn't surpassed time lock.").
   */
  earlyFeeAmount: QueuedTransaction;
  /** Another Safe of the same team, watched by the guardian: a known address, not this Safe. */
  knownSafe: string;
  abis: Array<{ address: string; name: string; abi: InterfaceAbi }>;
}

const DAY = 24n * 3600n;
/** Longer than Timelock's MINIMUM_DELAY (2 days), so that lowering it to the minimum is a real change. */
export const COMPOUND_TIMELOCK_DELAY = 7n * DAY;
const coder = AbiCoder.defaultAbiCoder();

/**
 * Uniswap v3's factory and Uniswap governance's Timelock, both from their published bytecode, handed to the
 * Safe: `signer` deploys the factories and gives one to the Safe and one to the timelock. The Safe (impersonated
 * on anvil, as if it had signed them earlier) queues four transactions; the chain's clock is then moved past
 * the eta of three, inside the timelock's 14-day grace period.
 */
export async function deployUniswap(
  chain: TestChain,
  signer: Signer,
  options: { safe: string; knownSafe: string; stranger: string },
): Promise<UniswapGovernance> {
  const safe = getAddress(options.safe);
  const factoryArtifact = uniswapFactoryArtifact();
  const timelockArtifact = compoundTimelockArtifact();
  const [factory, governedFactory, timelock] = (await deployInOrder(signer, [
    factoryArtifact,
    factoryArtifact,
    { ...timelockArtifact, args: [safe, COMPOUND_TIMELOCK_DELAY] },
  ])) as [Contract, Contract, Contract];
  const [governedAt, timelockAt] = await Promise.all([governedFactory.getAddress(), timelock.getAddress()]);
  await (await factory.getFunction('setOwner')(safe)).wait();
  await (await governedFactory.getFunction('setOwner')(timelockAt)).wait();

  const now = BigInt((await chain.provider.getBlock('latest'))!.timestamp);
  const eta = now + COMPOUND_TIMELOCK_DELAY + 3600n;
  const readyDelayLowering: QueuedTransaction = {
    target: timelockAt,
    value: 0n,
    signature: 'setDelay(uint256)',
    data: coder.encode(['uint256'], [2n * DAY]),
    eta,
  };
  const queuedFeeAmount: QueuedTransaction = {
    target: governedAt,
    value: 0n,
    signature: 'enableFeeAmount(uint24,int24)',
    data: coder.encode(['uint24', 'int24'], [200, 4]),
    eta,
  };
  const readyPendingAdmin: QueuedTransaction = {
    target: timelockAt,
    value: 0n,
    signature: 'setPendingAdmin(address)',
    data: coder.encode(['address'], [getAddress(options.stranger)]),
    eta,
  };
  const earlyFeeAmount: QueuedTransaction = {
    target: governedAt,
    value: 0n,
    signature: 'enableFeeAmount(uint24,int24)',
    data: coder.encode(['uint24', 'int24'], [400, 8]),
    eta: now + 4n * COMPOUND_TIMELOCK_DELAY,
  };
  await asTheSafe(chain, safe, async (safeSigner) => {
    const queue = (timelock.connect(safeSigner) as Contract).getFunction('queueTransaction');
    for (const q of [readyDelayLowering, queuedFeeAmount, readyPendingAdmin, earlyFeeAmount])
      await (await queue(q.target, q.value, q.signature, q.data, q.eta)).wait();
  });
  await chain.provider.send('evm_increaseTime', [Number(COMPOUND_TIMELOCK_DELAY + 2n * 3600n)]);
  await chain.provider.send('evm_mine', []);
  return {
    factory,
    governedFactory,
    timelock,
    delay: COMPOUND_TIMELOCK_DELAY,
    readyDelayLowering,
    queuedFeeAmount,
    readyPendingAdmin,
    earlyFeeAmount,
    knownSafe: getAddress(options.knownSafe),
    abis: [
      { address: await factory.getAddress(), name: 'Uniswap V3 Factory', abi: factoryArtifact.abi },
      { address: governedAt, name: 'Uniswap V3 Factory (governed)', abi: factoryArtifact.abi },
      { address: timelockAt, name: 'Uniswap Timelock', abi: timelockArtifact.abi },
    ],
  };
}

/** Sends from the Safe's own address (anvil impersonation), leaving its balance and its Safe nonce as they were. */
async function asTheSafe(chain: TestChain, safe: string, send: (signer: Signer) => Promise<void>): Promise<void> {
  const balance = await chain.provider.getBalance(safe);
  await chain.provider.send('anvil_impersonateAccount', [safe]);
  await chain.provider.send('anvil_setBalance', [safe, toBeHex(10n ** 18n)]);
  try {
    await send(await chain.provider.getSigner(safe));
  } finally {
    await chain.provider.send('anvil_stopImpersonatingAccount', [safe]);
    await chain.provider.send('anvil_setBalance', [safe, toBeHex(balance)]);
  }
}

export const compoundTimelockInterface = (): Interface => new Interface(compoundTimelockArtifact().abi);
export const uniswapFactoryInterface = (): Interface => new Interface(uniswapFactoryArtifact().abi);
