import { toBeHex } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import { walkList } from '../primitives/safeLinkedList.js';
import type { SimulationResult, StateView } from '../primitives/simulationTypes.js';
import { SAFE_SLOTS } from '../primitives/storageSlots.js';
import { finding, type Finding } from './finding.js';

const ZERO_WORD = toBeHex(0, 32);

/**
 * The Safe's storage as the simulation left it: its diff where it wrote (a slot in `pre` but not in `post` was
 * cleared), the state before everywhere else.
 */
export function safeStorageAfter(before: StateView, sim: SimulationResult, safe: string): StateView['storage'] {
  const find = (state: SimulationResult['diff']['pre']) =>
    Object.entries(state).find(([a]) => a.toLowerCase() === safe.toLowerCase())?.[1]?.storage ?? {};
  const bySlot = (words: Record<string, string>) =>
    new Map(Object.entries(words).map(([slot, word]) => [BigInt(slot), word]));
  const pre = bySlot(find(sim.diff.pre));
  const post = bySlot(find(sim.diff.post));
  return async (address, slot) => {
    if (address.toLowerCase() !== safe.toLowerCase()) return before.storage(address, slot);
    const key = BigInt(slot);
    return post.get(key) ?? (pre.has(key) ? ZERO_WORD : before.storage(address, slot));
  };
}

/** Whether the transaction wrote any slot of the Safe but its nonce: if not, no control value of it changed. */
function wroteSafeConfig(sim: SimulationResult, safe: string): boolean {
  const nonce = BigInt(SAFE_SLOTS.nonce);
  return [sim.diff.pre, sim.diff.post].some((state) =>
    Object.entries(state).some(
      ([a, account]) =>
        a.toLowerCase() === safe.toLowerCase() && Object.keys(account.storage ?? {}).some((s) => BigInt(s) !== nonce),
    ),
  );
}

const isAddress = (item: string) => /^0x[0-9a-f]{40}$/.test(item);
const asAddress = (word: string) => `0x${word.slice(-40)}`.toLowerCase();

/** What a stranger in each control value of the Safe can then do: why each is as bad as a stranger made owner. */
const CAN_THEN = {
  'Safe owner': (label: string) =>
    `Adds ${label} as an owner of this Safe, an address outside the address book: its signature then counts toward the threshold of every later transaction.`,
  'Safe module': (label: string) =>
    `Enables ${label} as a module of this Safe, an address outside the address book: it could then execute any transaction from the Safe without the owners' signatures.`,
  'Safe guard': (label: string) =>
    `Sets ${label} as this Safe's guard, an address outside the address book: it would be asked before every later transaction and could refuse them all, or let through what it likes.`,
  'Safe module guard': (label: string) =>
    `Sets ${label} as this Safe's module guard, an address outside the address book: it would be asked before every transaction a module executes and could refuse them, or let through what it likes.`,
} as const;

/**
 * An owner, module, guard or module guard that the Safe holds after the transaction and did not before, at an
 * address the address book does not know. Read from the Safe's storage after the simulation, not from the
 * calldata: the same change made inside a MultiSend batch, by a contract the Safe delegatecalls writing the slot
 * itself (no setGuard to decode), or by a module calling back is found alike. Removing one is a protection gone,
 * which SAFE_GUARD_CHANGED, SAFE_MODULES_CHANGED and SAFE_OWNERS_CHANGED already say at high.
 */
export async function safeControlToStrangers(
  before: StateView,
  sim: SimulationResult,
  safe: string,
  book: AddressBook,
): Promise<Finding[]> {
  if (!wroteSafeConfig(sim, safe)) return [];
  const after: StateView = { ...before, storage: safeStorageAfter(before, sim, safe) };
  const lists = (view: StateView) =>
    Promise.all([walkList(view, safe, SAFE_SLOTS.owners), walkList(view, safe, SAFE_SLOTS.modules)]);
  const guards = (view: StateView) =>
    Promise.all(
      [SAFE_SLOTS.guard, SAFE_SLOTS.moduleGuard].map(async (slot) => asAddress(await view.storage(safe, slot))),
    );
  const [[ownersBefore, modulesBefore], [ownersAfter, modulesAfter], guardsBefore, guardsAfter] = await Promise.all([
    lists(before),
    lists(after),
    guards(before),
    guards(after),
  ]);
  const added = (what: keyof typeof CAN_THEN, was: readonly string[], is: readonly string[]) =>
    is
      .filter((a) => isAddress(a) && BigInt(a) !== 0n && !was.includes(a) && !book.has(a))
      .map((a) => finding('CONTROL_TO_UNKNOWN_ADDRESS', CAN_THEN[what](book.label(a)), { what, recipient: a }));
  return [
    ...added('Safe owner', ownersBefore, ownersAfter),
    ...added('Safe module', modulesBefore, modulesAfter),
    ...added('Safe guard', [guardsBefore[0]!], [guardsAfter[0]!]),
    ...added('Safe module guard', [guardsBefore[1]!], [guardsAfter[1]!]),
  ];
}
