import type { AddressBook } from '../core/decode/addressBook.js';
import { checksumAddress } from '../core/primitives/checksumAddress.js';
import { knownSafeDeployments } from '../core/decode/knownSafeDeployments.js';
import { lookalikeFinder, type Lookalike } from '../core/decode/lookalikeAddress.js';
import { addressesShown } from '../core/decode/lookalikesShown.js';
import type { ReviewView } from '../ipc/contract.js';

/**
 * Every address a review shows, with what this machine knows of it: its name in the address book (the Safe, its
 * owners, registered contracts) or among the official Safe deployments, or none (shown as an unknown address),
 * and the known address it imitates when it is a look-alike. Found by reading what is shown, so that no address
 * on the screen escapes the check, whichever part of the review it came from.
 */
export function reviewAddresses(
  shown: unknown,
  chainId: bigint,
  book: AddressBook,
): { addresses: ReviewView['addresses']; lookalikes: Lookalike[] } {
  const deployments = knownSafeDeployments(chainId);
  const known = [...book.entries(), ...deployments.entries()];
  const lookalike = lookalikeFinder(known);
  const seen = addressesShown(shown);
  const addresses: ReviewView['addresses'] = [];
  const lookalikes: Lookalike[] = [];
  for (const lower of seen) {
    const imitation = lookalike(lower);
    if (imitation) lookalikes.push(imitation);
    addresses.push({
      address: checksumAddress(lower),
      name: book.nameOf(lower) ?? deployments.get(lower) ?? null,
      resembles: imitation ? { address: imitation.resembles, name: imitation.name } : null,
    });
  }
  return { addresses, lookalikes };
}
