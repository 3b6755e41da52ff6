import { id, type Result } from 'ethers';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { DecodedAction } from './decodedTransaction.js';
import { decodeMultiSendCalls } from './multiSendDecoding.js';
import { isVote, voteSupport, type ProposalActions, type ReadProposal } from './proposalActions.js';

export interface InnerCall {
  to: string;
  value: bigint;
  data: string;
  operation: 0 | 1;
}

export interface InnerCalls {
  calls: InnerCall[];
  /** The calldata held more calls than `maxCalls`; the rest are not listed. */
  cut: boolean;
}

const MULTI_SEND = 'multiSend(bytes)';
const EXEC_TRANSACTION = 'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)';

/**
 * Calls hidden inside this one: batches, nested Safes, timelock operations, upgrade initialisers. Keyed by the
 * full signature, so that a same-named function of another shape is never read as one of these.
 */
export function innerCalls(
  action: DecodedAction,
  result: Result,
  maxCalls: number,
  readProposal?: ReadProposal,
): InnerCalls {
  // Nothing inside a call without arguments; and every such call shares ethers' one empty Result.
  if (result.length === 0) return none();
  // Not remembered with the Result: what a vote is for is read from the chain, not from its calldata.
  if (isVote(action.signature)) return votedCalls(action, maxCalls, readProposal);
  const key = `${action.to.toLowerCase()}:${maxCalls}`;
  let byCall = read.get(result);
  const known = byCall?.get(key);
  if (known) {
    action.warnings.push(...known.warnings);
    return { calls: [...known.inner.calls], cut: known.inner.cut };
  }
  const warned = action.warnings.length;
  const inner = readInnerCalls(action, result, maxCalls);
  if (!byCall) read.set(result, (byCall = new Map()));
  byCall.set(key, { inner: { calls: [...inner.calls], cut: inner.cut }, warnings: action.warnings.slice(warned) });
  return inner;
}

/**
 * What innerCalls read from a Result, with the warnings it gave: a Result decoded once serves every reading of
 * the same calldata (rememberedArguments.ts), and a batch's calls were then most of its decoding (--cpu-prof).
 * Keyed by the call's target too, as an initialiser runs at the proxy the upgrade is sent to.
 */
const read = new WeakMap<Result, Map<string, { inner: InnerCalls; warnings: string[] }>>();

