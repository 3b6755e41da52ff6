import type { InterfaceAbi } from 'ethers';
import type { Store } from './openStore.js';
import type { ArtifactAbi } from '../decode/abiSources.js';
import { AddressBook } from '../decode/addressBook.js';
import type { DecodeOptions } from '../decode/decodeTransaction.js';
import { SHIPPED_DESCRIPTORS } from '../decode/erc7730/shippedDescriptors.js';

/**
 * Decoding options from what this machine knows: registered ABIs and their names, the Safe's owners, watched
 * Safes' labels, tokens' decimals and symbols from earlier reviews, the ERC-7730 descriptors the guardian trusts
 * (before the shipped ones, so a team's own words for its Safe come first); plus the protocol's artifacts when the
 * caller read them (artifactAbis.ts). The names go into the book given, when one is (a screen shows them).
 */
export function storedDecodeOptions(
  store: Store,
  chainId: bigint,
  safe: string,
  artifacts: readonly ArtifactAbi[] = [],
  book: AddressBook = new AddressBook(),
): DecodeOptions {
  book.add(safe, 'this Safe');
  const abis = store.listAbis(chainId);
  for (const entry of abis) if (entry.name) book.add(entry.address, entry.name);
  for (const watched of store.listWatchedSafes())
    if (watched.chainId === chainId && watched.label) book.add(watched.address, watched.label);
  const info = store.getSafeInfo(chainId, safe);
  info?.owners.forEach((owner, i) => book.add(owner, `owner ${i + 1}`));
  return {
    addressBook: book,
    registeredAbis: abis.map((a) => ({ address: a.address, name: a.name, abi: a.abi as InterfaceAbi })),
    artifacts,
    tokens: store.listTokenInfo(chainId),
    descriptors: [...store.listDescriptors(), ...SHIPPED_DESCRIPTORS],
  };
}
