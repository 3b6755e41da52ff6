import { dataLength, getAddress, Interface, type FunctionFragment, type Result } from 'ethers';
import type { AbiSources } from './abiSources.js';
import type { AddressBook } from './addressBook.js';
import { classifyAction } from './classifyAction.js';
import type { DecodedAction, DecodedArg } from './decodedTransaction.js';
import type { DecodeLimits } from './decodeLimits.js';
import { describeAction, type TokenInfo } from './describeAction.js';
import { decodeMultiSendCalls } from './multiSendDecoding.js';

export interface DecodeContext {
  sources: AbiSources;
  book: AddressBook;
  tokens: ReadonlyMap<string, TokenInfo>;
  knownMultiSend: ReadonlySet<string>;
  limits: DecodeLimits;
  /** Actions decoded so far in this transaction: the budget that stops hostile fan-out. */
  count: number;
  truncated: boolean;
}

export interface CallInput {
  to: string;
  value: bigint;
  data: string;
  operation: 0 | 1;
  depth: number;
  path: string;
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return value;
}

function argsOf(fragment: FunctionFragment, result: Result): DecodedArg[] {
  return fragment.inputs.map((input, i) => ({ name: input.name || `arg${i}`, type: input.type, value: jsonSafe(result[i]) }));
}

/** Calls hidden inside this one: batches, nested Safes, timelock operations, upgrade initialisers. */
function innerCalls(action: DecodedAction, result: Result, ctx: DecodeContext): Array<Omit<CallInput, 'depth' | 'path'>> {
  const name = action.signature!.slice(0, action.signature!.indexOf('('));
  switch (name) {
    case 'multiSend': {
      const { calls, error, truncated } = decodeMultiSendCalls(result[0] as string, ctx.limits.maxActions);
      if (error) action.warnings.push(`The batch is malformed: ${error}; the calls after that point are not shown.`);
      if (truncated) {
        action.warnings.push(`The batch holds more than ${ctx.limits.maxActions} calls; the rest are not shown.`);
        ctx.truncated = true;
      }
      return calls.map((c) => {
        if (c.operation > 1) action.warnings.push(`A call in the batch has operation ${c.operation}, which MultiSend rejects.`);
        return { to: c.to, value: c.value, data: c.data, operation: c.operation === 1 ? 1 : 0 };
      });
    }
    case 'execTransaction':
      return [{ to: getAddress(result[0] as string), value: result[1] as bigint, data: result[2] as string, operation: Number(result[3]) === 1 ? 1 : 0 }];
    case 'schedule':
    case 'execute':
      return [{ to: getAddress(result[0] as string), value: result[1] as bigint, data: result[2] as string, operation: 0 }];
    case 'scheduleBatch':
    case 'executeBatch': {
      const targets = result[0] as string[];
      const values = result[1] as bigint[];
      const payloads = result[2] as string[];
      if (targets.length !== values.length || targets.length !== payloads.length) action.warnings.push('The batch lists different numbers of targets, values and payloads; the timelock would revert.');
      return targets.slice(0, ctx.limits.maxActions).map((t, i) => ({ to: getAddress(t), value: values[i] ?? 0n, data: payloads[i] ?? '0x', operation: 0 }));
    }
    // The initialiser runs in the proxy's storage, so it is decoded against the proxy.
    case 'upgradeToAndCall':
      return (result[1] as string) === '0x' ? [] : [{ to: action.to, value: 0n, data: result[1] as string, operation: 0 }];
    case 'upgradeAndCall':
      return (result[2] as string) === '0x' ? [] : [{ to: getAddress(result[0] as string), value: 0n, data: result[2] as string, operation: 0 }];
    default:
      return [];
  }
}

/**
 * Decodes one call and, within the limits, every call inside it. Never throws on hostile calldata: what it
 * cannot read becomes a warning on the action.
 */
export function decodeCall(input: CallInput, ctx: DecodeContext): DecodedAction {
  ctx.count++;
  const data = input.data.toLowerCase();
  const action: DecodedAction = {
    depth: input.depth,
    path: input.path,
    to: input.to,
    value: input.value,
    operation: input.operation,
    data,
    selector: dataLength(data) >= 4 ? data.slice(0, 10) : null,
    signature: null,
    candidates: [],
    source: 'none',
    args: [],
    children: [],
    class: 'unknown',
    sentence: '',
    warnings: [],
  };
  if (input.operation === 1) {
    action.warnings.push(
      ctx.knownMultiSend.has(input.to.toLowerCase())
        ? 'DELEGATECALL to a known MultiSend deployment: its calls run as the Safe.'
        : 'DELEGATECALL to a contract that is NOT a known MultiSend: its code runs as the Safe and can rewrite the Safe itself.',
    );
  }
  if (dataLength(data) > ctx.limits.maxDataBytes) {
    action.warnings.push(`Calldata of ${dataLength(data)} bytes is over the ${ctx.limits.maxDataBytes}-byte limit; not decoded.`);
    ctx.truncated = true;
  } else if (dataLength(data) > 0 && action.selector === null) {
    action.warnings.push(`Calldata of ${dataLength(data)} bytes is shorter than a function selector.`);
  } else if (action.selector !== null) {
    decodeKnownFunction(action, input, ctx);
  }
  const name = action.signature ? action.signature.slice(0, action.signature.indexOf('(')) : null;
  action.class = classifyAction(name, dataLength(data) > 0, input.value);
  action.sentence = describeAction(action, ctx.book, ctx.tokens);
  return action;
}

function decodeKnownFunction(action: DecodedAction, input: CallInput, ctx: DecodeContext): void {
  const match = ctx.sources.lookup(input.to, action.selector!);
  action.source = match.source;
  action.candidates = match.fragments.map((f) => f.format('sighash'));
  if (match.fragments.length === 0) {
    action.warnings.push(`No known ABI has function ${action.selector}.`);
    return;
  }
  if (match.fragments.length > 1) {
    action.warnings.push(`Selector ${action.selector} matches ${match.fragments.length} signatures; which one this contract has cannot be told from the calldata.`);
    return;
  }
  const fragment = match.fragments[0]!;
  let result: Result;
  let args: DecodedArg[];
  try {
    // ethers checks the selector and every offset and length, but defers some errors until a value is read:
    // reading every argument here keeps a hostile offset from throwing later, outside this guard.
    result = new Interface([fragment]).decodeFunctionData(fragment, action.data);
    args = argsOf(fragment, result);
  } catch {
    action.warnings.push(`The calldata does not decode as ${fragment.format('sighash')}.`);
    return;
  }
  action.signature = fragment.format('sighash');
  action.args = args;
  const inner = innerCalls(action, result, ctx);
  if (inner.length > 0 && input.depth + 1 > ctx.limits.maxDepth) {
    action.warnings.push(`Calls nested deeper than ${ctx.limits.maxDepth} levels are not shown.`);
    ctx.truncated = true;
    return;
  }
  for (const [i, call] of inner.entries()) {
    if (ctx.count >= ctx.limits.maxActions) {
      action.warnings.push(`More than ${ctx.limits.maxActions} actions in this transaction; the rest are not shown.`);
      ctx.truncated = true;
      break;
    }
    action.children.push(decodeCall({ ...call, depth: input.depth + 1, path: input.path ? `${input.path}.${i + 1}` : `${i + 1}` }, ctx));
  }
}
