import { fragmentSignature } from '../primitives/abiFragments.js';
import type { AbiSources } from '../decode/abiSources.js';
import type { AddressBook } from '../decode/addressBook.js';
import { checksumAddress } from '../primitives/checksumAddress.js';
import type { CallFrame } from '../primitives/simulationTypes.js';

/** One call of the simulated transaction, in the order the EVM made them. */
export interface CallLine {
  /** 0 for the call into the Safe; each nested call one deeper. */
  depth: number;
  /** CALL, DELEGATECALL, STATICCALL, CREATE, ... as the tracer names it. */
  type: string;
  from: string;
  /** Null for a contract creation that failed before it had an address. */
  to: string | null;
  /** The callee as the address book names it ("Vault (0x1234…abcd)"), the checksummed address when it does not. */
  toLabel: string | null;
  /**
   * The function as the decode sources name it, every candidate where they disagree, marked as a guess where
   * only the offline selector table knows it, or the bare selector.
   */
  fn: string;
  value: bigint;
  /** Why this call failed, when it did: everything it and its calls did is undone. */
  error: string | null;
}

export interface CallTree {
  lines: CallLine[];
  /** Calls past the limit, not listed: a hostile transaction can make thousands. */
  omitted: number;
}

/** Enough for any real governance transaction; the rest is counted, not listed. */
export const CALL_LINES_SHOWN = 300;

function functionName(frame: CallFrame, sources: AbiSources): string {
  if (frame.type.startsWith('CREATE')) return 'creates a contract';
  if (frame.input.length < 10) return frame.input === '0x' ? 'no data' : `partial selector ${frame.input}`;
  const selector = frame.input.slice(0, 10).toLowerCase();
  const { source, fragments } = sources.lookup(frame.to ?? '', selector);
  if (fragments.length === 0) return selector;
  const names = fragments.map(fragmentSignature).join(' or ');
  // The offline table only knows what some function with this selector was once called: a hostile contract
  // can choose a selector that reads as a harmless name.
  return source === 'selector-table' ? `${names} (guessed from the selector)` : names;
}

/**
 * The simulation's call tree as lines a guardian reads top to bottom: who called whom, how (a DELEGATECALL runs
 * the callee's code with the caller's storage and funds), which function, with what value, and what failed.
 * What the calldata says is one thing; this is what the transaction did.
 */
export function callTreeLines(
  root: CallFrame,
  sources: AbiSources,
  book: AddressBook,
  limit = CALL_LINES_SHOWN,
): CallTree {
  const lines: CallLine[] = [];
  let omitted = 0;
  // A batch calls the same functions over and over: each is named once.
  const names = new Map<string, string>();
  const nameOf = (frame: CallFrame) => {
    const key = `${frame.type}:${frame.to ?? ''}:${frame.input.slice(0, 10)}`;
    let name = names.get(key);
    if (name === undefined) names.set(key, (name = functionName(frame, sources)));
    return name;
  };
  // Depth-first with an explicit stack: a trace's depth is the EVM's (1024), deeper than recursion should go.
  const stack: Array<{ frame: CallFrame; depth: number }> = [{ frame: root, depth: 0 }];
  while (stack.length > 0) {
    const { frame, depth } = stack.pop()!;
    if (lines.length >= limit) omitted++;
    else {
      lines.push({
        depth,
        type: frame.type.toUpperCase(),
        from: checksumAddress(frame.from),
        to: frame.to ? checksumAddress(frame.to) : null,
        toLabel: frame.to ? book.label(frame.to) : null,
        fn: nameOf(frame),
        value: frame.value ? BigInt(frame.value) : 0n,
        error: frame.error ? (frame.revertReason ? `${frame.error}: ${frame.revertReason}` : frame.error) : null,
      });
    }
    const children = frame.calls ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ frame: children[i]!, depth: depth + 1 });
  }
  return { lines, omitted };
}
