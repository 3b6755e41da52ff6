import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import type { StoredQueueItem } from '../store/queueItems.js';
import type { Store } from '../store/openStore.js';
import { nestedMessageHashes, type NestedMessageHashes } from './nestedMessageHashes.js';

/** Everything a contract signature by an owner Safe is built from, read only from what this station holds. */
export interface NestedSigningContext {
  outer: StoredQueueItem;
  /** The owner Safe as last pulled: its owners and threshold decide whose message signatures count. */
  inner: SafeInfo;
  hashes: NestedMessageHashes;
}

/**
 * The outer transaction as stored, the owner Safe as pulled, and the hashes its owners sign. Refused when the
 * owner Safe does not own the outer one: its signature would never count, and its owners would sign for nothing.
 */
export function nestedSigningContext(
  store: Store,
  options: { outerSafeTxHash: string; innerSafe: string; innerChainId?: bigint },
): NestedSigningContext {
  const outer = store.getQueueItem(options.outerSafeTxHash);
  const { chainId, safe } = outer.safeTx;
  if (options.innerChainId !== undefined && options.innerChainId !== chainId)
    throw new GuardianError(
      'INVALID_INPUT',
      `The outer transaction ${outer.safeTxHash} is on chain ${chainId}, but the owner Safe is named on chain ${options.innerChainId}: the outer Safe asks its owner on its own chain.`,
    );
  const outerInfo = store.getSafeInfo(chainId, safe);
  if (!outerInfo)
    throw new GuardianError(
      'INVALID_INPUT',
      `Safe ${chainId}:${safe} has not been pulled here: its owners are not known. Pull it first (guardian queue).`,
    );
  const innerSafe = getAddress(options.innerSafe.toLowerCase());
  if (!outerInfo.owners.some((o) => o.toLowerCase() === innerSafe.toLowerCase()))
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `${innerSafe} is not an owner of Safe ${getAddress(safe)} (owners: ${outerInfo.owners.join(', ')}): its signature would not count.`,
    );
  const inner = store.getSafeInfo(chainId, innerSafe);
  if (!inner)
    throw new GuardianError(
      'INVALID_INPUT',
      `The owner Safe ${chainId}:${innerSafe} has not been pulled here: watch it and pull it (guardian safe add, guardian queue), so its version, owners and threshold are known.`,
    );
  const hashes = nestedMessageHashes(outer.safeTx, { chainId, safe: innerSafe, safeVersion: inner.version });
  return { outer, inner, hashes };
}
