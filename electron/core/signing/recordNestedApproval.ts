import { getAddress, Interface } from 'ethers';
import { approvedHashSignature } from '../safe/safeSignature.js';
import type { QueueItem } from '../safe/queueItem.js';
import type { Store } from '../store/openStore.js';

// Here, beside execution, and not in nested/: a Safe's execution records what it approved, and the nested
// workflows (which build and sign that approval) sit above signing, never below it.
export const approveHash = new Interface(['function approveHash(bytes32 hashToApprove)']);

/**
 * The outer transaction an executed one approved, read from its own calldata (never from where it came from):
 * a plain call of approveHash(h) on a Safe, h being a transaction stored here for that Safe.
 */
export function approvedOuterHash(store: Store, inner: QueueItem): string | null {
  const { safeTx } = inner;
  if (
    safeTx.operation !== 0 ||
    safeTx.value !== 0n ||
    !safeTx.data.toLowerCase().startsWith(approveHash.getFunction('approveHash')!.selector)
  )
    return null;
  let hash: string;
  try {
    hash = (approveHash.decodeFunctionData('approveHash', safeTx.data)[0] as string).toLowerCase();
  } catch {
    return null;
  }
  try {
    const outer = store.getQueueItem(hash);
    return outer.safeTx.safe.toLowerCase() === safeTx.to.toLowerCase() && outer.safeTx.chainId === safeTx.chainId
      ? outer.safeTxHash.toLowerCase()
      : null;
  } catch {
    return null;
  }
}

/**
 * Once the owner Safe's approveHash has executed, the outer transaction holds an approved-hash confirmation from
 * it (v = 1, r = the owner Safe). It is stored like any other and, like any other, counts only when the outer
 * Safe's approvedHashes on the chain says so: this records the claim, the quorum checks it.
 */
export function recordNestedApproval(store: Store, inner: QueueItem): string | null {
  const outer = approvedOuterHash(store, inner);
  if (!outer) return null;
  const owner = getAddress(inner.safeTx.safe);
  store.addConfirmation(
    outer,
    {
      owner,
      signature: approvedHashSignature(owner),
      signatureType: 'APPROVED_HASH',
      submittedAt: new Date().toISOString(),
    },
    'local',
  );
  return outer;
}
