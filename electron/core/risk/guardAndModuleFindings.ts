import { id } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import { walkList } from '../primitives/safeLinkedList.js';
import type { CallFrame, SimulationResult, StateView } from '../primitives/simulationTypes.js';
import { SAFE_SLOTS } from '../primitives/storageSlots.js';
import { finding, type Finding } from './finding.js';
import { safeControlToStrangers, safeStorageAfter } from './safeControlToStrangers.js';

/** Guard.checkTransaction (1.3.0 to 1.5.0): what execTransaction asks the guard before it runs anything. */
const CHECK_TRANSACTION = id(
  'checkTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes,address)',
).slice(0, 10);

const asAddress = (word: string) => `0x${word.slice(-40)}`.toLowerCase();

function* frames(frame: CallFrame): Generator<CallFrame> {
  yield frame;
  for (const child of frame.calls ?? []) yield* frames(child);
}

/**
 * What the Safe's standing configuration means for this transaction: each enabled module (which can execute
 * anything from the Safe without a single owner's signature), and the guard, judged from the simulation's own
 * call tree, never from what the Safe claims: did the Safe ask it, and did it answer or revert. A module guard
 * (Safe 1.5.0) is named, though this transaction never asks it. And an owner, module, guard or module guard this
 * transaction hands to a stranger (safeControlToStrangers).
 */
export async function guardAndModuleFindings(
  before: StateView,
  sim: SimulationResult,
  safe: string,
  book: AddressBook,
): Promise<Finding[]> {
  const [guardWord, moduleGuardWord, modules, strangers] = await Promise.all([
    before.storage(safe, SAFE_SLOTS.guard),
    before.storage(safe, SAFE_SLOTS.moduleGuard),
    walkList(before, safe, SAFE_SLOTS.modules),
    safeControlToStrangers(before, sim, safe, book),
  ]);
  const modulesAfter = await walkList(
    { ...before, storage: safeStorageAfter(before, sim, safe) },
    safe,
    SAFE_SLOTS.modules,
  );
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
  const moduleGuard = asAddress(moduleGuardWord);
  if (BigInt(moduleGuard) !== 0n)
    findings.push(
      finding(
        'SAFE_MODULE_GUARD_SET',
        `Module guard ${book.label(moduleGuard)} is set on this Safe: it is asked before every transaction a module executes (not before this one, which the owners sign).`,
        { moduleGuard },
      ),
    );
  findings.push(...strangers);
  const guard = asAddress(guardWord);
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
