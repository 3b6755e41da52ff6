import type { StateView } from './simulationTypes.js';
import { mappingSlot, SENTINEL } from './storageSlots.js';

/** Longer than any real Safe's list; a hostile storage that loops stops here instead of hanging the review. */
const MAX_LIST = 256;
const CORRUPTED = '(list does not end: storage corrupted)';

const asAddress = (word: string) => `0x${word.slice(-40)}`.toLowerCase();

/** Walks a Safe linked list (OwnerManager, ModuleManager) from the sentinel, as getOwners does. */
export async function walkList(view: StateView, safe: string, mapping: bigint): Promise<string[]> {
  const items: string[] = [];
  let next = asAddress(await view.storage(safe, mappingSlot(SENTINEL, mapping)));
  while (next !== SENTINEL && BigInt(next) !== 0n) {
    if (items.length >= MAX_LIST || items.includes(next)) {
      items.push(CORRUPTED);
      break;
    }
    items.push(next);
    next = asAddress(await view.storage(safe, mappingSlot(next, mapping)));
  }
  return items;
}
