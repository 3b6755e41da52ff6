import { GuardianError } from '../errors.js';
import { approvedOuterHash } from '../signing/recordNestedApproval.js';
import type { Store } from '../store/openStore.js';
import { buildNestedApproval, type NestedApproval } from './nestedApproval.js';

export interface OwnerSafeApproval extends NestedApproval {
  outer: { chainId: bigint; safe: string; safeTxHash: string };
  /** The approval was already queued (asked twice): that one is returned, none is built. */
  alreadyStored: boolean;
}

/**
 * The owner Safe's approveHash of an outer transaction, queued once: the one already stored and not yet executed
 * when there is one, else a new one at the owner Safe's next free nonce (or `nonce`, when a guardian chose it,
 * which always builds). What the CLI's `nested approve` and the app's "Approve with" both call.
 */
export function approveWithOwnerSafe(
  store: Store,
  options: { outerSafeTxHash: string; ownerSafe: { chainId: bigint; address: string }; nonce?: bigint },
): OwnerSafeApproval {
  const outer = store.getQueueItem(options.outerSafeTxHash);
  const { ownerSafe, nonce } = options;
  // approveHash is recorded on the outer Safe's own chain: a Safe of the same address elsewhere cannot give it.
  if (outer.safeTx.chainId !== ownerSafe.chainId)
    throw new GuardianError(
      'INVALID_INPUT',
      `The outer transaction ${outer.safeTxHash} is on chain ${outer.safeTx.chainId}, but the owner Safe is named on chain ${ownerSafe.chainId}: the owner Safe must approve on the same chain.`,
    );
  const existing = nonce === undefined ? pendingApproval(store, outer.safeTxHash, ownerSafe) : null;
  const approval =
    existing ??
    buildNestedApproval(store, {
      outerSafeTxHash: outer.safeTxHash,
      ownerSafe: ownerSafe.address,
      ...(nonce === undefined ? {} : { nonce }),
    });
  return {
    ...approval,
    outer: { chainId: outer.safeTx.chainId, safe: outer.safeTx.safe, safeTxHash: approval.outerSafeTxHash },
    alreadyStored: existing !== null,
  };
}

/**
 * Asked twice, it must not queue a second approval at the next nonce: two pending approvals of one outer
 * transaction would have the owner Safe's guardians sign twice for one count. What the stored one approves is
 * read from its calldata, not from where it says it came from.
 */
export function pendingApproval(
  store: Store,
  outerSafeTxHash: string,
  ownerSafe: { chainId: bigint; address: string },
): NestedApproval | null {
  const nextNonce = store.getSafeInfo(ownerSafe.chainId, ownerSafe.address)?.nonce;
  if (nextNonce === undefined) return null;
  const found = store
    .listQueueItems({ chainId: ownerSafe.chainId, safe: ownerSafe.address.toLowerCase() })
    .find((item) => item.safeTx.nonce >= nextNonce && approvedOuterHash(store, item) === outerSafeTxHash.toLowerCase());
  return found ? { inner: found, outerSafeTxHash: outerSafeTxHash.toLowerCase() } : null;
}
