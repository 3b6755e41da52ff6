import { checksumAddress } from '../primitives/checksumAddress.js';

/** How many hex characters at each end people actually compare: wallets and explorers show 0x1234…abcd. */
const ENDS = 4;

export interface Lookalike {
  /** The address that imitates a known one. */
  address: string;
  /** The known address it imitates, checksummed, and its name. */
  resembles: string;
  name: string;
}

const ends = (address: string) => {
  const hex = address.toLowerCase().slice(2);
  return `${hex.slice(0, ENDS)}…${hex.slice(-ENDS)}`;
};

/**
 * Address poisoning: an attacker grinds an address with the same first and last characters as one the guardian
 * knows (an owner, the vault), so that the shortened form a person compares reads the same. An address that
 * shares both ends with a known one yet is another address is flagged, with the one it imitates.
 */
export function lookalikeFinder(
  known: Iterable<readonly [address: string, name: string]>,
): (address: string) => Lookalike | null {
  const byEnds = new Map<string, Array<readonly [string, string]>>();
  for (const [address, name] of known) {
    const key = ends(address);
    byEnds.set(key, [...(byEnds.get(key) ?? []), [address.toLowerCase(), name]]);
  }
  return (address) => {
    const lower = address.toLowerCase();
    const twin = byEnds.get(ends(lower))?.find(([a]) => a !== lower);
    // A known address that looks like another known one is the book's own business, not an imitation.
    if (!twin || byEnds.get(ends(lower))?.some(([a]) => a === lower)) return null;
    return { address: checksumAddress(lower), resembles: checksumAddress(twin[0]), name: twin[1] };
  };
}
