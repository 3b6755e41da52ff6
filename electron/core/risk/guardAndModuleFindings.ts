import { id, toBeHex } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import { walkList } from '../primitives/safeLinkedList.js';
import type { CallFrame, SimulationResult, StateView } from '../primitives/simulationTypes.js';
import { SAFE_SLOTS } from '../primitives/storageSlots.js';
import { finding, type Finding } from './finding.js';

const ZERO_WORD = toBeHex(0, 32);

/** Guard.checkTransaction (1.3.0 to 1.5.0): what execTransaction asks the guard before it runs anything. */
const CHECK_TRANSACTION = id(
  'checkTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes,address)',
).slice(0, 10);

/**
 * The Safe's storage as the simulation left it: its diff where it wrote (a slot in `pre` but not in `post` was
 * cleared), the state before everywhere else. Enough to walk the module list after the transaction.
 */
function safeStorageAfter(before: StateView, sim: SimulationResult, safe: string): StateView['storage'] {
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

const isAddress = (item: string) => /^0x[0-9a-f]{40}$/.test(item);

/**
 * A guard or module set to an address the address book does not know: a module executes without a single
 * owner's signature and a guard decides every later transaction, so a stranger there controls the Safe as
 * surely as a stranger made owner. Removing one is a protection gone, which SAFE_GUARD_CHANGED and
 * SAFE_MODULES_CHANGED already say at high.
 */
async function controlToStrangers(
  storage: StateView['storage'],
  safe: string,
  book: AddressBook,
  guardBefore: string,
  modulesBefore: readonly string[],
  modules: readonly string[],
): Promise<Finding[]> {
  const guardWord = await storage(safe, SAFE_SLOTS.guard);
  const guard = `0x${guardWord.slice(-40)}`.toLowerCase();
  const strangers: Finding[] = modules
    .filter((m) => isAddress(m) && !modulesBefore.includes(m) && !book.has(m))
    .map((module) =>
      finding(
        'CONTROL_TO_UNKNOWN_ADDRESS',
        `Enables ${book.label(module)} as a module of this Safe, an address outside the address book: it could then execute any transaction from the Safe without the owners' signatures.`,
        { what: 'Safe module', recipient: module },
      ),
    );
  if (BigInt(guard) !== 0n && guard !== guardBefore && !book.has(guard))
    strangers.push(
      finding(
        'CONTROL_TO_UNKNOWN_ADDRESS',
        `Sets ${book.label(guard)} as this Safe's guard, an address outside the address book: it would be asked before every later transaction and could refuse them all, or let through what it likes.`,
        { what: 'Safe guard', recipient: guard },
      ),
    );
  return strangers;
}

function* frames(frame: CallFrame): Generator<CallFrame> {
  yield frame;
  for (const child of frame.calls ?? []) yield* frames(child);
}

/**
 * What the Safe's standing configuration means for this transaction: each enabled module (which can execute
 * anything from the Safe without a single owner's signature), and the guard, judged from the simulation's own
 * call tree, never from what the Safe claims: did the Safe ask it, and did it answer or revert. And a guard or
 * module this transaction hands to a stranger (controlToStrangers).
 */
export async function guardAndModuleFindings(
  before: StateView,
  sim: SimulationResult,
  safe: string,
  book: AddressBook,
): Promise<Finding[]> {
  const [guardWord, modules] = await Promise.all([
    before.storage(safe, SAFE_SLOTS.guard),
    walkList(before, safe, SAFE_SLOTS.modules),
  ]);
  const storageAfter = safeStorageAfter(before, sim, safe);
  const modulesAfter = await walkList({ ...before, storage: storageAfter }, safe, SAFE_SLOTS.modules);
  // A module this transaction disables is still enabled until it executes: said so, not "whatever this one does".
  const findings: Finding[] = modules.map((module) =>
    finding(
      'SAFE_MODULE_INSTALLED',
      modulesAfter.includes(module)
        ? `Module ${book.label(module)} is enabled on this Safe: it can execute any transaction from it without the owners' signatures, whatever this one does.`
        : `Module ${book.label(module)} is enabled on this Safe until this transaction disables it: until then it can execute any transaction from it without the owners' signatures.`,
      { module },
    ),
  );
  const guard = `0x${guardWord.slice(-40)}`.toLowerCase();
  findings.push(...(await controlToStrangers(storageAfter, safe, book, guard, modules, modulesAfter)));
  if (BigInt(guard) === 0n) return findings;
  const asked = [...frames(sim.callTree)].filter(
    (f) =>
      f.from.toLowerCase() === safe.toLowerCase() &&
      f.to?.toLowerCase() === guard &&
      f.input.toLowerCase().startsWith(CHECK_TRANSACTION),
  );
  const evidence = { guard };
  if (asked.length === 0) {
    findings.push(
      finding(
        'SAFE_GUARD_NOT_REACHED',
        `Guard ${book.label(guard)} is set, but the simulation ended before the Safe asked it: whether it lets this transaction through is not known.`,
        evidence,
      ),
    );
  } else if (asked.some((f) => f.error !== undefined)) {
    const refused = asked.find((f) => f.error !== undefined)!;
    const reason = refused.revertReason ?? refused.error;
    findings.push(
      finding(
        'SAFE_GUARD_BLOCKS',
        `Guard ${book.label(guard)} reverts on this transaction${reason ? ` (${reason})` : ''}: signed as it is, it cannot execute.`,
        { ...evidence, reason },
      ),
    );
  } else {
    findings.push(
      finding(
        'SAFE_GUARD_LETS_THROUGH',
        `Guard ${book.label(guard)} checked this transaction in the simulation and let it through.`,
        evidence,
      ),
    );
  }
  return findings;
}
