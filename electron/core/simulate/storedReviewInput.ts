import type { JsonRpcProvider } from 'ethers';
import { AddressBook } from '../decode/addressBook.js';
import { storedDecodeOptions } from '../store/storedDecodeOptions.js';
import { GuardianError } from '../errors.js';
import type { SafeTx } from '../safe/safeTx.js';
import type { Store } from '../store/openStore.js';
import type { ReviewInput } from './reviewSafeTx.js';

/**
 * A review's inputs from what this machine stored: the Safe's owners, threshold, nonce, queue and ABIs; the names
 * go into the book given, when one is (what the review's look-alikes are found against).
 */
export function storedReviewInput(
  store: Store,
  tx: SafeTx,
  provider: JsonRpcProvider,
  book: AddressBook = new AddressBook(),
): ReviewInput {
  const info = store.getSafeInfo(tx.chainId, tx.safe);
  if (!info)
    throw new GuardianError(
      'INVALID_INPUT',
      `Safe ${tx.chainId}:${tx.safe} has not been pulled: its owners and threshold are unknown. Run guardian queue.`,
    );
  return {
    provider,
    tx,
    owners: info.owners,
    threshold: info.threshold,
    safeNonce: info.nonce,
    queuedNonces: store.listQueueItems({ chainId: tx.chainId, safe: tx.safe }).map((i) => i.safeTx.nonce),
    decodeOptions: storedDecodeOptions(store, tx.chainId, tx.safe, [], book),
  };
}
