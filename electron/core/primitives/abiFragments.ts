import { Fragment, type InterfaceAbi } from 'ethers';
import { parseJsonText } from '../input/jsonText.js';

/**
 * Fragments by their JSON text: the app reads the same registered ABIs from its store for every queue listing
 * and review, as new objects each time, and ethers' parsing of the protocol's thirteen artifacts took 14 ms.
 * ethers' fragments are frozen, so one can serve every ABI that declares it. Bounded against a hostile flood.
 */
const parsedEntries = new Map<string, Fragment | null>();
const ENTRIES_KEPT = 50_000;
function fragmentOf(entry: unknown): Fragment | null {
  let key: string;
  try {
    key = typeof entry === 'string' ? entry : JSON.stringify(entry);
  } catch {
    return null;
  }
  let fragment = parsedEntries.get(key);
  if (fragment === undefined) {
    try {
      fragment = Fragment.from(entry as string);
    } catch {
      // A malformed entry costs only itself.
      fragment = null;
    }
    if (parsedEntries.size >= ENTRIES_KEPT) parsedEntries.clear();
    parsedEntries.set(key, fragment);
  }
  return fragment;
}

/**
 * Every well-formed fragment of an ABI, once per ABI object: a review reads the same ABIs for its functions,
 * its errors and its events. An ABI given as text has no identity to key by, only its entries.
 */
const parsedAbis = new WeakMap<object, Fragment[]>();
function fragmentsOf(abi: InterfaceAbi): Fragment[] {
  const cached = typeof abi === 'string' ? undefined : parsedAbis.get(abi);
  if (cached) return cached;
  let entries: unknown;
  try {
    entries = typeof abi === 'string' ? parseJsonText(abi, 'The ABI') : abi;
  } catch {
    return [];
  }
  const fragments = Array.isArray(entries) ? entries.map(fragmentOf).filter((f): f is Fragment => f !== null) : [];
  if (typeof abi !== 'string') parsedAbis.set(abi, fragments);
  return fragments;
}

/** What a fragment is found by: a function's or error's selector, an event's topic. */
export type FragmentKey = 'selector' | 'topicHash';
/** When two fragments with one key are the same declaration: by signature, or by signature and names. */
export type FragmentSameness = 'sighash' | 'full';

/** ethers recomputes these (a keccak, a format) on every read; a fragment is frozen, so each is kept. */
const remembered = new WeakMap<Fragment, Map<string, string>>();
function read(fragment: Fragment, what: FragmentKey | FragmentSameness): string {
  let known = remembered.get(fragment);
  if (!known) remembered.set(fragment, (known = new Map()));
  let value = known.get(what);
  if (value === undefined) {
    value =
      what === 'sighash' || what === 'full'
        ? fragment.format(what)
        : String((fragment as unknown as Record<FragmentKey, string>)[what]);
    known.set(what, value);
  }
  return value;
}

/** A fragment's signature ("transfer(address,uint256)"), formatted once per fragment. */
export function fragmentSignature(fragment: Fragment): string {
  return read(fragment, 'sighash');
}

/**
 * Fragments of one kind in an ABI, indexed by `key` (a selector, a topic), every distinct `same` form kept:
 * ethers' Interface would throw on the first malformed entry and resolve a shared selector to its first match,
 * hiding a collision that a hostile ABI (or an unlucky one) carries. Here a malformed entry costs only itself.
 * The one way functions (decoding), errors (revert reasons) and events (logs) are read from any ABI.
 */
export function indexAbiFragments<T extends Fragment>(
  abis: readonly InterfaceAbi[],
  how: {
    kind: abstract new (...args: never[]) => T;
    key: FragmentKey;
    same: FragmentSameness;
    accept?: (fragment: T) => boolean;
    into?: Map<string, T[]>;
  },
): Map<string, T[]> {
  const { kind, key, same, accept = () => true, into = new Map<string, T[]>() } = how;
  for (const abi of abis) {
    for (const fragment of fragmentsOf(abi)) {
      if (!(fragment instanceof kind) || !accept(fragment)) continue;
      const k = read(fragment, key);
      const list = into.get(k) ?? [];
      const form = read(fragment, same);
      if (!list.some((f) => read(f, same) === form)) list.push(fragment);
      into.set(k, list);
    }
  }
  return into;
}
