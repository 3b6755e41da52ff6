import { Fragment, type InterfaceAbi } from 'ethers';

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
    let entries: unknown;
    try {
      entries = typeof abi === 'string' ? JSON.parse(abi) : abi;
    } catch {
      continue;
    }
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      let fragment: Fragment;
      try {
        fragment = Fragment.from(entry as string);
      } catch {
        continue;
      }
      if (!(fragment instanceof kind) || !accept(fragment)) continue;
      const key = keyOf(fragment);
      const list = into.get(key) ?? [];
      if (!list.some((f) => sameAs(f) === sameAs(fragment))) list.push(fragment);
      into.set(key, list);
    }
  }
  return into;
}
