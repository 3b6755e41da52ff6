import { id } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import { walkList } from '../primitives/safeLinkedList.js';
import type { CallFrame, SimulationResult, StateView } from '../primitives/simulationTypes.js';
import { SAFE_SLOTS } from '../primitives/storageSlots.js';
import { finding, type Finding } from './finding.js';

/** Guard.checkTransaction (1.3.0 to 1.5.0): what execTransaction asks the guard before it runs anything. */
const CHECK_TRANSACTION = id(
  'checkTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes,address)',
).slice(0, 10);

function* frames(frame: CallFrame): Generator<CallFrame> {
  yield frame;
  for (const child of frame.calls ?? []) yield* frames(child);
}

/**
 * What the Safe's standing configuration means for this transaction: each enabled module (which can execute
 * anything from the Safe without a single owner's signature), and the guard, judged from the simulation's own
 * call tree, never from what the Safe claims: did the Safe ask it, and did it answer or revert.
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
  const findings: Finding[] = modules.map((module) =>
    finding(
      'SAFE_MODULE_INSTALLED',
      `Module ${book.label(module)} is enabled on this Safe: it can execute any transaction from it without the owners' signatures, whatever this one does.`,
      { module },
    ),
  );
  const guard = `0x${guardWord.slice(-40)}`.toLowerCase();
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
