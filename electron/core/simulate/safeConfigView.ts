import { checksumAddress } from '../primitives/checksumAddress.js';
import { walkList } from '../primitives/safeLinkedList.js';
import { SAFE_SLOTS } from '../primitives/storageSlots.js';
import type { StateView } from '../primitives/simulationTypes.js';

/**
 * The Safe's configuration as its storage holds it, whatever code it runs: a replaced singleton cannot hide it.
 * Addresses are lowercase words as stored; `displaySafeConfigValue` checksums the ones a guardian is shown
 * (a checksum is a keccak, and most of the configuration does not change).
 */
export interface SafeConfig {
  'Safe singleton': string;
  'Safe owners': string;
  'Safe threshold': string;
  'Safe modules': string;
  'Safe guard': string;
  'Safe fallback handler': string;
}

const NONE = '(none)';

const asAddress = (word: string) => `0x${word.slice(-40)}`.toLowerCase();

export async function safeConfig(view: StateView, safe: string): Promise<SafeConfig> {
  const [singleton, owners, threshold, modules, guard, handler] = await Promise.all([
    view.storage(safe, SAFE_SLOTS.singleton),
    walkList(view, safe, SAFE_SLOTS.owners),
    view.storage(safe, SAFE_SLOTS.threshold),
    walkList(view, safe, SAFE_SLOTS.modules),
    view.storage(safe, SAFE_SLOTS.guard),
    view.storage(safe, SAFE_SLOTS.fallbackHandler),
  ]);
  return {
    'Safe singleton': asAddress(singleton),
    'Safe owners': owners.join(', '),
    'Safe threshold': BigInt(threshold).toString(),
    'Safe modules': modules.join(', ') || NONE,
    'Safe guard': asAddress(guard),
    'Safe fallback handler': asAddress(handler),
  };
}

/**
 * The configuration on both sides of a transaction, or null when the transaction wrote no slot of the Safe but
 * its nonce: no configuration slot can have changed, so none is read (a protocol action, the usual case, asks the
 * chain nothing for it). Otherwise the after side is walked only when the transaction wrote a slot the before side
 * read: else each read, and so the whole walk, would answer the same.
 */
export async function safeConfigBeforeAndAfter(
  before: StateView,
  after: StateView,
  safe: string,
  written: ReadonlySet<string>,
): Promise<[SafeConfig, SafeConfig] | null> {
  if ([...written].every((slot) => slot === SAFE_SLOTS.nonce)) return null;
  const read = new Set<string>();
  const recording: StateView = {
    ...before,
    storage: (address, slot) => {
      read.add(slot.toLowerCase());
      return before.storage(address, slot);
    },
  };
  const was = await safeConfig(recording, safe);
  const changed = [...read].some((slot) => written.has(slot));
  return [was, changed ? await safeConfig(after, safe) : was];
}

/** A configuration value as a guardian reads it: addresses checksummed, the threshold as it is. */
export function displaySafeConfigValue(value: string): string {
  return value.replace(/0x[0-9a-f]{40}/g, (address) => checksumAddress(address));
}
