import type { Store } from '../store/openStore.js';
import { AddressBook } from './addressBook.js';
import type { DecodeOptions } from './decodeTransaction.js';
import { knownMultiSendAddresses } from './knownMultiSend.js';

/** Decoding options from what this machine knows: registered ABIs, the Safe's owners, watched Safes' labels. */
export function storedDecodeOptions(store: Store, chainId: bigint, safe: string): DecodeOptions {
  const book = new AddressBook();
  book.add(safe, 'this Safe');
  const abis = store.listAbis(chainId);
  for (const entry of abis) if (entry.name) book.add(entry.address, entry.name);
  for (const watched of store.listWatchedSafes()) if (watched.chainId === chainId && watched.label) book.add(watched.address, watched.label);
  const info = store.getSafeInfo(chainId, safe);
  info?.owners.forEach((owner, i) => book.add(owner, `owner ${i + 1}`));
  for (const address of knownMultiSendAddresses(chainId)) book.add(address, 'Safe MultiSend');
  return { addressBook: book, registeredAbis: abis.map((a) => ({ address: a.address, abi: a.abi as never })) };
}
