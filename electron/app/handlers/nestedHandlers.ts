import { approveWithOwnerSafe } from '../../core/nested/approveWithOwnerSafe.js';
import { nestedSignatureStatus } from '../../core/nested/nestedSignatureStatus.js';
import { ownerSafesOf } from '../../core/nested/ownerSafesOf.js';
import {
  postNestedSignatures,
  type NestedPostOutcome,
  type NestedSignatureHeld,
} from '../../core/nested/postNestedSignatures.js';
import { signNestedMessage, type NestedSigningProgress } from '../../core/nested/signNestedMessage.js';
import { approvedOuterHash } from '../../core/signing/recordNestedApproval.js';
import type { nestedContract } from '../../ipc/nestedContract.js';
import type { SigningStep } from '../signingStep.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function nestedHandlers({
  services,
  store,
  signing,
}: Pick<HandlerContext, 'services' | 'store' | 'signing'>): HandlersOf<typeof nestedContract> {
  return {
    'nested.ownerSafes': async (request) => {
      const found = await ownerSafesOf(store, request.safeTxHash);
      const approved = approvedOuterHash(store, store.getQueueItem(request.safeTxHash));
      return {
        outer: { ...found.outer, chainId: found.outer.chainId.toString() },
        ownerSafes: found.ownerSafes.map((s) => {
          const status = nestedSignatureStatus(store, found.outer.safeTxHash, s.address);
          return {
            ...s,
            offChain: status.available
              ? {
                  innerSafeMessageHash: status.hashes.innerSafeMessageHash,
                  domainHash: status.hashes.domainHash,
                  messageHash: status.hashes.messageHash,
                  signed: status.tally.signed.map((x) => x.owner),
                  threshold: status.tally.threshold,
                  contractSignatureStored: status.contractSignatureStored,
                }
              : null,
            offChainUnavailable: status.available ? null : status.reason,
          };
        }),
        chainUnavailable: found.chainUnavailable,
        approves: approved ? { safe: store.getQueueItem(approved).safeTx.safe, safeTxHash: approved } : null,
      };
    },
    'nested.approve': (request) => {
      const outer = store.getQueueItem(request.outerSafeTxHash);
      const approval = approveWithOwnerSafe(store, {
        outerSafeTxHash: outer.safeTxHash,
        ownerSafe: { chainId: outer.safeTx.chainId, address: request.ownerSafe },
      });
      const { safeTx, safeTxHash } = approval.inner;
      return {
        outer: { ...approval.outer, chainId: approval.outer.chainId.toString() },
        inner: { chainId: safeTx.chainId.toString(), safe: safeTx.safe, safeTxHash, nonce: safeTx.nonce.toString() },
        alreadyStored: approval.alreadyStored,
        deviceSigns: safeTxHash,
      };
    },
    'nested.sign': async (request) => {
      const outer = store.getQueueItem(request.outerSafeTxHash);
      // Keyed by the outer hash, as queue.sign is: one signing of a transaction at a time, by any of its owners.
      const signed = await signing.alone(
        outer.safeTxHash,
        'This transaction is already being signed at this station: finish on the Ledger first.',
        (report) =>
          signNestedMessage({
            store,
            openDevice: () => services.openLedger(),
            outerSafeTxHash: outer.safeTxHash,
            innerSafe: request.ownerSafe,
            acknowledged: request.acknowledged,
            ...request.account,
            post: true,
            onProgress: (p) => report(nestedSigningStep(p)),
          }),
      );
      const { hashes, tally, outerVerdict, outerQuorum } = signed;
      return {
        signer: signed.signer,
        path: signed.path,
        outerSafeTxHash: hashes.outerSafeTxHash,
        deviceSigned: hashes.innerSafeMessageHash,
        offChain: {
          innerSafeMessageHash: hashes.innerSafeMessageHash,
          domainHash: hashes.domainHash,
          messageHash: hashes.messageHash,
          signed: tally.signed.map((s) => s.owner),
          threshold: tally.threshold,
          contractSignatureStored: signed.contractSignature !== null,
        },
        contractSignature: signed.contractSignature?.toLowerCase() ?? null,
        outerConfirmation: outerVerdict ? { status: outerVerdict.status, reason: outerVerdict.reason ?? null } : null,
        outerQuorum: outerQuorum
          ? { signed: outerQuorum.signed, threshold: outerQuorum.threshold, met: outerQuorum.met }
          : null,
        outerFailure: signed.outerFailure?.message ?? null,
        ...postsView(signed.posts),
      };
    },
    'nested.postAgain': async (request) => {
      const outer = store.getQueueItem(request.outerSafeTxHash);
      return postsView(
        await postNestedSignatures(store, { outerSafeTxHash: outer.safeTxHash, innerSafe: request.ownerSafe }),
      );
    },
  };
}

function postsView(posts: { outcomes: NestedPostOutcome[]; held: NestedSignatureHeld[] }) {
  return {
    posts: posts.outcomes.map((o) => ({
      what: o.what,
      safe: o.safe,
      owner: o.owner,
      posted: o.posted,
      failure: o.posted ? null : o.failure.message,
    })),
    held: posts.held.map((h) => ({ owner: h.owner, reason: h.reason })),
  };
}

/** The nested signing's steps in the words the signing board shows; the device waits on the inner SafeMessage. */
function nestedSigningStep(progress: NestedSigningProgress): SigningStep {
  const step = (detail: string, compare: SigningStep['compare'] = null): SigningStep => ({
    stage: progress.stage,
    detail,
    compare,
  });
  switch (progress.stage) {
    case 'reviewing':
      return step(
        `Reviewing the outer transaction ${progress.outerSafeTxHash} again: nothing is signed unless the review can run.`,
      );
    case 'waiting-for-device':
      return step('Waiting for the Ledger: plug it in, unlock it and open the Ethereum app.');
    case 'checking-address':
      return step(`Reading the owner's address at ${progress.path}: it must be an owner of the owner Safe.`);
    case 'awaiting-approval':
      return step(
        `Approve on the Ledger only if it shows the owner Safe's message as below (hashed EIP-712). It stands for the outer safeTxHash ${progress.outerSafeTxHash}, which the device does not show.`,
        progress.compare,
      );
    case 'signed':
      return step(`Signed by ${progress.signer}, verified and stored.`);
  }
}
