import { AbiCoder, Interface } from 'ethers';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { corpusArtifact } from './corpusArtifacts.js';
import type { Scenario } from './corpusScenarios.js';
import type { Corpus } from './deployCorpus.js';
import { CANCELLER_ROLE, governorAlphaArtifact, type ProposalActions } from './deployGovernor.js';

const governor = new Interface(governorAlphaArtifact().abi);
const council = new Interface(corpusArtifact('TimelockController').abi);
const coder = AbiCoder.defaultAbiCoder();

/**
 * On-chain governance as a protocol's Safe meets it: Uniswap's GovernorAlpha, where the Safe is a large UNI
 * delegate that votes, proposes, queues and executes, and an OpenZeppelin TimelockController in which it is a
 * security council's canceller.
 */
export async function governorScenarios(corpus: Corpus): Promise<Scenario[]> {
  const { governor: gov } = corpus;
  const [governorAt, timelockAt, factoryAt, councilAt] = (await Promise.all(
    [gov.governor, gov.timelock, gov.factory, gov.council].map((c) => c.getAddress()),
  )) as [string, string, string, string];
  const tx = (to: string, data: string): SafeTx =>
    createSafeTx({ chainId: corpus.chain.chainId, safe: corpus.safe, safeVersion: '1.4.1', nonce: 0n, to, data });
  const propose = (actions: ProposalActions, description: string) =>
    tx(
      governorAt,
      governor.encodeFunctionData('propose', [
        actions.targets,
        actions.values,
        actions.signatures,
        actions.calldatas,
        description,
      ]),
    );
  const one = (target: string, signature: string, types: string[], args: unknown[]): ProposalActions => ({
    targets: [target],
    values: [0n],
    signatures: [signature],
    calldatas: [coder.encode(types, args)],
  });
  return [
    {
      name: 'gov-cast-vote',
      kind: 'honest',
      summary: 'GovernorAlpha.castVote(the open proposal, for): enableFeeAmount(600, 12) on the DAO factory',
      tx: tx(governorAt, governor.encodeFunctionData('castVote', [gov.activeFee, true])),
    },
    {
      name: 'gov-vote-against-pending-admin-stranger',
      kind: 'honest',
      summary:
        'GovernorAlpha.castVote(the open setPendingAdmin(stranger) of the timelock, against): it helps nothing pass',
      tx: tx(governorAt, governor.encodeFunctionData('castVote', [gov.activePendingAdmin, false])),
    },
    {
      name: 'gov-vote-for-pending-admin-stranger',
      kind: 'trap',
      summary: 'GovernorAlpha.castVote(the open setPendingAdmin(stranger) of the timelock, for): its 50M UNI pass it',
      tx: tx(governorAt, governor.encodeFunctionData('castVote', [gov.activePendingAdmin, true])),
    },
    {
      name: 'gov-propose-fee',
      kind: 'honest',
      summary: "GovernorAlpha.propose(the DAO factory's enableFeeAmount(100, 1)): the Safe's 50M UNI proposes",
      tx: propose(one(factoryAt, 'enableFeeAmount(uint24,int24)', ['uint24', 'int24'], [100, 1]), 'Enable 0.01%'),
    },
    {
      name: 'gov-queue-fee',
      kind: 'honest',
      summary: 'GovernorAlpha.queue(the passed enableFeeAmount(200, 4)): into the timelock, to run in 2 days',
      tx: tx(governorAt, governor.encodeFunctionData('queue', [gov.succeededFee])),
    },
    {
      name: 'gov-execute-fee',
      kind: 'honest',
      summary: 'GovernorAlpha.execute(the queued enableFeeAmount(400, 8)), its eta passed',
      tx: tx(governorAt, governor.encodeFunctionData('execute', [gov.readyFee])),
    },
    {
      name: 'gov-propose-pending-admin-stranger',
      kind: 'trap',
      summary: "GovernorAlpha.propose(the timelock's own setPendingAdmin(stranger)): passed, the stranger takes it",
      tx: propose(one(timelockAt, 'setPendingAdmin(address)', ['address'], [corpus.stranger]), 'Maintenance'),
    },
    {
      name: 'gov-propose-factory-owner-stranger',
      kind: 'trap',
      summary: "GovernorAlpha.propose(the DAO factory's setOwner(stranger)), by selector in its calldata",
      tx: propose(
        {
          targets: [factoryAt],
          values: [0n],
          signatures: [''],
          calldatas: [new Interface(['function setOwner(address)']).encodeFunctionData('setOwner', [corpus.stranger])],
        },
        'Factory maintenance',
      ),
    },
    {
      name: 'gov-queue-factory-owner-stranger',
      kind: 'trap',
      summary:
        "GovernorAlpha.queue(a passed proposal: the DAO factory's setOwner(stranger)): its calldata says only the id",
      tx: tx(governorAt, governor.encodeFunctionData('queue', [gov.succeededOwnerHandover])),
    },
    {
      name: 'gov-execute-pending-admin-stranger',
      kind: 'trap',
      summary: 'GovernorAlpha.execute(the passed, queued setPendingAdmin(stranger)): the stranger can then accept',
      tx: tx(governorAt, governor.encodeFunctionData('execute', [gov.readyPendingAdmin])),
    },
    {
      name: 'council-cancel-proposer-grant',
      kind: 'honest',
      summary: 'Security council TimelockController.cancel(the pending grantRole(PROPOSER_ROLE, stranger))',
      tx: tx(councilAt, council.encodeFunctionData('cancel', [gov.pendingProposerGrant.id])),
    },
    {
      name: 'council-renounce-canceller',
      kind: 'change',
      summary: 'Security council TimelockController.renounceRole(CANCELLER_ROLE, this Safe): it can stop nothing again',
      tx: tx(councilAt, council.encodeFunctionData('renounceRole', [CANCELLER_ROLE, corpus.safe])),
    },
  ];
}
