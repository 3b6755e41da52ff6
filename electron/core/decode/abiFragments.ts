import { Fragment, type InterfaceAbi } from 'ethers';

/**
 * Every well-formed fragment of an ABI, parsed once per ABI object: a review reads the same ABIs for its
 * functions, its errors and its events, and ethers' parsing of the protocol's thirteen artifacts took 5 ms
 * each time: a review with them took 17 ms against 1.5 without. An ABI given as text is parsed afresh; it has
 * no identity to key by.
 */
const parsedAbis = new WeakMap<object, Fragment[]>();
function fragmentsOf(abi: InterfaceAbi): Fragment[] {
  const cached = typeof abi === 'string' ? undefined : parsedAbis.get(abi);
  if (cached) return cached;
  let entries: unknown;
  try {
    entries = typeof abi === 'string' ? JSON.parse(abi) : abi;
  } catch {
    return [];
  }
  const fragments: Fragment[] = [];
  if (Array.isArray(entries)) {
    for (const entry of entries) {
      try {
        fragments.push(Fragment.from(entry as string));
      } catch {
        // A malformed entry costs only itself.
      }
    }
  }
  if (typeof abi !== 'string') parsedAbis.set(abi, fragments);
  return fragments;
}

/**
 * Fragments of one kind in an ABI, indexed by `keyOf` (a selector, a topic), every distinct `sameAs` form kept:
 * ethers' Interface would throw on the first malformed entry and resolve a shared selector to its first match,
 * hiding a collision that a hostile ABI (or an unlucky one) carries. Here a malformed entry costs only itself.
 * The one way functions (decoding), errors (revert reasons) and events (logs) are read from any ABI.
 */
export function indexAbiFragments<T extends Fragment>(
  abis: readonly InterfaceAbi[],
  how: {
    kind: abstract new (...args: never[]) => T;
    keyOf: (fragment: T) => string;
    sameAs: (fragment: T) => string;
    accept?: (fragment: T) => boolean;
    into?: Map<string, T[]>;
  },
): Map<string, T[]> {
  const { kind, keyOf, sameAs, accept = () => true, into = new Map<string, T[]>() } = how;
  for (const abi of abis) {
    for (const fragment of fragmentsOf(abi)) {
      if (!(fragment instanceof kind) || !accept(fragment)) continue;
      const key = keyOf(fragment);
      const list = into.get(key) ?? [];
      if (!list.some((f) => sameAs(f) === sameAs(fragment))) list.push(fragment);
      into.set(key, list);
    }
  }
  return into;
}
