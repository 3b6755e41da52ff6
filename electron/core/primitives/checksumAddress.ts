import { getAddress } from 'ethers';
import { asLowerCase } from '../input/asLowerCase.js';

/**
 * Bounded: a hostile batch of fresh addresses can fill it, not grow it without limit. Real reviews show a few
 * dozen distinct addresses.
 */
const MAX_REMEMBERED = 4096;
const remembered = new Map<string, string>();

/**
 * ethers' getAddress, remembered. A checksum is a keccak, and a review shows the same few addresses (the Safe,
 * its owners, the protocol's contracts) dozens of times: twenty actions to one vault, and their twenty events.
 * Mixed-case input is still checked against its checksum, exactly as getAddress checks it. The key is lowered
 * only when the text has capitals: a page's addresses mostly come lowercase, and each toLowerCase was a copy.
 */
export function checksumAddress(address: string): string {
  const key = asLowerCase(address);
  const known = remembered.get(key);
  if (known !== undefined && (address === key || address === known)) return known;
  const checksummed = getAddress(address);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(key, checksummed);
  return checksummed;
}
