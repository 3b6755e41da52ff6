import type { AddressBook } from './addressBook.js';
import { knownSafeDeployments } from './knownSafeDeployments.js';
import { lookalikeFinder, type Lookalike } from './lookalikeAddress.js';

const ADDRESS = /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;
/** A review names a few dozen addresses; a hostile one is cut here rather than read whole. */
const MAX_ADDRESSES = 512;

/** Amounts are bigints and tokens sit in Maps: written out, so that no part of what is shown escapes the read. */
const written = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? value.toString() : value instanceof Map ? [...value] : value;

/**
 * Every distinct address in what is shown (a review, or the view of one), lower-case. Found by reading the whole
 * of it rather than field by field, so that an address cannot escape the check by the part of the review it came
 * from; a longer hex string (a hash, calldata, a storage word) is not taken for one.
 */
export function addressesShown(shown: unknown): string[] {
  const seen = new Set<string>();
  for (const match of (JSON.stringify(shown, written) ?? '').matchAll(ADDRESS)) {
    if (seen.size >= MAX_ADDRESSES) break;
    seen.add(match[0].toLowerCase());
  }
  return [...seen];
}

/**
 * The addresses in what is shown that imitate one this machine knows: its address book (the Safe, its owners,
 * registered contracts such as the Vault) and the official Safe deployments on the chain.
 */
export function lookalikesShown(shown: unknown, chainId: bigint, book: AddressBook): Lookalike[] {
  const imitation = lookalikeFinder([...book.entries(), ...knownSafeDeployments(chainId).entries()]);
  return addressesShown(shown).flatMap((address) => imitation(address) ?? []);
}
