import { AbiCoder, id, Interface } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { DecodedAction } from './decodedTransaction.js';

/** What a GovernorAlpha or GovernorBravo holds for a proposal: getActions(id) answers these four arrays. */
export interface ProposalActions {
  targets: string[];
  values: bigint[];
  signatures: string[];
  calldatas: string[];
}

/**
 * A proposal's actions as its governor answered them at the state reviewed, by governor and id; null when the
 * governor did not answer getActions (an OpenZeppelin Governor keeps a proposal's calls only in the
 * ProposalCreated event), undefined when nobody asked.
 */
export type ReadProposal = (governor: string, proposalId: bigint) => ProposalActions | null | undefined;

const getActions = new Interface([
  'function getActions(uint256 proposalId) view returns (address[] targets, uint256[] values, string[] signatures, bytes[] calldatas)',
]);

/** The votes whose proposal is read: Compound's GovernorAlpha (bool support) and Bravo / OZ Governor (uint8). */
const VOTES: Record<string, true> = {
  'castVote(uint256,bool)': true,
  'castVoteBySig(uint256,bool,uint8,bytes32,bytes32)': true,
  'castVote(uint256,uint8)': true,
  'castVoteWithReason(uint256,uint8,string)': true,
  'castVoteBySig(uint256,uint8,uint8,bytes32,bytes32)': true,
};

export const isVote = (signature: string | null): boolean => signature !== null && VOTES[signature] === true;

/** A vote's direction: GovernorAlpha's bool, or Bravo's and OZ's 0 against, 1 for, 2 abstain. */
export function voteSupport(action: DecodedAction): 'for' | 'against' | 'abstain' {
  const support = String(action.args[1]?.value ?? '');
  if (support === 'true' || support === '1') return 'for';
  return support === '2' ? 'abstain' : 'against';
}

/** The proposal ids the decoded actions vote on, by governor: what getActions is asked about. */
export function votedProposals(actions: readonly DecodedAction[]): Array<{ governor: string; proposalId: bigint }> {
  const found = new Map<string, { governor: string; proposalId: bigint }>();
  const visit = (a: DecodedAction) => {
    if (isVote(a.signature)) {
      const proposalId = BigInt(String(a.args[0]?.value ?? '0'));
      found.set(`${a.to.toLowerCase()}:${proposalId}`, { governor: a.to, proposalId });
    }
    a.children.forEach(visit);
  };
  actions.forEach(visit);
  return [...found.values()];
}

/** The votes' selectors, by the calldata's first four bytes: each takes the proposal's id as its first word. */
const VOTE_SELECTORS = new Set(Object.keys(VOTES).map((signature) => id(signature).slice(0, 10)));

/**
 * getActions for the proposal the transaction's own call votes on, read from its calldata before anything is
 * decoded: asked with the simulation, it is carried with the pre-state and costs no request of its own. Only a
 * hint: a vote inside a batch is read after the simulation instead (votedProposals).
 */
export function getActionsHint(tx: { to: string; data: string }): { to: string; data: string } | null {
  if (!VOTE_SELECTORS.has(tx.data.slice(0, 10).toLowerCase()) || tx.data.length < 74) return null;
  return { to: tx.to, data: getActionsCall(BigInt(`0x${tx.data.slice(10, 74)}`)) };
}

export const getActionsCall = (proposalId: bigint): string => getActions.encodeFunctionData('getActions', [proposalId]);

/** getActions' answer read as the four arrays; null for no answer, a revert or anything that does not decode. */
export function proposalActionsFrom(answer: string | null | undefined): ProposalActions | null {
  if (!answer || answer === '0x') return null;
  try {
    const [targets, values, signatures, calldatas] = AbiCoder.defaultAbiCoder().decode(
      ['address[]', 'uint256[]', 'string[]', 'bytes[]'],
      answer,
    );
    return {
      targets: Array.from(targets as Iterable<string>, (t) => checksumAddress(t)),
      values: Array.from(values as Iterable<bigint>),
      signatures: Array.from(signatures as Iterable<string>),
      calldatas: Array.from(calldatas as Iterable<string>),
    };
  } catch {
    return null;
  }
}
