import { AbiCoder } from 'ethers';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import type { Scenario } from './corpusScenarios.js';
import type { Corpus } from './deployCorpus.js';
import { compoundTimelockInterface, uniswapFactoryInterface, type QueuedTransaction } from './deployUniswap.js';

const factory = uniswapFactoryInterface();
const timelock = compoundTimelockInterface();
const coder = AbiCoder.defaultAbiCoder();
const DAY = 24n * 3600n;

/**
 * Uniswap v3's factory owned by the Safe, and Uniswap governance's Compound-style Timelock administered by it:
 * what Compound, Uniswap and their forks are governed through.
 */
export async function uniswapScenarios(corpus: Corpus): Promise<Scenario[]> {
  const { uniswap } = corpus;
  const [factoryAt, governedAt, timelockAt] = (await Promise.all(
    [uniswap.factory, uniswap.governedFactory, uniswap.timelock].map((c) => c.getAddress()),
  )) as [string, string, string];
  const tx = (to: string, data: string): SafeTx =>
    createSafeTx({ chainId: corpus.chain.chainId, safe: corpus.safe, safeVersion: '1.4.1', nonce: 0n, to, data });
  // A proposal's eta as a proposer picks it: the delay from now, and an hour to spare.
  const now = BigInt((await corpus.chain.provider.getBlock('latest'))!.timestamp);
  const eta = now + uniswap.delay + 3600n;
  const queue = (q: Omit<QueuedTransaction, 'eta'>) =>
    tx(timelockAt, timelock.encodeFunctionData('queueTransaction', [q.target, q.value, q.signature, q.data, eta]));
  const withTimelock = (fn: 'executeTransaction' | 'cancelTransaction', q: QueuedTransaction) =>
    tx(timelockAt, timelock.encodeFunctionData(fn, [q.target, q.value, q.signature, q.data, q.eta]));
  return [
    {
      name: 'uni-factory-enable-fee',
      kind: 'honest',
      summary: 'Uniswap v3 Factory.enableFeeAmount(100, 1): the 0.01% tier Uniswap governance enabled in 2021',
      tx: tx(factoryAt, factory.encodeFunctionData('enableFeeAmount', [100, 1])),
    },
    {
      name: 'uni-factory-owner-to-stranger',
      kind: 'trap',
      summary: 'Uniswap v3 Factory.setOwner(stranger): the protocol fee switch leaves the Safe',
      tx: tx(factoryAt, factory.encodeFunctionData('setOwner', [corpus.stranger])),
    },
    {
      name: 'uni-factory-owner-to-known-safe',
      kind: 'change',
      summary: "Uniswap v3 Factory.setOwner(the team's Treasury Safe): this Safe gives the factory up",
      tx: tx(factoryAt, factory.encodeFunctionData('setOwner', [uniswap.knownSafe])),
    },
    {
      name: 'compound-queue-enable-fee',
      kind: 'honest',
      summary: 'Timelock.queueTransaction(factory, "enableFeeAmount(uint24,int24)", (100, 1), eta = now + 7 days)',
      tx: queue({
        target: governedAt,
        value: 0n,
        signature: 'enableFeeAmount(uint24,int24)',
        data: coder.encode(['uint24', 'int24'], [100, 1]),
      }),
    },
    {
      name: 'compound-queue-enable-fee-selector-in-data',
      kind: 'honest',
      summary: 'Timelock.queueTransaction(factory, "", enableFeeAmount(100, 1) calldata, eta): the selector in data',
      tx: queue({
        target: governedAt,
        value: 0n,
        signature: '',
        data: factory.encodeFunctionData('enableFeeAmount', [100, 1]),
      }),
    },
    {
      name: 'compound-cancel',
      kind: 'honest',
      summary: 'Timelock.cancelTransaction of the queued enableFeeAmount(200, 4)',
      tx: withTimelock('cancelTransaction', uniswap.queuedFeeAmount),
    },
    {
      name: 'compound-cancel-pending-admin-stranger',
      kind: 'honest',
      summary: 'Timelock.cancelTransaction of the queued setPendingAdmin(stranger): the guardians stop it',
      tx: withTimelock('cancelTransaction', uniswap.readyPendingAdmin),
    },
    {
      name: 'compound-execute-pending-admin-stranger',
      kind: 'trap',
      summary:
        'Timelock.executeTransaction(setPendingAdmin(stranger)), queued 7 days ago: the stranger can then accept',
      tx: withTimelock('executeTransaction', uniswap.readyPendingAdmin),
    },
    {
      name: 'compound-queue-pending-admin-stranger',
      kind: 'trap',
      summary:
        "Timelock.queueTransaction(the timelock's own setPendingAdmin(stranger)): executed, the stranger takes it",
      tx: queue({
        target: timelockAt,
        value: 0n,
        signature: 'setPendingAdmin(address)',
        data: coder.encode(['address'], [corpus.stranger]),
      }),
    },
    {
      name: 'compound-queue-factory-owner-stranger',
      kind: 'trap',
      summary: "Timelock.queueTransaction(the governed factory's setOwner(stranger))",
      tx: queue({
        target: governedAt,
        value: 0n,
        signature: 'setOwner(address)',
        data: coder.encode(['address'], [corpus.stranger]),
      }),
    },
    {
      name: 'compound-execute-delay-lowering',
      kind: 'change',
      summary: 'Timelock.executeTransaction(setDelay(2 days)), queued 7 days ago: the delay falls to its minimum',
      tx: withTimelock('executeTransaction', uniswap.readyDelayLowering),
    },
    {
      name: 'compound-queue-delay-lowering',
      kind: 'change',
      summary:
        "Timelock.queueTransaction(the timelock's own setDelay(2 days)): executed, the 7-day delay falls to its minimum",
      tx: queue({
        target: timelockAt,
        value: 0n,
        signature: 'setDelay(uint256)',
        data: coder.encode(['uint256'], [2n * DAY]),
      }),
    },
    {
      name: 'compound-execute-before-eta',
      kind: 'change',
      summary: 'Timelock.executeTransaction(enableFeeAmount(400, 8)) weeks before its eta: the timelock refuses it',
      tx: withTimelock('executeTransaction', uniswap.earlyFeeAmount),
      reverts: /Timelock::executeTransaction: Transaction hasn't surpassed time lock\./,
    },
  ];
}
