import { getAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import { withMessageService } from '../message/messageServiceApi.js';
import { sendMessageSignature } from '../message/sendMessageSignature.js';
import { postStoredConfirmations } from '../signing/postStoredConfirmations.js';
import type { Store } from '../store/openStore.js';
import { nestedMessageOnService } from './nestedMessageOnService.js';
import { nestedSignatureTally } from './nestedMessageSignatures.js';
import { nestedSigningContext, type NestedSigningContext } from './nestedSigningContext.js';
import { NESTED_POSTED_KIND, unpostedNestedSignatures } from './unpostedNestedSignatures.js';

/** One post of a nested signature: an inner owner's to the owner Safe's messages, or the owner Safe's to the outer. */
export type NestedPostOutcome = {
  what: 'inner-message' | 'outer-confirmation';
  outerSafeTxHash: string;
  /** The Safe whose Transaction Service entry it was posted to: the owner Safe's message, or the outer transaction. */
  safe: string;
  owner: string;
} & ({ posted: true } | { posted: false; failure: GuardianError });

/** Kept here and not posted, for a reason no retry changes (the service cannot hold it, or there is none). */
export interface NestedSignatureHeld {
  outerSafeTxHash: string;
  innerSafe: string;
  owner: string;
  reason: string;
}

/**
 * Posts what nested signing kept here and the Transaction Service lacks, without a device: each inner owner's
 * signature as a confirmation of the owner Safe's message (api-kit addMessage, or addMessageSignature once the
 * service knows it), and the owner Safe's contract signature as its confirmation of the outer transaction
 * (confirmTransaction, through postStoredConfirmations, which proves it on the chain first). Every signature is
 * proven again as read; one failure does not stop the others. `signedHere` is the signing's own post, where a
 * Safe without a service is simply offline: held, not failed.
 */
export async function postNestedSignatures(
  store: Store,
  options: {
    outerSafeTxHash?: string;
    innerSafe?: string;
    timeoutMs?: number;
    signedHere?: boolean;
    /** false where postStoredConfirmations posts every outer confirmation anyway (guardian post). */
    withOuter?: boolean;
  } = {},
): Promise<{ outcomes: NestedPostOutcome[]; held: NestedSignatureHeld[] }> {
  const outcomes: NestedPostOutcome[] = [];
  const held: NestedSignatureHeld[] = [];
  const pending = unpostedNestedSignatures(store, options.outerSafeTxHash).filter(
    (p) => !options.innerSafe || p.innerSafe.toLowerCase() === options.innerSafe.toLowerCase(),
  );
  const pairs = new Map<string, { outerSafeTxHash: string; innerSafe: string; owners: string[] }>();
  for (const p of pending) {
    const key = `${p.outerSafeTxHash}:${p.innerSafe.toLowerCase()}`;
    const pair = pairs.get(key) ?? { outerSafeTxHash: p.outerSafeTxHash, innerSafe: p.innerSafe, owners: [] };
    pair.owners.push(p.owner);
    pairs.set(key, pair);
  }
  for (const pair of pairs.values()) {
    const context = nestedSigningContext(store, { outerSafeTxHash: pair.outerSafeTxHash, innerSafe: pair.innerSafe });
    const onService = nestedMessageOnService(context);
    const serviceUrl = store.getWatchedSafe(context.inner.chainId, context.inner.address)?.serviceUrl;
    for (const owner of pair.owners) {
      const base = {
        what: 'inner-message' as const,
        outerSafeTxHash: pair.outerSafeTxHash,
        safe: context.inner.address,
        owner,
      };
      if (!onService.representable) {
        held.push({
          outerSafeTxHash: pair.outerSafeTxHash,
          innerSafe: context.inner.address,
          owner,
          reason: onService.reason,
        });
        continue;
      }
      if (!serviceUrl) {
        const reason = `The owner Safe ${context.inner.address} has no Transaction Service here (guardian safe add … --service URL).`;
        if (options.signedHere)
          held.push({ outerSafeTxHash: pair.outerSafeTxHash, innerSafe: context.inner.address, owner, reason });
        else outcomes.push({ ...base, posted: false, failure: new GuardianError('INVALID_INPUT', reason) });
        continue;
      }
      try {
        await postInnerSignature(store, context, {
          serviceUrl,
          owner,
          content: onService.content,
          timeoutMs: options.timeoutMs,
        });
        outcomes.push({ ...base, posted: true });
      } catch (error) {
        if (!isGuardianError(error)) throw error;
        outcomes.push({ ...base, posted: false, failure: error });
      }
    }
  }
  if (options.withOuter === false) return { outcomes, held };
  for (const outer of outerConfirmationsToPost(store, options, pairs)) {
    const item = store.getQueueItem(outer.outerSafeTxHash);
    if (options.signedHere && !store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.serviceUrl) continue;
    const posted = await postStoredConfirmations(store, {
      safeTxHash: outer.outerSafeTxHash,
      owner: outer.innerSafe,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    for (const o of posted)
      outcomes.push({
        what: 'outer-confirmation',
        outerSafeTxHash: o.safeTxHash,
        safe: getAddress(item.safeTx.safe),
        owner: getAddress(o.owner),
        ...(o.posted ? { posted: true as const } : { posted: false as const, failure: o.failure }),
      });
  }
  return { outcomes, held };
}

/**
 * The owner Safes' contract signatures to post: of the pairs just posted, and, when one pair is named, that one
 * (its inner signatures may all be posted already while the outer post failed).
 */
function outerConfirmationsToPost(
  store: Store,
  options: { outerSafeTxHash?: string; innerSafe?: string },
  pairs: Map<string, { outerSafeTxHash: string; innerSafe: string }>,
): Array<{ outerSafeTxHash: string; innerSafe: string }> {
  const all = [...pairs.values()];
  if (options.outerSafeTxHash && options.innerSafe)
    all.push({ outerSafeTxHash: store.getQueueItem(options.outerSafeTxHash).safeTxHash, innerSafe: options.innerSafe });
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.outerSafeTxHash.toLowerCase()}:${p.innerSafe.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One inner owner's proven signature to the owner Safe's message on its service, read back to see it kept. */
async function postInnerSignature(
  store: Store,
  context: NestedSigningContext,
  options: { serviceUrl: string; owner: string; content: object; timeoutMs?: number | undefined },
): Promise<void> {
  const { hashes, inner } = context;
  // Proven again as read: an entry edited on disk, or a signer no longer an owner, is never sent.
  const mine = nestedSignatureTally(store, context).signed.find(
    (s) => s.owner.toLowerCase() === options.owner.toLowerCase(),
  );
  if (!mine)
    throw new GuardianError(
      'INVALID_SIGNATURE',
      `The kept signature of ${options.owner} over the owner Safe's message ${hashes.innerSafeMessageHash} does not prove that owner of ${inner.address}, so it is not posted.`,
    );
  const hash = hashes.innerSafeMessageHash;
  await withMessageService(
    {
      serviceUrl: options.serviceUrl,
      chainId: inner.chainId,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
    async (api, call, writer) => {
      const { served } = await sendMessageSignature(api, call, writer, {
        safe: inner.address,
        safeMessageHash: hash,
        content: options.content,
        signature: mine.signature,
        names: { newMessage: 'the owner Safe message', signature: 'the owner Safe message signature' },
      });
      const kept = (served.confirmations ?? []).some(
        (c) => typeof c.owner === 'string' && c.owner.toLowerCase() === mine.owner.toLowerCase(),
      );
      if (!kept)
        throw new GuardianError(
          'SERVICE_BAD_RESPONSE',
          `The Transaction Service did not keep the signature of ${mine.owner} on the owner Safe's message ${hash}. It is kept on this machine; post it again later.`,
        );
    },
  );
  store.appendAudit({
    kind: NESTED_POSTED_KIND,
    safeTxHash: hashes.outerSafeTxHash,
    actor: mine.owner,
    details: { innerSafe: inner.address, innerSafeMessageHash: hash, service: options.serviceUrl },
  });
}
