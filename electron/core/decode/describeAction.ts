import { formatUnits, ZeroAddress } from 'ethers';
import type { AddressBook } from './addressBook.js';
import type { DecodedAction } from './decodedTransaction.js';
import { roleName } from './roleNames.js';

export interface TokenInfo {
  symbol: string;
  decimals: number;
}

function arg(action: DecodedAction, index: number): string {
  return String(action.args[index]?.value ?? '');
}

/** One sentence for one action, in a guardian's words, with addresses named from the address book. */
export function describeAction(action: DecodedAction, book: AddressBook, tokens: ReadonlyMap<string, TokenInfo> = new Map()): string {
  const at = book.label(action.to);
  const who = (i: number) => book.label(arg(action, i));
  const amount = (raw: string) => {
    const token = tokens.get(action.to.toLowerCase());
    return token ? `${formatUnits(BigInt(raw), token.decimals)} ${token.symbol}` : `${raw} (raw units)`;
  };
  const child = action.children[0]?.sentence;
  const name = action.signature ? action.signature.slice(0, action.signature.indexOf('(')) : null;
  switch (name) {
    case 'pause':
      return `Pauses ${at}`;
    case 'unpause':
      return `Unpauses ${at}`;
    case 'upgradeTo':
    case 'upgradeToAndCall':
      return `Upgrades ${at} to implementation ${who(0)}${action.children.length > 0 ? ', then runs its initialiser' : ''}`;
    case 'upgrade':
    case 'upgradeAndCall':
      return `Upgrades ${who(0)} to implementation ${who(1)} through ProxyAdmin ${at}${action.children.length > 0 ? ', then runs its initialiser' : ''}`;
    case 'changeProxyAdmin':
      return `Hands the admin of proxy ${who(0)} to ${who(1)}`;
    case 'addOwnerWithThreshold':
      return `Adds ${who(0)} as an owner of Safe ${at} and sets its threshold to ${arg(action, 1)}`;
    case 'removeOwner':
      return `Removes owner ${who(1)} from Safe ${at} and sets its threshold to ${arg(action, 2)}`;
    case 'swapOwner':
      return `Replaces owner ${who(1)} with ${who(2)} on Safe ${at}`;
    case 'changeThreshold':
      return `Changes the threshold of Safe ${at} to ${arg(action, 0)}`;
    case 'enableModule':
      return `Enables module ${who(0)} on Safe ${at}: it can then move the Safe's assets without signatures`;
    case 'disableModule':
      return `Disables module ${who(1)} on Safe ${at}`;
    case 'setGuard':
    case 'setModuleGuard':
      return arg(action, 0) === ZeroAddress ? `Removes the guard of Safe ${at}` : `Sets the guard of Safe ${at} to ${who(0)}`;
    case 'setFallbackHandler':
      return `Sets the fallback handler of Safe ${at} to ${who(0)}`;
    case 'changeMasterCopy':
      return `Replaces the code (singleton) of Safe ${at} with ${who(0)}`;
    case 'transferOwnership':
      return `Transfers ownership of ${at} to ${who(0)}`;
    case 'renounceOwnership':
      return `Renounces ownership of ${at}: nobody will own it`;
    case 'acceptOwnership':
      return `Accepts ownership of ${at}`;
    case 'grantRole':
      return `Grants ${roleName(arg(action, 0))} on ${at} to ${who(1)}`;
    case 'revokeRole':
    case 'renounceRole':
      return `Removes ${roleName(arg(action, 0))} on ${at} from ${who(1)}`;
    case 'schedule':
      return `Schedules on timelock ${at}, executable after ${arg(action, 5)} s: ${child ?? 'a call'}`;
    case 'scheduleBatch':
      return `Schedules ${action.children.length} calls on timelock ${at}, executable after ${arg(action, 5)} s`;
    case 'execute':
      return `Executes on timelock ${at}: ${child ?? 'a scheduled call'}`;
    case 'executeBatch':
      return `Executes ${action.children.length} scheduled calls on timelock ${at}`;
    case 'cancel':
      return `Cancels timelock operation ${arg(action, 0).slice(0, 10)}… on ${at}`;
    case 'updateDelay':
      return `Sets the delay of timelock ${at} to ${arg(action, 0)} s`;
    case 'transfer':
      return `Transfers ${amount(arg(action, 1))} of ${at} to ${who(0)}`;
    case 'transferFrom':
      return `Moves ${amount(arg(action, 2))} of ${at} from ${who(0)} to ${who(1)}`;
    case 'approve':
      return `Allows ${who(0)} to spend ${amount(arg(action, 1))} of ${at}`;
    case 'multiSend':
      return `Runs a batch of ${action.children.length} calls through MultiSend ${at}`;
    case 'execTransaction':
      return `Executes on nested Safe ${at}: ${child ?? 'a transaction'}`;
    case 'approveHash':
      return `Approves hash ${arg(action, 0).slice(0, 10)}… on Safe ${at} (an on-chain signature)`;
  }
  if (action.candidates.length > 1) return `Calls ${action.selector} on ${at}: ambiguous, it could be ${action.candidates.join(' or ')}`;
  if (action.signature) return `Calls ${action.signature} on ${at}`;
  if (action.data === '0x') return action.value > 0n ? `Sends ${formatUnits(action.value)} native to ${at}` : `Calls ${at} with no data`;
  return `Calls unknown function ${action.selector ?? '(no selector)'} on ${at}`;
}
