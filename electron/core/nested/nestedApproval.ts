import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { importNonceChoice } from '../queue/importNonce.js';
import type { QueueItem } from '../safe/queueItem.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import type { Store } from '../store/openStore.js';

import { approveHash } from '../signing/recordNestedApproval.js';

export interface NestedApproval {
  /** The owner Safe's own transaction: what its owners review and sign on their devices. */
  inner: QueueItem;
  /** The transaction of the Safe it owns, which the inner one approves once executed. */
  outerSafeTxHash: string;
}

/**
 * A Safe owned by another Safe counts that owner's approval only from the chain: the owner Safe calls
 * approveHash(outer safeTxHash) on it. This builds that call as the owner Safe's transaction, hashed here, and
 * stores it beside the outer one, so it is reviewed, signed and executed like any other. Only facts this station
 * holds are used: the outer transaction as stored, both Safes' owners and versions from their last pull.
 */
export function buildNestedApproval(
  store: Store,
  options: { outerSafeTxHash: string; ownerSafe: string; nonce?: bigint },
): NestedApproval {
  const outer = store.getQueueItem(options.outerSafeTxHash);
  const { chainId, safe } = outer.safeTx;
  const outerInfo = store.getSafeInfo(chainId, safe);
  if (!outerInfo)
    throw new GuardianError(
      'INVALID_INPUT',
      `Safe ${chainId}:${safe} has not been pulled here: its owners are not known. Pull it first (guardian queue).`,
    );
  const ownerSafe = getAddress(options.ownerSafe);
  if (!outerInfo.owners.some((o) => o.toLowerCase() === ownerSafe.toLowerCase())) {
    throw new GuardianError(
      'SIGNER_NOT_OWNER',
      `${ownerSafe} is not an owner of Safe ${safe} (owners: ${outerInfo.owners.join(', ')}): its approval would not count.`,
    );
  }
  const innerInfo = store.getSafeInfo(chainId, ownerSafe);
  if (!innerInfo) {
    throw new GuardianError(
      'INVALID_INPUT',
      `The owner Safe ${chainId}:${ownerSafe} has not been pulled here: watch it and pull it (guardian safe add, guardian queue), so its version, owners and nonce are known.`,
    );
  }
  const nonce = options.nonce ?? importNonceChoice(store, chainId, ownerSafe, innerInfo.nonce).suggested;
  if (nonce < innerInfo.nonce)
    throw new GuardianError(
      'INVALID_INPUT',
      `Nonce ${nonce} is already used by Safe ${ownerSafe}: its next nonce is ${innerInfo.nonce}.`,
    );
  const tx = createSafeTx({
    chainId,
    safe: ownerSafe,
    safeVersion: innerInfo.version,
    to: getAddress(safe),
    data: approveHash.encodeFunctionData('approveHash', [outer.safeTxHash]),
    nonce,
  });
  const inner: QueueItem = {
    safeTx: tx,
    safeTxHash: safeTxHash(tx),
    claimedSafeTxHash: null,
    source: { kind: 'nested', outerSafeTxHash: outer.safeTxHash.toLowerCase() },
    confirmations: [],
    fetchedAt: new Date().toISOString(),
  };
  store.transaction(() => {
    store.saveQueueItems([inner]);
    store.appendAudit({
      kind: 'nested-approval',
      safeTxHash: inner.safeTxHash,
      details: {
        outerSafeTxHash: outer.safeTxHash.toLowerCase(),
        outerSafe: getAddress(safe),
        ownerSafe,
        nonce: nonce.toString(),
      },
    });
  });
  return { inner, outerSafeTxHash: outer.safeTxHash.toLowerCase() };
}
