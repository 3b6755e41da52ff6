import { AbiCoder, dataLength, Result, type FunctionFragment } from 'ethers';
import { fragmentSignature } from '../primitives/abiFragments.js';
import { assertAbiReadBound } from '../primitives/abiReadBound.js';
import { isGuardianError } from '../errors.js';
import type { AbiSources } from './abiSources.js';
import type { AddressBook } from './addressBook.js';
import { classifyAction } from './classifyAction.js';
import type { DecodedAction, DecodedArg } from './decodedTransaction.js';
import type { DecodeLimits } from './decodeLimits.js';
import { describeAction } from './describeAction.js';
import type { TokenInfo } from '../primitives/tokenInfo.js';
import { descriptorFields } from './erc7730/descriptorFields.js';
import { findDescriptor, type DescriptorMatch, type TrustedDescriptor } from './erc7730/trustedDescriptors.js';
import { hexBytes } from '../primitives/hexBytes.js';
import { innerCalls, type InnerCall } from './innerCalls.js';
import type { ReadProposal } from './proposalActions.js';
import { officialTargetWarning } from './officialTargetWarning.js';
import { rememberArguments, rememberedArguments } from './rememberedArguments.js';

export interface DecodeContext {
  sources: AbiSources;
  book: AddressBook;
  tokens: ReadonlyMap<string, TokenInfo>;
  knownMultiSend: ReadonlySet<string>;
  multiSendCallOnly: ReadonlySet<string>;
  /** Official Safe deployments on this chain, lowercase address to name. */
  officialSafe: ReadonlyMap<string, string>;
  chainId: bigint;
  /** The Safe whose transaction this is: the shipped Safe descriptor covers its calls to itself. */
  safe: string;
  /** ERC-7730 descriptors the guardian trusts (and the shipped ones), each for the deployments it names. */
  descriptors: readonly TrustedDescriptor[];
  limits: DecodeLimits;
  /** What a governor holds for a proposal voted on (DecodeOptions.readProposal). */
  readProposal?: ReadProposal;
  /** Actions decoded so far in this transaction: the budget that stops hostile fan-out. */
  count: number;
  /** Calldata bytes decoded so far, every action's own included. */
  bytes: number;
  truncated: boolean;
}

export interface CallInput extends InnerCall {
  depth: number;
  path: string;
}

const coder = AbiCoder.defaultAbiCoder();

/** What ethers returns for a function without arguments; a Result cannot be changed, so one serves every call. */
const NO_ARGUMENTS = Result.fromItems([]);

/**
 * The arguments after the selector, which the ABI lookup already matched: what decodeFunctionData does, minus
 * re-hashing the signature. Bounded first: hostile offsets could otherwise make the calldata decode as a
 * thousand times its size (abiReadBound.ts).
 */
function decodeBounded(fragment: FunctionFragment, data: string): Result {
  // Nothing to read (pause(), unpause()): no coders to build.
  if (fragment.inputs.length === 0) return NO_ARGUMENTS;
  const args = hexBytes(data).subarray(4);
  assertAbiReadBound(fragment.inputs, args);
  return coder.decode(fragment.inputs, args);
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return value;
}

function argsOf(fragment: FunctionFragment, result: Result): DecodedArg[] {
  return fragment.inputs.map((input, i) => ({
    name: input.name || `arg${i}`,
    type: input.type,
    value: jsonSafe(result[i]),
  }));
}

/**
 * Decodes one call and, within the limits, every call inside it. Never throws on hostile calldata: what it
 * cannot read becomes a warning on the action.
 */
