import { FunctionFragment, Interface, type InterfaceAbi, type ParamType } from 'ethers';
import type { ArtifactAbi, RegisteredAbi } from '../decode/abiSources.js';
import { checksumAddress } from '../primitives/checksumAddress.js';

/** A view function the console can ask a contract, with the calldata that asks it. */
export interface Getter {
  /** The function's name (`paused`), or the call with its key (`balanceOf(0xSafe…)`) for a keyed getter. */
  label: string;
  name: string;
  selector: string;
  data: string;
  fragment: FunctionFragment;
  /** Takes its arguments from the transaction's events (a holder, a role and an account): it reads a mapping entry. */
  keyed: boolean;
  /**
   * For a getter that answers several words (a public struct, `config()`), the one this reads: its position in
   * the answer, its name and its type. Each word is compared on its own, so a fee packed beside a flag is named.
   */
  field?: { index: number; name: string; type: string };
}

/** The type of the one word a getter's reading is. */
export const answerType = (getter: Getter): string => getter.field?.type ?? getter.fragment.outputs[0]!.type;

/** The name a getter's reading goes by: the struct field's, or the function's. */
export const meaningName = (getter: Getter): string => getter.field?.name ?? getter.name;

/**
 * Getters the console knows by convention, with their return types, for a contract nobody registered an ABI
 * for: most deployed protocols are neither verified here nor OpenZeppelin 5 fixtures.
 */
const KNOWN_GETTERS = [
  'function owner() view returns (address)',
  'function pendingOwner() view returns (address)',
  'function admin() view returns (address)',
  'function pendingAdmin() view returns (address)',
  'function defaultAdmin() view returns (address)',
  'function getACLAdmin() view returns (address)',
  'function guardian() view returns (address)',
  'function governance() view returns (address)',
  'function paused() view returns (bool)',
  'function getMinDelay() view returns (uint256)',
  // Compound's Timelock and its forks (Uniswap's, most DAOs'): explainByGetters reads it as the timelock's delay.
  'function delay() view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function getTimestamp(bytes32) view returns (uint256)',
];

/** How many getters one contract is asked, at most: a review stays bounded whatever an ABI declares. */
export const MAX_GETTERS = 48;

/** A selector as solc's dispatcher pushes it: PUSH4, or a shorter PUSH where its leading bytes are zero. */
function dispatcherPush(selector: string): string {
  const bytes = selector.slice(2).replace(/^(00)+/, '');
  const length = Math.max(bytes.length / 2, 1);
  return `${(0x5f + length).toString(16)}${bytes.padStart(length * 2, '0')}`;
}

export function inDispatcher(code: string, selector: string): boolean {
  return code.toLowerCase().includes(dispatcherPush(selector));
}

/**
 * Parsed once per ABI object, not once per review: building ethers fragments was most of a getter
 * comparison's own time (measured), and the ABIs a console holds do not change between reviews.
 */
const parsed = new WeakMap<object, FunctionFragment[]>();

function fragmentsOf(abi: InterfaceAbi): FunctionFragment[] {
  const known = typeof abi === 'object' ? parsed.get(abi) : undefined;
  if (known) return known;
  let fragments: FunctionFragment[];
  try {
    fragments = new Interface(abi).fragments.filter(
      (f): f is FunctionFragment => f instanceof FunctionFragment && isGetter(f),
    );
  } catch {
    fragments = [];
  }
  if (typeof abi === 'object') parsed.set(abi, fragments);
  return fragments;
}

const KNOWN_FRAGMENTS = KNOWN_GETTERS.map((g) => FunctionFragment.from(g));

/** ethers computes a fragment's selector (a Keccak) on every read of it: once per fragment here. */
const selectors = new WeakMap<FunctionFragment, string>();
function selectorOf(fragment: FunctionFragment): string {
  let selector = selectors.get(fragment);
  if (selector === undefined) selectors.set(fragment, (selector = fragment.selector));
  return selector;
}

/** One coder per fragment, made when first needed: encoding and decoding a getter's call need nothing else. */
const coders = new WeakMap<FunctionFragment, Interface>();
function coderOf(fragment: FunctionFragment): Interface {
  let coder = coders.get(fragment);
  if (!coder) coders.set(fragment, (coder = new Interface([fragment])));
  return coder;
}

