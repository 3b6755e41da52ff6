import { id, zeroPadValue } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import type { ActionClass, DecodedAction, DecodedTransaction } from '../decode/decodedTransaction.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { knownMultiSendAddresses } from '../decode/knownMultiSend.js';
import { tokenAmount } from '../decode/tokenAmount.js';
import type { RiskDiff } from '../primitives/riskDiffTypes.js';
import type { SimulationResult } from '../primitives/simulationTypes.js';
import { isPauseFlag } from './pauseFlags.js';

/** One way the simulation disagrees with what the calldata reads as, in words a guardian can check. */
export interface ClaimContradiction {
  code: 'REVERTS' | 'DELEGATECALL' | 'NO_TRANSFER_EVENT' | 'UNNAMED_CONTROL_CHANGE';
  reason: string;
}

export interface ClaimEvidence {
  decoded: DecodedTransaction;
  simulation: SimulationResult;
  diff: RiskDiff;
  book: AddressBook;
  tokens: ReadonlyMap<string, TokenInfo>;
  /** MultiSends known here beyond safe-deployments' (registered, or recognised by their code). */
  extraMultiSend: readonly string[];
}

const TRANSFER_TOPIC = id('Transfer(address,address,uint256)');
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const word = (address: string) => zeroPadValue(address, 32).toLowerCase();

/**
 * The decoded calls that can account for a change of each kind: a threshold that moves while the calldata reads
 * as a harvest, or an owner that changes under a "pause", is a change the description hides. Null: not a value
 * that decides who controls a contract or whether it runs.
 */
function classesNaming(what: string, control: boolean | undefined): readonly ActionClass[] | null {
  if (what.startsWith('Safe ')) return ['safe-config', 'upgrade'];
  if (what === 'implementation' || what === 'beacon') return ['upgrade'];
  if (what === 'admin' || what === 'owner' || what === 'pending owner') return ['role-or-ownership', 'upgrade'];
  if (isPauseFlag(what)) return ['emergency-pause', 'unpause'];
  if (what === 'timelock delay') return ['timelock'];
  if (/ of 0x[0-9a-fA-F]{40}$/.test(what)) return ['role-or-ownership'];
  return control ? ['role-or-ownership', 'upgrade'] : null;
}

/** Every decoded call, with the account whose storage it runs on: a DELEGATECALL runs on its caller's. */
function withStorageOwner(
  actions: readonly DecodedAction[],
  context: string,
  into: Array<{ action: DecodedAction; storageOwner: string }> = [],
) {
  for (const action of actions) {
    const storageOwner = action.operation === 1 ? context : action.to;
    into.push({ action, storageOwner });
    withStorageOwner(action.children, storageOwner, into);
  }
  return into;
}

/** The addresses a call's arguments give (a ProxyAdmin's upgrade names the proxy it upgrades). */
function addressArgs(action: DecodedAction): string[] {
  return action.args.flatMap((a) =>
    a.type === 'address' && typeof a.value === 'string'
      ? [a.value]
      : a.type === 'address[]' && Array.isArray(a.value)
        ? a.value.filter((v): v is string => typeof v === 'string')
        : [],
  );
}

// The Safe transaction itself has the empty path; a call inside a batch has its own.
const where = (path: string) => (path === '' || path === '0' ? 'The call' : `Call ${path}`);

function delegatecalls(calls: ReturnType<typeof withStorageOwner>, evidence: ClaimEvidence): ClaimContradiction[] {
  const multiSends = knownMultiSendAddresses(evidence.decoded.chainId, evidence.extraMultiSend);
  // A known MultiSend is the one DELEGATECALL whose description is what runs: it only makes the calls it lists.
  return calls
    .filter(({ action }) => action.operation === 1 && !multiSends.has(action.to.toLowerCase()))
    .map(({ action }) => ({
      code: 'DELEGATECALL',
      reason: `${where(action.path)} is a DELEGATECALL to ${evidence.book.label(action.to)}: its code runs as this Safe, on the Safe's own storage, not as the call its calldata reads as`,
    }));
}

/** The amount and recipient a decoded ERC-20/721 transfer names, where its arguments give them. */
function transferOf(action: DecodedAction): { from: string | null; to: string; amount: bigint } | null {
  const value = (i: number) => action.args[i]?.value;
  const asAmount = (v: unknown) => (typeof v === 'string' && /^[0-9]+$/.test(v) ? BigInt(v) : null);
  if (action.signature === 'transfer(address,uint256)') {
    const amount = asAmount(value(1));
    return typeof value(0) === 'string' && amount !== null ? { from: null, to: value(0) as string, amount } : null;
  }
  if (
    action.signature === 'transferFrom(address,address,uint256)' ||
    action.signature?.startsWith('safeTransferFrom(address,address,uint256') === true
  ) {
    const amount = asAmount(value(2));
    if (action.signature.includes('uint256,uint256')) return null; // ERC-1155 speaks TransferSingle: not read here.
    return typeof value(0) === 'string' && typeof value(1) === 'string' && amount !== null
      ? { from: value(0) as string, to: value(1) as string, amount }
      : null;
  }
  return null;
}

