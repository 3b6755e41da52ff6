import { FunctionFragment, type InterfaceAbi } from 'ethers';
import { indexAbiFragments } from '../primitives/abiFragments.js';
import { BUNDLED_ABIS } from './bundledAbis.js';
import type { AbiSource } from './decodedTransaction.js';
import selectorTable from './selectorTable.json' with { type: 'json' };

export interface SelectorMatch {
  source: AbiSource;
  /** Every distinct signature at the most trusted level that knows the selector; more than one is ambiguous. */
  fragments: FunctionFragment[];
}

/** An ABI the guardian registered for one contract (`guardian abi add`), as the store lists them. */
export interface RegisteredAbi {
  address: string;
  abi: InterfaceAbi;
  name?: string | null;
}

/** A compiled contract of the protocol (contracts/artifacts/*.json): trusted code, but not tied to an address. */
export interface ArtifactAbi {
  contractName: string;
  abi: InterfaceAbi;
}

type SelectorIndex = Map<string, FunctionFragment[]>;

function indexFragments(abi: InterfaceAbi, into: SelectorIndex = new Map()): SelectorIndex {
  return indexAbiFragments([abi], { kind: FunctionFragment, key: 'selector', same: 'sighash', into });
}

function parseSignature(signature: string): FunctionFragment | null {
  try {
    return FunctionFragment.from(`function ${signature}`);
  } catch {
    return null;
  }
}

const bundledIndex = indexFragments(Object.values(BUNDLED_ABIS).flat());
const tableIndex: SelectorIndex = new Map(
  Object.entries(selectorTable as Record<string, string[]>).map(([selector, signatures]) => [
    selector,
    signatures.map(parseSignature).filter((f): f is FunctionFragment => f !== null),
  ]),
);

/**
 * Where the decoder looks up a selector, in order of trust: the ABI the guardian registered for that exact
 * address, the protocol's own artifacts, the bundled set, then the offline selector table. The first level
 * that knows the selector answers, with every candidate it has; the decoder never picks among them.
 */
export class AbiSources {
  private readonly registered = new Map<string, SelectorIndex>();
  private readonly artifacts: SelectorIndex = new Map();

  constructor(registered: readonly RegisteredAbi[] = [], artifacts: readonly ArtifactAbi[] = []) {
    for (const entry of registered) {
      const key = entry.address.toLowerCase();
      this.registered.set(key, indexFragments(entry.abi, this.registered.get(key)));
    }
    for (const artifact of artifacts) indexFragments(artifact.abi, this.artifacts);
  }

  lookup(address: string, selector: string): SelectorMatch {
    const key = selector.toLowerCase();
    const levels: Array<[AbiSource, FunctionFragment[] | undefined]> = [
      ['registered', this.registered.get(address.toLowerCase())?.get(key)],
      ['artifact', this.artifacts.get(key)],
      ['bundled', bundledIndex.get(key)],
      ['selector-table', tableIndex.get(key)],
    ];
    for (const [source, fragments] of levels)
      if (fragments && fragments.length > 0) return { source, fragments: [...fragments] };
    return { source: 'none', fragments: [] };
  }
}

const EMPTY: readonly never[] = [];
const built = new WeakMap<readonly RegisteredAbi[], WeakMap<readonly ArtifactAbi[], AbiSources>>();

/**
 * The sources for these lists, built once per pair of lists: a review decodes its transaction, may decode it
 * again with token units, and names the calls of its trace, all from the same lists; indexing a protocol's
 * artifacts takes milliseconds each time.
 */
export function abiSourcesFor(
  registered: readonly RegisteredAbi[] = EMPTY,
  artifacts: readonly ArtifactAbi[] = EMPTY,
): AbiSources {
  let byArtifacts = built.get(registered);
  if (!byArtifacts) built.set(registered, (byArtifacts = new WeakMap()));
  let sources = byArtifacts.get(artifacts);
  if (!sources) byArtifacts.set(artifacts, (sources = new AbiSources(registered, artifacts)));
  return sources;
}