/**
 * Which selectors a code's dispatcher holds, per code: the same contract is reviewed again and again, and the
 * search through its bytecode is the same each time. Bounded: the oldest code is forgotten first.
 */
const dispatchers = new Map<string, Map<string, boolean>>();
const MAX_CODES = 64;

/**
 * The selectors known of one code. Looked up once per code, not once per selector: a code read from a new
 * answer is a new string, and finding it among the keys compares it byte for byte (tens of kilobytes).
 */
function knownOf(code: string): Map<string, boolean> {
  let known = dispatchers.get(code);
  if (!known) {
    if (dispatchers.size >= MAX_CODES) dispatchers.delete(dispatchers.keys().next().value!);
    dispatchers.set(code, (known = new Map()));
  }
  return known;
}

function holds(code: string, known: Map<string, boolean>, selector: string): boolean {
  let answer = known.get(selector);
  if (answer === undefined) known.set(selector, (answer = inDispatcher(code, selector)));
  return answer;
}

export function codeHolds(code: string, selector: string): boolean {
  return holds(code, knownOf(code), selector);
}

/**
 * codeHolds for one code asked many selectors (a getter comparison asks one per getter): the code is found among
 * those known once, not once per selector.
 */
export function codeHolder(code: string): (selector: string) => boolean {
  const known = knownOf(code);
  return (selector) => holds(code, known, selector);
}

const ONE_WORD_TYPE = /^(address|bool|u?int(\d+)|bytes(\d+))$/;
/** Fields of one struct answer compared, at most: Aave's getReserveData has 15. */
const MAX_FIELDS = 16;

/**
 * The words of an answer made only of one-word values (several outputs, or a struct of them, nested structs
 * flattened): ABI encoding lays such values out in order, one word each. Null for one plain output (read
 * whole) and for anything with a dynamic or array part.
 */
function wordFields(params: readonly ParamType[], prefix = ''): Array<{ name: string; type: string }> | null {
  const fields: Array<{ name: string; type: string }> = [];
  for (const [i, p] of params.entries()) {
    const name = `${prefix}${p.name || String(i)}`;
    if (ONE_WORD_TYPE.test(p.type)) fields.push({ name, type: p.type });
    else if (p.baseType === 'tuple' && p.components) {
      const inner = wordFields(p.components, `${name}.`);
      if (!inner) return null;
      fields.push(...inner);
    } else return null;
  }
  return fields.length > MAX_FIELDS ? null : fields;
}

function fieldsOf(f: FunctionFragment): Array<{ name: string; type: string }> | null {
  const [only] = f.outputs;
  if (f.outputs.length !== 1) return wordFields(f.outputs);
  if (only!.baseType !== 'tuple' || !only!.components) return null;
  // One struct answered: its fields go by their own names (`data`, not `0.data`).
  return wordFields(only!.components, only!.name ? `${only!.name}.` : '');
}

/** A key that is a number: Uniswap's feeAmountTickSpacing(uint24 fee), a pool id, an index the events name. */
const INTEGER_KEY = /^u?int(\d*)$/;

/**
 * A role and an account, as the events name them: AccessControl's hasRole(bytes32, address), or OpenZeppelin 5
 * AccessManager's hasRole(uint64, address) and getAccess(uint64, address), its roles numbered.
 */
const ROLE_AND_ACCOUNT = /^(bytes32|uint\d*),address$/;

/** One key (a holder, a word, a number) or a role and an account, as the events name them. */
function takesKeys(f: FunctionFragment): boolean {
  const types = f.inputs.map((i) => i.type).join(',');
  return (
    types === '' ||
    types === 'address' ||
    types === 'bytes32' ||
    ROLE_AND_ACCOUNT.test(types) ||
    (f.inputs.length === 1 && INTEGER_KEY.test(types)) ||
    (f.inputs.length === 2 && INTEGER_KEY.test(f.inputs[0]!.type) && f.inputs[1]!.type === 'address')
  );
}

/**
 * Whether an event's word is a value of this integer type as the ABI encodes it (sign-extended for intN): a
 * getter asked with a word its type cannot hold reverts, and the ask is one of the few a contract gets.
 */