function readInnerCalls(action: DecodedAction, result: Result, maxCalls: number): InnerCalls {
  switch (action.signature) {
    case MULTI_SEND: {
      const { calls, error, truncated } = decodeMultiSendCalls(result[0] as string, maxCalls);
      if (error) action.warnings.push(`The batch is malformed: ${error}; the calls after that point are not shown.`);
      for (const c of calls)
        if (c.operation > 1)
          action.warnings.push(`Call to ${c.to} in the batch has operation ${c.operation}, which MultiSend rejects.`);
      return {
        calls: calls.map((c) => ({ to: c.to, value: c.value, data: c.data, operation: c.operation === 1 ? 1 : 0 })),
        cut: truncated || error !== null,
      };
    }
    case EXEC_TRANSACTION: {
      const operation = Number(result[3]);
      if (operation > 1)
        action.warnings.push(`The nested Safe transaction has operation ${operation}, which a Safe rejects.`);
      return one({
        to: checksumAddress(result[0] as string),
        value: result[1] as bigint,
        data: result[2] as string,
        operation: operation === 1 ? 1 : 0,
      });
    }
    case 'schedule(address,uint256,bytes,bytes32,bytes32,uint256)':
    case 'execute(address,uint256,bytes,bytes32,bytes32)':
      return one({
        to: checksumAddress(result[0] as string),
        value: result[1] as bigint,
        data: result[2] as string,
        operation: 0,
      });
    // OpenZeppelin 5's AccessManager relays a call it allows (execute forwards the value sent with it) or
    // schedules one for after its delay: either is reviewed as the call it carries.
    case 'execute(address,bytes)':
    case 'schedule(address,bytes,uint48)':
      return one({
        to: checksumAddress(result[0] as string),
        value: action.signature === 'execute(address,bytes)' ? action.value : 0n,
        data: result[1] as string,
        operation: 0,
      });
    case 'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)':
    case 'executeBatch(address[],uint256[],bytes[],bytes32,bytes32)': {
      const targets = result[0] as string[];
      const values = result[1] as bigint[];
      const payloads = result[2] as string[];
      if (targets.length !== values.length || targets.length !== payloads.length) {
        action.warnings.push(
          `The batch lists ${targets.length} targets, ${values.length} values and ${payloads.length} payloads; the timelock would revert.`,
        );
      }
      const calls = targets.slice(0, maxCalls).map((t, i): InnerCall => ({
        to: checksumAddress(t),
        value: values[i] ?? 0n,
        data: payloads[i] ?? '0x',
        operation: 0,
      }));
      return { calls, cut: targets.length > maxCalls };
    }
    // Compound's Timelock: with a signature, `data` holds only the arguments, and the selector is the signature's.
    case 'queueTransaction(address,uint256,string,bytes,uint256)':
    case 'executeTransaction(address,uint256,string,bytes,uint256)': {
      const data = timelockCalldata(result[2] as string, result[3] as string);
      return one({ to: checksumAddress(result[0] as string), value: result[1] as bigint, data, operation: 0 });
    }
    // GovernorAlpha's propose: each action as Compound's Timelock will be handed it, signature and data alike.
    case 'propose(address[],uint256[],string[],bytes[],string)': {
      // Plain arrays: a Result throws when read past its end, and these four may differ in length.
      const [targets, values, signatures, calldatas] = [0, 1, 2, 3].map((i) =>
        Array.from(result[i] as Iterable<unknown>),
      ) as [string[], bigint[], string[], string[]];
      const { size } = new Set([targets.length, values.length, signatures.length, calldatas.length]);
      if (size > 1) {
        action.warnings.push(
          `The proposal lists ${targets.length} targets, ${values.length} values, ${signatures.length} signatures and ${calldatas.length} payloads; the governor would refuse it.`,
        );
      }
      return proposalCalls({ targets, values, signatures, calldatas }, maxCalls);
    }
    // The initialiser runs in the proxy's storage, so it is decoded against the proxy.
    case 'upgradeToAndCall(address,bytes)':
      return (result[1] as string) === '0x'
        ? none()
        : one({ to: action.to, value: 0n, data: result[1] as string, operation: 0 });
    case 'upgradeAndCall(address,address,bytes)':
      return (result[2] as string) === '0x'
        ? none()
        : one({ to: checksumAddress(result[0] as string), value: 0n, data: result[2] as string, operation: 0 });
    default:
      return none();
  }
}

/** A proposal's actions as the calls its timelock will make: each signature's selector before its arguments. */
function proposalCalls(actions: ProposalActions, maxCalls: number): InnerCalls {
  const { targets, values, signatures, calldatas } = actions;
  const calls = targets.slice(0, maxCalls).map((t, i): InnerCall => ({
    to: checksumAddress(t),
    value: values[i] ?? 0n,
    data: timelockCalldata(signatures[i] ?? '', calldatas[i] ?? '0x'),
    operation: 0,
  }));
  return { calls, cut: targets.length > maxCalls };
}

/**
 * A vote for a proposal, read as the calls the proposal would make: what the vote may make pass, judged as a
 * proposed call is. A vote against or abstaining helps none of them run, so it holds none. The calldata names
 * only a number: the actions are what the governor answered getActions at the state reviewed (readProposal).
 */
function votedCalls(action: DecodedAction, maxCalls: number, readProposal: ReadProposal | undefined): InnerCalls {
  if (!readProposal || voteSupport(action) !== 'for') return none();
  const proposalId = BigInt(String(action.args[0]?.value ?? '0'));
  const actions = readProposal(action.to, proposalId);
  if (actions === undefined) return none();
  if (actions === null) {
    action.warnings.push(
      `The governor does not answer getActions(${proposalId}), so the console cannot read what proposal ${proposalId} would do (an OpenZeppelin Governor keeps a proposal's calls only in its ProposalCreated event): read the proposal itself before voting for it.`,
    );
    return none();
  }
  if (actions.targets.length === 0)
    action.warnings.push(
      `The governor holds no actions for proposal ${proposalId}: it does not exist, or does nothing.`,
    );
  return proposalCalls(actions, maxCalls);
}

/** What Compound's Timelock calls: with a signature, `data` holds only the arguments; without, it is the calldata. */
function timelockCalldata(signature: string, args: string): string {
  return signature === '' ? args : `${id(signature).slice(0, 10)}${args.slice(2)}`;
}

function one(call: InnerCall): InnerCalls {
  return { calls: [call], cut: false };
}

function none(): InnerCalls {
  return { calls: [], cut: false };
}
