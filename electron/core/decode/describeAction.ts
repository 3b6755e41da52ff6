import { formatUnits, ZeroAddress } from 'ethers';
import type { AddressBook } from './addressBook.js';
import type { DecodedAction } from './decodedTransaction.js';
import { isVote, voteSupport } from './proposalActions.js';
import { managerRoleName, roleName } from './roleNames.js';
import { tokenAmount } from './tokenAmount.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';

function arg(action: DecodedAction, index: number): string {
  return String(action.args[index]?.value ?? '');
}

/** "2 days (172800 s)": a timelock delay read at night must not need arithmetic. */
function duration(seconds: string): string {
  const s = BigInt(seconds);
  const units: Array<[bigint, string]> = [
    [86_400n, 'day'],
    [3_600n, 'hour'],
    [60n, 'minute'],
  ];
  const unit = units.find(([size]) => s >= size && s % size === 0n);
  return unit ? `${s / unit[0]} ${unit[1]}${s / unit[0] === 1n ? '' : 's'} (${s} s)` : `${s} s`;
}

/** The functions an AccessManager call names, by selector: "2 functions (0x8456cb59, 0x3f4ba83a)". */
function selectors(action: DecodedAction): string {
  const list = action.args[1]?.value;
  const shown = Array.isArray(list) ? list.map(String) : [String(list ?? '')];
  return `${shown.length === 1 ? 'function' : `${shown.length} functions`} ${shown.join(', ')}`;
}

/** A Compound-style timelock's eta: a moment, not a delay. */
function eta(seconds: string): string {
  const s = BigInt(seconds);
  return s < 253_402_300_800n
    ? `${new Date(Number(s) * 1000).toISOString().replace('.000Z', 'Z')} (unix time ${s})`
    : `unix time ${s}`;
}

/**
 * What a timelock operation does before anything runs: it schedules. "Schedules on TIMELOCK, to run after
 * 2 days (172800 s)"; null for anything that is not a timelock's schedule or queue. Every sentence under it
 * is something scheduled, never something done now (see decodeTransaction's summary).
 */
export function schedulingPrefix(action: DecodedAction, book: AddressBook): string | null {
  const at = book.label(action.to);
  switch (action.signature) {
    case 'schedule(address,uint256,bytes,bytes32,bytes32,uint256)':
    case 'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)':
      return `Schedules on timelock ${at}, to run after ${duration(arg(action, 5))}`;
    case 'queueTransaction(address,uint256,string,bytes,uint256)':
      return `Queues on timelock ${at}, to run from ${eta(arg(action, 4))}`;
    // Judged as scheduled too: a proposal passed by a vote the guardians did not watch is queued by anyone,
    // and its actions then run with the timelock's powers, as a scheduled call does.
    case 'propose(address[],uint256[],string[],bytes[],string)':
      return `Proposes on governor ${at}, to run through its timelock if the vote passes`;
    case 'schedule(address,bytes,uint48)':
      return BigInt(arg(action, 2)) === 0n
        ? `Schedules on AccessManager ${at}, to run once the caller's delay has passed`
        : `Schedules on AccessManager ${at}, to run from ${eta(arg(action, 2))}`;
    // A vote for a proposal holds its calls (innerCalls.ts): each may pass because of this vote, and is judged so.
    default:
      return isVote(action.signature) && action.children.length > 0 ? `${voteSentence(action, at)}, which would` : null;
  }
}

/** "Votes for proposal 7 on governor G": which way, and on which proposal. */
function voteSentence(action: DecodedAction, at: string): string {
  const support = voteSupport(action);
  const way = support === 'abstain' ? 'Abstains on' : `Votes ${support}`;
  return `${way} proposal ${arg(action, 0)} on governor ${at}`;
}

/**
 * One sentence for one action, in a guardian's words, with addresses named from the address book. Keyed by
 * the full signature (see classifyAction.ts), so argument positions are the standard's.
 */
export function describeAction(
  action: DecodedAction,
  book: AddressBook,
  tokens: ReadonlyMap<string, TokenInfo> = new Map(),
): string {
  let sentence: string;
  try {
    sentence = sentenceFor(action, book, tokens);
  } catch {
    // A label or amount that cannot be formatted must not cost the guardian the whole decoding.
    sentence = action.signature
      ? `Calls ${action.signature} on ${action.to}`
      : `Calls ${action.selector ?? 'with no data'} on ${action.to}`;
  }
  // Value sent along with a call is easy to miss beside the call's own words.
  return action.value > 0n && action.data !== '0x'
    ? `${sentence}, sending ${formatUnits(action.value)} native`
    : sentence;
}