function fitsInteger(type: string, key: string): boolean {
  const bits = BigInt(INTEGER_KEY.exec(type)![1] || '256');
  const value = BigInt(key);
  if (type.startsWith('uint')) return value >> bits === 0n;
  const signed = value >> 255n === 1n ? value - (1n << 256n) : value;
  return signed >= -(1n << (bits - 1n)) && signed < 1n << (bits - 1n);
}

/** An integer key shown as the number it is (`feeAmountTickSpacing(100)`), an address checksummed, a word as is. */
function shownKey(type: string, key: string): string {
  if (INTEGER_KEY.test(type)) {
    const value = BigInt(key);
    return String(type.startsWith('int') && value >> 255n === 1n ? value - (1n << 256n) : value);
  }
  return /^0x[0-9a-fA-F]{40}$/.test(key) ? checksumAddress(key) : key;
}

/** A getter whose answer the console can read: keys it can find, one output or words of one, never payable. */
function isGetter(f: FunctionFragment): boolean {
  if (f.stateMutability !== 'view' && f.stateMutability !== 'pure') return false;
  if (!takesKeys(f)) return false;
  return (f.outputs.length === 1 && f.outputs[0]!.baseType !== 'tuple') || fieldsOf(f) !== null;
}

export interface GetterSources {
  registered: readonly RegisteredAbi[];
  artifacts: readonly ArtifactAbi[];
}

/**
 * The getters some ABI the console has declares for the contract at `addresses[0]` (and, for a proxy, its
 * implementations) whose selector `held` accepts: registered ABIs first, then artifacts, then the known
 * conventions. `keys` are the addresses and words to read mapping entries by (`balanceOf(holder)`).
 */
function declaredGetters(
  addresses: readonly string[],
  sources: GetterSources,
  keys: readonly string[],
  held: (selector: string) => boolean,
  pairs: ReadonlyArray<readonly [role: string, account: string]> = [],
): { getters: Getter[]; capped: boolean } {
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  const declared = [
    ...sources.registered.filter((r) => wanted.has(r.address.toLowerCase())).flatMap((r) => fragmentsOf(r.abi)),
    ...sources.artifacts.flatMap((a) => fragmentsOf(a.abi)),
    ...KNOWN_FRAGMENTS,
  ];
  // Keyed by a number last: every address an event names fits a uint256 key (an ERC-721's ownerOf), and those
  // asks must not use up the cap before owner() or paused() is asked.
  const byNumber = (f: FunctionFragment) => f.inputs.length === 1 && INTEGER_KEY.test(f.inputs[0]!.type);
  const fragments = [...declared.filter((f) => !byNumber(f)), ...declared.filter(byNumber)];
  const seen = new Set<string>();
  const getters: Getter[] = [];
  // The cap counts calls: the fields of one struct answer are read from one call.
  let calls = 0;
  let capped = false;
  for (const fragment of fragments) {
    const selector = selectorOf(fragment);
    if (seen.has(selector) || !held(selector)) continue;
    seen.add(selector);
    const fields = fieldsOf(fragment);
    for (const args of argumentsFor(fragment, keys, pairs)) {
      if (calls >= MAX_GETTERS) {
        capped = true;
        break;
      }
      calls++;
      const shown = args.map((a, i) => shownKey(fragment.inputs[i]!.type, a));
      const label = args.length === 0 ? fragment.name : `${fragment.name}(${shown.join(', ')})`;
      // Keys, addresses or bytes32, matched as hex: each word is the key padded, as ethers encodes it.
      const data = `${selector}${args.map((a) => a.slice(2).toLowerCase().padStart(64, '0')).join('')}`;
      const getter = { label, name: fragment.name, selector, data, fragment, keyed: args.length > 0 };
      if (!fields) getters.push(getter);
      else
        for (const [index, field] of fields.entries())
          getters.push({ ...getter, label: `${label}.${field.name}`, field: { index, ...field } });
    }
  }
  return { getters, capped };
}

/**
 * Every getter of the contract at `addresses[0]` (and, for a proxy, of its implementations) that some ABI the
 * console has declares and whose selector the code's dispatcher holds: registered ABIs first, then artifacts,
 * then the known conventions. `keys` are the addresses and words the transaction's events name at this
 * contract, to read the mapping entries it may have written (`balanceOf(holder)`).
 */
