import { getAddress } from 'ethers';

/**
 * ethers' getAddress, kept for the addresses seen last: a service page of a thousand transactions names the same
 * Safe, gas token and refund receiver a thousand times, and each checksum is a Keccak. Keyed by the text exactly
 * as given, so a wrong checksum is refused every time, as getAddress refuses it.
 */
const checksummed = new Map<string, string>();
const KEPT = 4096;

export function checksumAddress(address: string): string {
  let known = checksummed.get(address);
  if (known === undefined) {
    known = getAddress(address);
    if (checksummed.size >= KEPT) checksummed.clear();
    checksummed.set(address, known);
  }
  return known;
}
