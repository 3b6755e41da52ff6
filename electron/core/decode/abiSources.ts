import { FunctionFragment, Interface, type InterfaceAbi } from 'ethers';
import { BUNDLED_ABIS } from './bundledAbis.js';
import type { AbiSource } from './decodedTransaction.js';
import selectorTable from './selectorTable.json' with { type: 'json' };

export interface SelectorMatch {
  source: AbiSource;
  fragments: FunctionFragment[];
}

const bundledInterface = new Interface(Object.values(BUNDLED_ABIS).flat());
const table = selectorTable as Record<string, string[]>;

function parseFragment(signature: string): FunctionFragment | null {
  try {
    return FunctionFragment.from(`function ${signature}`);
  } catch {
    return null;
  }
}

/**
 * Where the decoder looks up a selector, in order of trust: ABIs the guardian registered for that exact
 * address, the bundled set, then the offline selector table. The first level that knows the selector answers,
 * with every candidate it has.
 */
export class AbiSources {
  private readonly registered = new Map<string, Interface>();

  constructor(registered: ReadonlyArray<{ address: string; abi: InterfaceAbi }> = []) {
    for (const entry of registered) {
      try {
        this.registered.set(entry.address.toLowerCase(), new Interface(entry.abi));
      } catch {
        // An unusable registered ABI is ignored here; `guardian abi add` refuses it with a message.
      }
    }
  }

  lookup(address: string, selector: string): SelectorMatch {
    const own = this.registered.get(address.toLowerCase());
    const registered = own?.getFunction(selector);
    if (registered) return { source: 'registered', fragments: [registered] };
    const bundled = bundledInterface.getFunction(selector);
    if (bundled) return { source: 'bundled', fragments: [bundled] };
    const fromTable = (table[selector] ?? []).map(parseFragment).filter((f): f is FunctionFragment => f !== null);
    if (fromTable.length > 0) return { source: 'selector-table', fragments: fromTable };
    return { source: 'none', fragments: [] };
  }
}