export function contractGetters(
  addresses: readonly string[],
  codes: readonly string[],
  sources: GetterSources,
  keys: readonly string[],
  pairs: ReadonlyArray<readonly [role: string, account: string]> = [],
): { getters: Getter[]; capped: boolean } {
  const dispatched = codes.map((code) => ({ code, known: knownOf(code) }));
  return declaredGetters(
    addresses,
    sources,
    keys,
    (selector) => dispatched.some(({ code, known }) => holds(code, known, selector)),
    pairs,
  );
}

/**
 * The calls contractGetters may choose, before any code is known: every getter the ABIs declare, whatever the
 * dispatchers hold. What an upgrade's first review guesses (getterGuesses.ts); a call no code answers reverts.
 */
export function declaredGetterCalls(
  addresses: readonly string[],
  sources: GetterSources,
  keys: readonly string[],
): string[] {
  // A struct's fields are read from one call: ask it once.
  return [...new Set(declaredGetters(addresses, sources, keys, () => true).getters.map((g) => g.data))];
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const WORD = /^0x[0-9a-fA-F]{64}$/;

/** The argument lists to ask a getter with: none, each key of its type, or each role and account pair. */
function argumentsFor(
  fragment: FunctionFragment,
  keys: readonly string[],
  pairs: ReadonlyArray<readonly [string, string]>,
): string[][] {
  if (fragment.inputs.length === 0) return [[]];
  if (fragment.inputs.length === 2) {
    // A role and an account (hasRole), or a number and an account (getReceipt(proposalId, voter)).
    const first = fragment.inputs[0]!.type;
    const fits = (key: string) => WORD.test(key) && (first === 'bytes32' || fitsInteger(first, key));
    return pairs.filter(([key]) => fits(key)).map(([key, account]) => [key, account]);
  }
  const type = fragment.inputs[0]!.type;
  if (INTEGER_KEY.test(type)) return keys.filter((k) => WORD.test(k) && fitsInteger(type, k)).map((k) => [k]);
  const pattern = type === 'address' ? ADDRESS : WORD;
  return keys.filter((k) => pattern.test(k)).map((k) => [k]);
}
const WHOLE_BYTES = /^0x(?:[0-9a-fA-F]{2})*$/;

/**
 * A one-word answer (address, bool, an integer, bytesN) read as ethers' coders read it, without building a
 * coder's Result: that decoding was most of a getter comparison's own time (--cpu-prof). Undefined for any other
 * type, which ethers decodes.
 */
function oneWordAnswer(type: string, answer: string): string | null | undefined {
  const kind = ONE_WORD_TYPE.exec(type);
  if (!kind) return undefined;
  // ethers refuses data that is not whole bytes or not whole words.
  if (!WHOLE_BYTES.test(answer) || (answer.length - 2) % 64 !== 0 || answer.length < 66) return null;
  const word = BigInt(answer.slice(0, 66));
  if (type === 'address') return word >> 160n === 0n ? checksumAddress(`0x${answer.slice(26, 66)}`) : null;
  if (type === 'bool') return String(word !== 0n);
  if (kind[3] !== undefined) return `0x${answer.slice(2, 2 + Number(kind[3]) * 2).toLowerCase()}`;
  const bits = BigInt(kind[2]!);
  const value = word & ((1n << bits) - 1n);
  return String(type.startsWith('int') && value >> (bits - 1n) === 1n ? value - (1n << bits) : value);
}

/** A getter's answer as a guardian reads it; null when it reverted or answered something its type cannot be. */
export function readAnswer(getter: Getter, answer: string | null): string | null {
  if (answer === null || answer === '0x') return null;
  if (getter.field) {
    const { index, type } = getter.field;
    if (!WHOLE_BYTES.test(answer) || answer.length < 2 + 64 * (index + 1)) return null;
    return oneWordAnswer(type, `0x${answer.slice(2 + 64 * index, 2 + 64 * (index + 1))}`) ?? null;
  }
  const quick = oneWordAnswer(getter.fragment.outputs[0]!.type, answer);
  if (quick !== undefined) return quick;
  try {
    const [value] = coderOf(getter.fragment).decodeFunctionResult(getter.fragment, answer);
    const type = getter.fragment.outputs[0]!.type;
    if (type === 'address') return checksumAddress(String(value));
    if (type === 'string') return JSON.stringify(value);
    if (typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'string') return String(value);
    return answer;
  } catch {
    return null;
  }
}
