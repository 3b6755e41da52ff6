import { getAddress } from 'ethers';
import type { Store } from '../store/openStore.js';
import { completeNestedSignature, type NestedSignatureState } from './completeNestedSignature.js';
import type { NestedMessageHashes } from './nestedMessageHashes.js';
import { assertNotSigned, keepNestedSignature, nestedSignatureTally } from './nestedMessageSignatures.js';
import { nestedSigningContext } from './nestedSigningContext.js';
import { postNestedSignatures, type NestedPostOutcome, type NestedSignatureHeld } from './postNestedSignatures.js';

export interface NestedSignatureAdded extends NestedSignatureState {
  hashes: NestedMessageHashes;
  innerSafe: string;
  owner: string;
  /** What was posted once it was kept (and the contract signature, when it completed one); empty unless asked. */
  posts: { outcomes: NestedPostOutcome[]; held: NestedSignatureHeld[] };
}

/**
 * An inner owner's signature made at another station (its `guardian nested sign --json` prints it), brought
 * here to meet the owner Safe's threshold. Nothing about it is taken on trust: it must recover, over the inner
 * SafeMessage hash computed here, to the owner it names, an owner of the owner Safe, before it is kept.
 */
export async function addNestedSignature(
  store: Store,
  options: {
    outerSafeTxHash: string;
    innerSafe: string;
    innerChainId?: bigint;
    owner: string;
    signature: string;
    post?: boolean;
  },
): Promise<NestedSignatureAdded> {
  const context = nestedSigningContext(store, {
    outerSafeTxHash: options.outerSafeTxHash,
    innerSafe: options.innerSafe,
    ...(options.innerChainId === undefined ? {} : { innerChainId: options.innerChainId }),
  });
  const owner = getAddress(options.owner.toLowerCase());
  assertNotSigned(nestedSignatureTally(store, context), owner, context.hashes.innerSafeMessageHash);
  keepNestedSignature(store, context, { owner, signature: options.signature });
  const state = await completeNestedSignature(store, context);
  // Kept before it is posted, as a signature made here is: a failed post is retried with guardian post.
  const posts = options.post
    ? await postNestedSignatures(store, {
        outerSafeTxHash: context.hashes.outerSafeTxHash,
        innerSafe: context.inner.address,
        signedHere: true,
      })
    : { outcomes: [], held: [] };
  return { hashes: context.hashes, innerSafe: context.inner.address, owner, ...state, posts };
}
