import type { WatchedSafeView } from '../../../electron/ipc/contract.js';
import { lookalikeFinder, type Lookalike } from '../../../electron/ipc/rendererFormatting.js';

const ADDRESS = /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;

/**
 * The addresses in a row's description that imitate this Safe or one of its owners (the same first and last
 * characters, another address), found by the core's own rule before any review: address poisoning forges
 * exactly the short form a guardian glances at, and the queue is where the glance happens. The description
 * names a known address by its name, so a full address in it is one the address book does not know.
 */
export function rowLookalikes(
  description: string,
  safe: Pick<WatchedSafeView, 'address' | 'owners'> | undefined,
): Lookalike[] {
  if (!safe) return [];
  const known: [string, string][] = [
    [safe.address, 'this Safe'],
    ...(safe.owners ?? []).map((o, i): [string, string] => [o, `owner ${i + 1}`]),
  ];
  const imitation = lookalikeFinder(known);
  const seen = new Set((description.match(ADDRESS) ?? []).map((a) => a.toLowerCase()));
  return [...seen].flatMap((a) => imitation(a) ?? []);
}
