import type { DecodedAction } from '../decode/decodedTransaction.js';
import type { AddressBook } from '../decode/addressBook.js';
import { managerRoleName } from '../decode/roleNames.js';
import { finding, type Finding } from './finding.js';
import { delayChangeCode, removedBecause } from './timelockDelayChange.js';

/** AccessManager's PUBLIC_ROLE: every address holds it, so a function given it is restricted to no one. */
const PUBLIC_ROLE = 2n ** 64n - 1n;

/**
 * AccessManager's own delays, where the new value sits in the calldata: a grant delay is the time between a role
 * granted and its holder's first call (the window to see a hostile grant and revoke it), a target admin delay the
 * time before a change of the target's permissions takes effect. Either is a timelock on the permissions,
 * judged as a timelock's delay is (timelockDelayChange.ts). The manager applies a lowering only after its
 * minSetback, which buys days, not a reason to let a delay go.
 */
const DELAYS: Record<string, { valueArg: number; what: (a: DecodedAction, book: AddressBook) => string }> = {
  'setGrantDelay(uint64,uint32)': {
    valueArg: 1,
    what: (a) => `the grant delay of ${managerRoleName(String(a.args[0]?.value))}`,
  },
  'setTargetAdminDelay(address,uint32)': {
    valueArg: 1,
    what: (a, book) => `the admin delay of ${book.label(String(a.args[0]?.value))}`,
  },
};

/**
 * What an OpenZeppelin 5 AccessManager call changes in who may do what, from its calldata: a function opened to
 * everyone, a permission delay lowered or removed. A grant to an unknown address is CONTROL_TO_UNKNOWN_ADDRESS
 * (staticFindings' HANDOVER), as any role's is.
 */
export function accessManagerFindings(
  a: DecodedAction,
  book: AddressBook,
  sentence: string,
  scheduled: { scheduledBy?: string },
): Finding[] {
  if (a.signature === 'setTargetFunctionRole(address,bytes4[],uint64)') {
    if (BigInt(String(a.args[2]?.value ?? '0')) !== PUBLIC_ROLE) return [];
    const selectors = (Array.isArray(a.args[1]?.value) ? a.args[1]!.value : []) as string[];
    return [
      finding(
        'PERMISSION_OPENED_TO_EVERYONE',
        `${sentence}. Anyone, an attacker first, may then call ${selectors.length === 1 ? 'it' : 'them'} on ${book.label(String(a.args[0]?.value))}, whatever ${selectors.length === 1 ? 'it guarded' : 'they guarded'}.`,
        { path: a.path, manager: a.to, target: String(a.args[0]?.value), selectors, ...scheduled },
      ),
    ];
  }
  const delay = a.signature ? DELAYS[a.signature] : undefined;
  if (!delay) return [];
  const next = BigInt(String(a.args[delay.valueArg]?.value ?? '0'));
  // The delay now is not asked of the chain here: a value under the floor is removed whatever it was.
  const code = delayChangeCode(next, undefined);
  const what = delay.what(a, book);
  return [
    finding(
      code,
      code === 'TIMELOCK_DELAY_REMOVED'
        ? `${sentence}. ${what[0]!.toUpperCase()}${what.slice(1)} goes ${removedBecause(next)}.`
        : `${sentence}.`,
      { path: a.path, contract: a.to, next: String(next), ...scheduled },
    ),
  ];
}