function sentenceFor(action: DecodedAction, book: AddressBook, tokens: ReadonlyMap<string, TokenInfo>): string {
  const at = book.label(action.to);
  const who = (i: number) => book.label(arg(action, i));
  const amount = (raw: string) => tokenAmount(BigInt(raw), tokens.get(action.to.toLowerCase()));
  const child = action.children[0]?.sentence;
  const initialiser = action.children.length > 0 ? ', then runs its initialiser' : '';
  switch (action.signature) {
    case 'pause()':
      return `Pauses ${at}`;
    case 'unpause()':
      return `Unpauses ${at}`;
    case 'upgradeTo(address)':
    case 'upgradeToAndCall(address,bytes)':
      return `Upgrades ${at} to implementation ${who(0)}${initialiser}`;
    case 'upgrade(address,address)':
    case 'upgradeAndCall(address,address,bytes)':
      return `Upgrades ${who(0)} to implementation ${who(1)} through ProxyAdmin ${at}${initialiser}`;
    case 'changeProxyAdmin(address,address)':
      return `Hands the admin of proxy ${who(0)} to ${who(1)}`;
    case 'addOwnerWithThreshold(address,uint256)':
      return `Adds ${who(0)} as an owner of Safe ${at} and sets its threshold to ${arg(action, 1)}`;
    case 'removeOwner(address,address,uint256)':
      return `Removes owner ${who(1)} from Safe ${at} and sets its threshold to ${arg(action, 2)}`;
    case 'swapOwner(address,address,address)':
      return `Replaces owner ${who(1)} with ${who(2)} on Safe ${at}`;
    case 'changeThreshold(uint256)':
      return `Changes the threshold of Safe ${at} to ${arg(action, 0)}`;
    case 'enableModule(address)':
      return `Enables module ${who(0)} on Safe ${at}: it can then move the Safe's assets without signatures`;
    case 'disableModule(address,address)':
      return `Disables module ${who(1)} on Safe ${at}`;
    case 'setGuard(address)':
      return arg(action, 0) === ZeroAddress
        ? `Removes the guard of Safe ${at}`
        : `Sets the guard of Safe ${at} to ${who(0)}`;
    // Safe 1.5.0: a guard of module transactions, which the Safe's own guard never sees.
    case 'setModuleGuard(address)':
      return arg(action, 0) === ZeroAddress
        ? `Removes the module guard of Safe ${at}: nothing checks what its modules execute any more`
        : `Sets the module guard of Safe ${at} to ${who(0)}: it is asked before every transaction a module executes`;
    case 'setFallbackHandler(address)':
      return `Sets the fallback handler of Safe ${at} to ${who(0)}`;
    case 'changeMasterCopy(address)':
      return `Replaces the code (singleton) of Safe ${at} with ${who(0)}`;
    case 'setup(address[],uint256,address,bytes,address,address,uint256,address)':
      return `Sets up ${at} as a Safe with threshold ${arg(action, 1)}`;
    case 'transferOwnership(address)':
      return `Transfers ownership of ${at} to ${who(0)}`;
    case 'renounceOwnership()':
      return `Renounces ownership of ${at}: nobody will own it`;
    case 'acceptOwnership()':
      return `Accepts ownership of ${at}`;
    case 'setOwner(address)':
      return `Makes ${who(0)} the owner of ${at}`;
    case 'setPendingAdmin(address)':
      return `Names ${who(0)} the pending admin of ${at}: it alone can then accept the admin role`;
    case 'acceptAdmin()':
      return `Accepts the admin role of ${at}`;
    case 'grantRole(bytes32,address)':
      return `Grants ${roleName(arg(action, 0))} on ${at} to ${who(1)}`;
    case 'revokeRole(bytes32,address)':
    case 'renounceRole(bytes32,address)':
      return `Removes ${roleName(arg(action, 0))} on ${at} from ${who(1)}`;
    case 'schedule(address,uint256,bytes,bytes32,bytes32,uint256)':
    case 'queueTransaction(address,uint256,string,bytes,uint256)':
      return `${schedulingPrefix(action, book)}: ${child ?? 'a call'}`;
    case 'schedule(address,bytes,uint48)':
      return `${schedulingPrefix(action, book)}: ${child ?? 'a call'}`;
    case 'execute(address,bytes)':
      return `Executes through ${at}: ${child ?? `a call on ${who(0)}`}`;
    case 'grantRole(uint64,address,uint32)':
      return `Grants ${managerRoleName(arg(action, 0))} on AccessManager ${at} to ${who(1)}${BigInt(arg(action, 2)) > 0n ? `, each of its calls then waiting ${duration(arg(action, 2))}` : ''}, once the role's grant delay has passed`;
    case 'revokeRole(uint64,address)':
    case 'renounceRole(uint64,address)':
      return `Removes ${managerRoleName(arg(action, 0))} on AccessManager ${at} from ${who(1)}`;
    case 'setTargetFunctionRole(address,bytes4[],uint64)':
      return BigInt(arg(action, 2)) === 2n ** 64n - 1n
        ? `Opens ${selectors(action)} of ${who(0)} to everyone (PUBLIC_ROLE), through AccessManager ${at}`
        : `Restricts ${selectors(action)} of ${who(0)} to ${managerRoleName(arg(action, 2))}, through AccessManager ${at}`;
    case 'setTargetClosed(address,bool)':
      return arg(action, 1) === 'true'
        ? `Closes ${who(0)} through AccessManager ${at}: every restricted function of it refuses every caller until it is reopened`
        : `Reopens ${who(0)} through AccessManager ${at}: its restricted functions answer their roles again`;
    case 'setGrantDelay(uint64,uint32)':
      return `Sets the grant delay of ${managerRoleName(arg(action, 0))} on AccessManager ${at} to ${duration(arg(action, 1))}: the wait before a new holder of it may use it`;
    case 'setTargetAdminDelay(address,uint32)':
      return `Sets the admin delay of ${who(0)} on AccessManager ${at} to ${duration(arg(action, 1))}: the wait before a change of its permissions takes effect`;
    case 'updateAuthority(address,address)':
      return `Hands the permissions of ${who(0)} from AccessManager ${at} to ${who(1)}`;
    case 'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)':
      return `${schedulingPrefix(action, book)}: ${action.children.length} calls`;
    case 'propose(address[],uint256[],string[],bytes[],string)':
      return `${schedulingPrefix(action, book)}: ${action.children.length === 1 ? child : `${action.children.length} calls`}`;
    case 'castVote(uint256,bool)':
    case 'castVoteBySig(uint256,bool,uint8,bytes32,bytes32)':
    case 'castVote(uint256,uint8)':
    case 'castVoteWithReason(uint256,uint8,string)':
    case 'castVoteBySig(uint256,uint8,uint8,bytes32,bytes32)': {
      const vote = voteSentence(action, at);
      return action.children.length > 0
        ? `${vote}, which would: ${action.children.map((c) => c.sentence).join('; ')}`
        : vote;
    }
    case 'queue(uint256)':
      return `Queues proposal ${arg(action, 0)} of governor ${at} in its timelock, to run once the timelock's delay has passed`;
    case 'execute(uint256)':
      return `Executes proposal ${arg(action, 0)} of governor ${at}: the calls it queued in its timelock run now`;
    case 'cancel(uint256)':
      return `Cancels proposal ${arg(action, 0)} on governor ${at}`;
    case 'executeTransaction(address,uint256,string,bytes,uint256)':
      return `Executes on timelock ${at} the call queued for ${eta(arg(action, 4))}: ${child ?? 'a queued call'}`;
    case 'execute(address,uint256,bytes,bytes32,bytes32)':
      return `Executes on timelock ${at}: ${child ?? 'a scheduled call'}`;
    case 'executeBatch(address[],uint256[],bytes[],bytes32,bytes32)':
      return `Executes ${action.children.length} scheduled calls on timelock ${at}`;
    // Not unpacked into a child (innerCalls.ts): a cancelled handover is judged by nothing, it will never run.
    case 'cancelTransaction(address,uint256,string,bytes,uint256)':
      return `Cancels on timelock ${at} the call queued for ${eta(arg(action, 4))}: ${arg(action, 2) || 'the call in its data'} on ${who(0)}`;
    case 'setDelay(uint256)':
      return `Sets the delay of timelock ${at} to ${duration(arg(action, 0))}`;
    // The whole id: what a guardian compares with the CallScheduled event or the proposal it was announced in.
    case 'cancel(bytes32)':
      return `Cancels timelock operation ${arg(action, 0)} on ${at}`;
    case 'updateDelay(uint256)':
      return `Sets the delay of timelock ${at} to ${duration(arg(action, 0))}`;
    case 'transfer(address,uint256)':
      return `Transfers ${amount(arg(action, 1))} of ${at} to ${who(0)}`;
    case 'transferFrom(address,address,uint256)':
      return `Moves ${amount(arg(action, 2))} of ${at} from ${who(0)} to ${who(1)}`;
    case 'safeTransferFrom(address,address,uint256)':
    case 'safeTransferFrom(address,address,uint256,bytes)':
      return `Moves token #${arg(action, 2)} of ${at} from ${who(0)} to ${who(1)}`;
    case 'approve(address,uint256)':
      return `Allows ${who(0)} to spend ${amount(arg(action, 1))} of ${at}`;
    case 'setApprovalForAll(address,bool)':
      return arg(action, 1) === 'true'
        ? `Allows ${who(0)} to move every token of ${at}`
        : `Withdraws the right of ${who(0)} to move every token of ${at}`;
    case 'multiSend(bytes)':
      return `Runs a batch of ${action.children.length} calls through MultiSend ${at}`;
    case 'execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)':
      return `Executes on nested Safe ${at}: ${child ?? 'a transaction'}`;
    case 'approveHash(bytes32)':
      return `Approves hash ${arg(action, 0).slice(0, 10)}… on Safe ${at} (an on-chain signature)`;
  }
  if (action.candidates.length > 1)
    return `Calls ${action.selector} on ${at}: ambiguous, it could be ${action.candidates.join(' or ')}`;
  if (action.signature) return `Calls ${action.signature} on ${at}`;
  if (action.data === '0x')
    return action.value > 0n ? `Sends ${formatUnits(action.value)} native to ${at}` : `Calls ${at} with no data`;
  return `Calls unknown function ${action.selector ?? '(no selector)'} on ${at}`;
}
