import { GuardianError } from '../errors.js';
import type { LedgerEthApp } from '../ledger/ethApp.js';
import { signSafeTx, type SafeTxSigningResult, type SigningMode, type SigningProgress } from '../ledger/signSafeTx.js';
import type { Store } from '../store/openStore.js';
import { reviewForSigning, type ReviewSource } from './reviewForSigning.js';
import { assertMaySign } from './signingGate.js';
import { verificationDepth } from './verificationDepth.js';

export interface SignQueueItemOptions {
  store: Store;
  app: LedgerEthApp;
  safeTxHash: string;
  path: string;
  /**
   * Where the gating review simulates: a fork of the Safe's chain, or a carried pre-state replayed with no
   * network (an air-gapped station); without either the review is incomplete and signing is refused.
   */
  simulationProvider: ReviewSource;
  mode?: SigningMode;
  allowEthSign?: boolean;
  /** Codes of critical findings the guardian explicitly acknowledged. */
  acknowledged?: readonly string[];
  /** The device shows the owner's address for the guardian to confirm before it signs. */
  showAddress?: boolean;
  onProgress?: (progress: SigningProgress) => void;
}

/**
 * One guardian signs one queued transaction: the gate first (hash, owner, review, findings), then the device,
 * then the signature is on disk, with its audit entry, in one transaction, before anything else happens
 * (posting it, showing it, executing). A process killed after this returns loses nothing.
 */
export async function signQueueItem(options: SignQueueItemOptions): Promise<SafeTxSigningResult> {
  const { store, app } = options;
  const item = store.getQueueItem(options.safeTxHash);
  const info = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe);
  if (!info)
    throw new GuardianError(
      'SIGNING_REFUSED',
      `Safe ${item.safeTx.safe} has not been pulled on this machine: its owners are unknown, so no signature can be checked.`,
    );
  const review = await reviewForSigning(store, item, options.simulationProvider);
  const { address } = await app.getAddress(options.path);
  assertMaySign({
    hashVerdict: review.hashVerdict,
    signer: address,
    owners: info.owners,
    review,
    acknowledged: options.acknowledged ?? [],
  });
  store.appendAudit({
    kind: 'review',
    safeTxHash: item.safeTxHash,
    actor: address,
    details: {
      findings: review.findings.map((f) => ({ code: f.code, severity: f.severity })),
      acknowledged: options.acknowledged ?? [],
    },
  });

  const result = await signSafeTx(app, options.path, item.safeTx, {
    expectedSigner: address,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.allowEthSign ? { allowEthSign: true } : {}),
    ...(options.showAddress ? { showAddress: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  store.transaction(() => {
    store.addConfirmation(
      item.safeTxHash,
      {
        owner: result.signer,
        signature: result.signature,
        signatureType: result.mode === 'eth_sign' ? 'ETH_SIGN' : 'EOA',
        submittedAt: new Date().toISOString(),
      },
      'local',
    );
    store.appendAudit({
      kind: 'signature',
      safeTxHash: item.safeTxHash,
      actor: result.signer,
      details: {
        mode: result.mode,
        path: result.path,
        fallbacks: result.fallbacks,
        signature: result.signature,
        // The gate passed, so a simulation ran: on a fork, or replayed from a carried state whose proofs held.
        depth: verificationDepth(
          review,
          options.simulationProvider && 'carried' in options.simulationProvider ? 'replay-proven' : 'fork',
          result.mode,
          options.acknowledged ?? [],
        ),
      },
    });
  });
  return result;
}
