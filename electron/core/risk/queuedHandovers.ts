import { AbiCoder, FunctionFragment, Interface } from 'ethers';
import type { AddressBook } from '../decode/addressBook.js';
import { abiSourcesFor } from '../decode/abiSources.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { CallFrame, SimulationResult } from '../primitives/simulationTypes.js';
import { finding, type Finding } from './finding.js';
import { HANDOVER, ZERO_REMOVES } from './staticFindings.js';

const timelocks = new Interface([
  'function queueTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)',
  'function schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)',
]);
const QUEUE = timelocks.getFunction('queueTransaction')!;
const SCHEDULE = timelocks.getFunction('schedule')!;
const coder = AbiCoder.defaultAbiCoder();

interface Queued {
  timelock: string;
  by: string;
  target: string;
  /** The call's arguments and its function, or null when neither a signature nor one known selector says. */
  fragment: FunctionFragment | null;
  args: string;
  when: string;
}

/** A timelock call in the trace, read as what it queues: a Compound queueTransaction or an OZ schedule. */
function queuedBy(frame: CallFrame): Queued | null {
  if (!frame.to || frame.error || frame.type !== 'CALL') return null;
  const { to } = frame;
  const selector = frame.input.slice(0, 10).toLowerCase();
  try {
    if (selector === QUEUE.selector) {
      const [target, , signature, data, eta] = timelocks.decodeFunctionData(QUEUE, frame.input);
      const target_ = checksumAddress(target as string);
      const withSignature = (signature as string) !== '';
      return {
        timelock: checksumAddress(to.toLowerCase()),
        by: checksumAddress(frame.from.toLowerCase()),
        target: target_,
        fragment: withSignature ? FunctionFragment.from(`function ${signature as string}`) : known(target_, data),
        args: withSignature ? (data as string) : `0x${(data as string).slice(10)}`,
        when: `to run from unix time ${String(eta)}`,
      };
    }
    if (selector === SCHEDULE.selector) {
      const [target, , data, , , delay] = timelocks.decodeFunctionData(SCHEDULE, frame.input);
      const target_ = checksumAddress(target as string);
      return {
        timelock: checksumAddress(to.toLowerCase()),
        by: checksumAddress(frame.from.toLowerCase()),
        target: target_,
        fragment: known(target_, data as string),
        args: `0x${(data as string).slice(10)}`,
        when: `to run after ${String(delay)} s`,
      };
    }
  } catch {
    // Calldata the timelock itself would refuse queues nothing.
  }
  return null;
}

/** The one function the bundled ABIs or the selector table know for this selector; none when it is ambiguous. */
function known(target: string, data: string): FunctionFragment | null {
  const { fragments } = abiSourcesFor().lookup(target, data.slice(0, 10));
  return fragments.length === 1 ? fragments[0]! : null;
}

function frames(frame: CallFrame, visit: (f: CallFrame) => void): void {
  visit(frame);
  for (const child of frame.calls ?? []) frames(child, visit);
}

/**
 * Control handed to a stranger by a call that a contract, not the Safe, queues in a timelock during this
 * transaction. A GovernorAlpha's queue(id) hands its timelock the actions of a passed proposal: the calldata says
 * only "queue proposal 3", the trace says what will run. A queued handover is judged as the handover it schedules,
 * as the Safe's own queueTransaction is from its calldata (staticFindings.ts), which is why the Safe's own calls
 * are left to that rule. Only successful frames: a reverted one queues nothing.
 */
export function queuedHandoverFindings(sim: SimulationResult, safe: string, book: AddressBook): Finding[] {
  const found: Finding[] = [];
  frames(sim.callTree, (frame) => {
    if (frame.from.toLowerCase() === safe.toLowerCase()) return;
    const queued = queuedBy(frame);
    const signature = queued?.fragment?.format('sighash');
    const at = signature === undefined ? undefined : HANDOVER[signature];
    if (!queued?.fragment || at === undefined) return;
    let recipient: string;
    try {
      recipient = checksumAddress(String(coder.decode(queued.fragment.inputs, queued.args)[at]));
    } catch {
      return;
    }
    if (book.has(recipient) || (ZERO_REMOVES.has(signature!) && BigInt(recipient) === 0n)) return;
    found.push(
      finding(
        'CONTROL_TO_UNKNOWN_ADDRESS',
        `${book.label(queued.by)} queues on timelock ${book.label(queued.timelock)}, ${queued.when}: ${signature} on ${book.label(queued.target)}, to ${recipient}, which is not a known owner, contract or deployment.`,
        {
          timelock: queued.timelock,
          queuedBy: queued.by,
          contract: queued.target,
          signature,
          recipient,
        },
      ),
    );
  });
  return found;
}
