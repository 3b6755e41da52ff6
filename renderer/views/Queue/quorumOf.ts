import type { QueueEntry, WatchedSafeView } from '../../../electron/ipc/contract.js';

export interface Quorum {
  signed: string[];
  /** Owners with no signature here; null when this station does not know the owners (never pulled). */
  missing: string[] | null;
  /** How many more signatures the threshold needs; null when the threshold is unknown. */
  needed: number | null;
  /** Signatures proven wrong, each with why. */
  refused: string[];
  /** Every signature that does not count (refused or unverified), each with why. */
  uncounted: string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Who has signed, who has not, and how many more are needed, from the signatures stored here and the Safe's owners. */
export function quorumOf(entry: QueueEntry, safe: WatchedSafeView | undefined): Quorum {
  // Only signatures the main process proved count; refused and unverified ones are named, never counted.
  const signed = entry.confirmations.filter((c) => c.status === 'valid').map((c) => c.owner);
  const refused = entry.confirmations.filter((c) => c.status === 'refused').map((c) => `${c.owner}: ${c.reason ?? ''}`);
  const uncounted = entry.confirmations
    .filter((c) => c.status !== 'valid')
    .map((c) => `${c.owner} ${c.status}: ${c.reason ?? ''}`);
  const missing = safe?.owners ? safe.owners.filter((o) => !signed.some((s) => same(s, o))) : null;
  return {
    signed,
    missing,
    needed: entry.threshold === null ? null : Math.max(0, entry.threshold - signed.length),
    refused,
    uncounted,
  };
}

/** The quorum in a sentence, for the cell's title and the row's notes. */
export function quorumLine(q: Quorum, short: (address: string) => string): string {
  const signed = q.signed.length > 0 ? `signed by ${q.signed.map(short).join(', ')}` : 'no signature yet';
  const missing =
    q.missing === null
      ? 'owners unknown until the Safe is pulled'
      : q.missing.length > 0
        ? `missing ${q.missing.map(short).join(', ')}`
        : 'every owner has signed';
  const needed = q.needed === null ? 'threshold unknown' : q.needed === 0 ? 'threshold met' : `${q.needed} more needed`;
  return `${signed}; ${missing}; ${needed}${q.uncounted.length > 0 ? `; not counted: ${q.uncounted.join('; ')}` : ''}`;
}