export function decodeCall(input: CallInput, ctx: DecodeContext): DecodedAction {
  const data = input.data.toLowerCase();
  const size = dataLength(data);
  ctx.count++;
  ctx.bytes += size;
  const action: DecodedAction = {
    depth: input.depth,
    path: input.path,
    to: input.to,
    value: input.value,
    operation: input.operation,
    data,
    selector: size >= 4 ? data.slice(0, 10) : null,
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
  if (size > ctx.limits.maxDataBytes) {
    action.warnings.push(`Calldata of ${size} bytes is over the ${ctx.limits.maxDataBytes}-byte limit; not decoded.`);
    ctx.truncated = true;
  } else if (size > 0 && action.selector === null) {
    action.warnings.push(`Calldata of ${size} bytes is shorter than a function selector.`);
  } else if (action.selector !== null) {
    decodeKnownFunction(action, input, ctx);
  }
  action.class = classifyAction(
    action.signature,
    size > 0,
    input.value,
    action.args.map((a) => String(a.value)),
  );
  action.sentence = describeAction(action, ctx.book, ctx.tokens);
  if (action.clearSigning) {
    action.clearSigning.ownWords = action.sentence;
    const fields = action.clearSigning.fields.map((f) => `${f.label} ${f.value}`).join(', ');
    action.sentence = `${action.clearSigning.intent} on ${ctx.book.label(action.to)}${fields ? `: ${fields}` : ''}`;
  }
  return action;
}

/**
 * The descriptor's words, when it describes the very function decoded: a descriptor whose signature for this
 * selector differs from the registered ABI's is not used, since its paths would name other arguments.
 */
function applyDescriptor(action: DecodedAction, described: DescriptorMatch, ctx: DecodeContext): void {
  if (described.format.signature !== action.signature) {
    action.warnings.push(
      `${described.source} describes ${action.selector} as ${described.format.signature}, but the registered ABI decodes it as ${action.signature}; the descriptor is not used.`,
    );
    return;
  }
  const { fields, problems } = descriptorFields(
    described.format.fields,
    action,
    described.trusted.descriptor,
    ctx.book,
    ctx.tokens,
  );
  action.warnings.push(...problems);
  action.clearSigning = { intent: described.format.intent, fields, source: described.source, ownWords: '' };
}

function decodeKnownFunction(action: DecodedAction, input: CallInput, ctx: DecodeContext): void {
  let match = ctx.sources.lookup(input.to, action.selector!);
  const described = findDescriptor(ctx.descriptors, ctx.chainId, ctx.safe, input.to, action.selector!);
  // Tied to this address like a registered ABI, a trusted descriptor's signature outranks any unbound source.
  if (described && match.source !== 'registered')
    match = { source: 'descriptor', fragments: [described.format.fragment] };
  action.source = match.source;
  action.candidates = match.fragments.map(fragmentSignature);
  if (match.fragments.length === 0) {
    action.warnings.push(`No known ABI has function ${action.selector}.`);
    return;
  }
  if (match.fragments.length > 1) {
    action.warnings.push(
      `Selector ${action.selector} matches ${match.fragments.length} signatures (${action.candidates.join(', ')}); which one this contract has cannot be told from the calldata.`,
    );
    return;
  }
  const fragment = match.fragments[0]!;
  let result: Result;
  let args: DecodedArg[];
  try {
    const known = rememberedArguments(fragment, action.data);
    // ethers checks the selector and every offset and length, but defers some errors until a value is read:
    // reading every argument here keeps a hostile offset from throwing later, outside this guard.
    result = known ?? decodeBounded(fragment, action.data);
    args = argsOf(fragment, result);
    // A function without arguments (pause()) has nothing to decode, so nothing to remember.
    if (!known && fragment.inputs.length > 0) rememberArguments(fragment, action.data, result);
  } catch (error) {
    action.warnings.push(
      isGuardianError(error, 'DECODE_FAILED')
        ? `The calldata does not decode as ${fragmentSignature(fragment)}: ${error.message}`
        : `The calldata does not decode as ${fragmentSignature(fragment)}.`,
    );
    return;
  }
  action.signature = fragmentSignature(fragment);
  action.args = args;
  if (described) applyDescriptor(action, described, ctx);
  const unofficial = officialTargetWarning(action, ctx.officialSafe, ctx.chainId);
  if (unofficial) action.warnings.push(unofficial);
  let inner;
  try {
    inner = innerCalls(action, result, ctx.limits.maxActions, ctx.readProposal);
  } catch {
    action.warnings.push('The calls inside this one could not be read.');
    ctx.truncated = true;
    return;
  }
  if (inner.cut) ctx.truncated = true;
  if (
    action.signature === 'multiSend(bytes)' &&
    ctx.multiSendCallOnly.has(action.to.toLowerCase()) &&
    inner.calls.some((c) => c.operation === 1)
  ) {
    action.warnings.push(
      'MultiSendCallOnly reverts on a DELEGATECALL inside its batch: this transaction would fail as a whole.',
    );
  }
  if (inner.calls.length > 0 && input.depth + 1 > ctx.limits.maxDepth) {
    action.warnings.push(`Calls nested deeper than ${ctx.limits.maxDepth} levels are not shown.`);
    ctx.truncated = true;
    return;
  }
  for (const [i, call] of inner.calls.entries()) {
    const stop = budgetExceeded(call, ctx);
    if (stop) {
      action.warnings.push(`${stop}; the rest are not shown, from inner call ${i + 1} on.`);
      ctx.truncated = true;
      break;
    }
    action.children.push(
      decodeCall({ ...call, depth: input.depth + 1, path: input.path ? `${input.path}.${i + 1}` : `${i + 1}` }, ctx),
    );
  }
  if (inner.cut && !action.warnings.some((w) => w.includes('not shown')))
    action.warnings.push(`The calldata holds more than ${ctx.limits.maxActions} inner calls; the rest are not shown.`);
}

function budgetExceeded(call: InnerCall, ctx: DecodeContext): string | null {
  if (ctx.count >= ctx.limits.maxActions) return `More than ${ctx.limits.maxActions} actions in this transaction`;
  if (ctx.bytes + dataLength(call.data) > ctx.limits.maxTotalBytes)
    return `More than ${ctx.limits.maxTotalBytes} bytes of calldata in this transaction`;
  return null;
}