function missingTransfers(calls: ReturnType<typeof withStorageOwner>, evidence: ClaimEvidence): ClaimContradiction[] {
  const { events } = evidence.diff;
  return calls.flatMap(({ action }) => {
    const claimed = transferOf(action);
    if (!claimed) return [];
    // ERC-20 keeps the amount in data; ERC-721 indexes the token id as a fourth topic.
    const matches = events.some((e) => {
      if (
        !same(e.address, action.to) ||
        e.topics[0]?.toLowerCase() !== TRANSFER_TOPIC ||
        e.topics[2]?.toLowerCase() !== word(claimed.to)
      )
        return false;
      if (claimed.from !== null && e.topics[1]?.toLowerCase() !== word(claimed.from)) return false;
      const amount = e.topics.length === 4 ? e.topics[3]! : e.data;
      return amount !== '0x' && BigInt(amount) === claimed.amount;
    });
    if (matches) return [];
    const amount = tokenAmount(claimed.amount, evidence.tokens.get(action.to.toLowerCase()));
    return [
      {
        code: 'NO_TRANSFER_EVENT',
        reason: `${where(action.path)} reads as a transfer of ${amount} to ${evidence.book.label(claimed.to)}, but ${evidence.book.label(action.to)} emitted no such Transfer in the simulation`,
      },
    ];
  });
}

/**
 * A pause switch set by a function that says it pauses (setPaused(bool), setDepositsPaused(bool)): no standard
 * signature to class it by, but nothing hidden either, since the flag is what its name says it sets.
 */
const namesPause = (action: DecodedAction, what: string) =>
  isPauseFlag(what) && /pause/i.test(action.signature?.slice(0, action.signature.indexOf('(')) ?? '');

/**
 * A call no standard signature classes (Aave's addEmergencyAdmin, setPoolImpl, setACLAdmin) that passes the very
 * address the change makes holder, implementation or role member: the calldata says it in the open, so it is
 * named, whichever contract it lands on (the AddressesProvider sets the Pool proxy's implementation). A classed
 * call (an approve) passing the same address says something else and names nothing.
 */
function passesValue(action: DecodedAction, change: { what: string; after: string }): boolean {
  if (action.class !== 'unknown') return false;
  const value = / of (0x[0-9a-fA-F]{40})$/.exec(change.what)?.[1] ?? change.after;
  return addressArgs(action).some((a) => same(a, value));
}

function unnamedControlChanges(
  calls: ReturnType<typeof withStorageOwner>,
  evidence: ClaimEvidence,
): ClaimContradiction[] {
  return evidence.diff.contracts.flatMap((contract) =>
    contract.changes.flatMap((change) => {
      const naming = classesNaming(change.what, change.control);
      if (!naming) return [];
      const named = calls.some(
        ({ action, storageOwner }) =>
          passesValue(action, change) ||
          ((naming.includes(action.class) || namesPause(action, change.what)) &&
            (same(storageOwner, contract.address) || addressArgs(action).some((a) => same(a, contract.address)))),
      );
      return named
        ? []
        : [
            {
              code: 'UNNAMED_CONTROL_CHANGE' as const,
              reason: `${change.what} of ${contract.label} changes from ${change.before} to ${change.after}, which no decoded call names`,
            },
          ];
    }),
  );
}

/**
 * Where the simulation says otherwise than the calldata's description: then the description is only what the
 * transaction claims to do, and the queue and the review label it so. Bybit's signers saw "transfer" on a
 * DELEGATECALL that replaced their Safe's singleton (Bybit/Safe post-mortems, February 2025): each of the four
 * checks below would have said so in words. Empty when the simulation bears the description out.
 */
export function claimContradictions(evidence: ClaimEvidence): ClaimContradiction[] {
  const { simulation, decoded } = evidence;
  const calls = withStorageOwner(decoded.actions, decoded.safe);
  const found = delegatecalls(calls, evidence);
  if (!simulation.success)
    found.unshift({
      code: 'REVERTS',
      reason: `The transaction reverts in the simulation (${simulation.revertReason ?? 'no reason given'}): none of what it describes would happen`,
    });
  else if (simulation.innerFailure)
    found.unshift({
      code: 'REVERTS',
      reason: `The Safe's call fails in the simulation (${simulation.innerFailure.reason}): the nonce is used and none of what it describes happens`,
    });
  // A reverted transaction emits nothing and changes nothing: the revert is the whole contradiction.
  if (simulation.success && !simulation.innerFailure)
    found.push(...missingTransfers(calls, evidence), ...unnamedControlChanges(calls, evidence));
  return found;
}
