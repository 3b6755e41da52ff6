import type { WatchedSafeView } from '../../../electron/ipc/contract.js';
import { lookalikeFinder, type Lookalike } from '../../../electron/ipc/rendererFormatting.js';

const ADDRESS = /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;

/**
 * The addresses in a row's description that imitate this Safe or one of its owners (the same first and last
 * characters, another address), found by the core's own rule before any review: address poisoning forges
 * exactly the short form a guardian glances at, and the queue is where the glance happens. The description
 * names a known address by its name, so a full address in it is one the address book does not know.
 * The renderer has no address book beyond the Safe and its owners; the look-alikes the latest review recorded
 * (of registered contracts, Safe deployments, any address the station knows) join them, one badge per address.
 */
export function rowLookalikes(
  description: string,
  safe: Pick<WatchedSafeView, 'address' | 'owners'> | undefined,
  recorded: readonly Lookalike[] = [],
): Lookalike[] {
  const known: [string, string][] = safe
    ? [[safe.address, 'this Safe'], ...(safe.owners ?? []).map((o, i): [string, string] => [o, `owner ${i + 1}`])]
    : [];
  const imitation = lookalikeFinder(known);
  const seen = new Set((description.match(ADDRESS) ?? []).map((a) => a.toLowerCase()));
  const found = [...seen].flatMap((a) => imitation(a) ?? []);
  const flagged = new Set(found.map((l) => l.address.toLowerCase()));
  for (const l of recorded) {
    if (flagged.has(l.address.toLowerCase())) continue;
    flagged.add(l.address.toLowerCase());
    found.push(l);
  }
  return found;
}
