import type { JsonRpcProvider } from 'ethers';
import { replayCarriedReview } from '../bundle/replayCarriedReview.js';
import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import { isGuardianError } from '../errors.js';
import type { QueueItem } from '../safe/queueItem.js';
import type { Finding } from '../risk/finding.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import type { CarriedState } from '../simulate/replaySimulation.js';
import { reviewSafeTx } from '../simulate/reviewSafeTx.js';
import { storedReviewInput } from '../simulate/storedReviewInput.js';
import type { Store } from '../store/openStore.js';
import type { ReviewOutcome } from './signingGate.js';

export interface SigningReview extends ReviewOutcome {
  decoded: DecodedTransaction | null;
  findings: Finding[];
  hashVerdict: 'match' | 'mismatch' | 'unclaimed';
}

/**
 * Where the gate's simulation runs: on a fork of the Safe's chain (a provider), or, on an air-gapped station,
 * in a fresh anvil rebuilt from a carried pre-state whose proofs are checked against its block's state root.
 */
export type ReviewSource = JsonRpcProvider | { carried: CarriedState } | null;

/**
 * The checks that gate a signature, run on this machine: the hash, the decoded calls, and a simulation (on a
 * fork, or replayed from a carried pre-state) with its risk diff and findings. A check that cannot run is named,
 * and the gate refuses: a guardian never signs on a review that did not happen.
 */
export async function reviewForSigning(store: Store, item: QueueItem, source: ReviewSource): Promise<SigningReview> {
  const tx = item.safeTx;
  const computed = safeTxHash(tx);
  const hashVerdict =
    item.claimedSafeTxHash === null
      ? 'unclaimed'
      : item.claimedSafeTxHash.toLowerCase() === computed.toLowerCase()
        ? 'match'
        : 'mismatch';
  const info = store.getSafeInfo(tx.chainId, tx.safe);
  const checksNotRun: string[] = [];
  if (!info) checksNotRun.push('Safe state (owners, threshold, nonce): pull the Safe first');
  if (!source)
    checksNotRun.push(
      'simulation: no RPC URL for this Safe (guardian safe add ... --rpc), and no review bundle to replay (--bundle)',
    );
  if (!info || !source) return { status: 'incomplete', checksNotRun, findings: [], decoded: null, hashVerdict };
  try {
    if ('carried' in source) {
      const { review, verdict } = await replayCarriedReview(store, item.safeTx, source.carried);
      const unproven = verdict !== 'proven';
      if (unproven)
        checksNotRun.push('state proofs: the carried pre-state has none, so it cannot be checked against its block');
      return {
        status: unproven ? 'incomplete' : 'complete',
        checksNotRun,
        findings: review.findings,
        decoded: review.decoded,
        hashVerdict,
      };
    }
    const review = await reviewSafeTx(storedReviewInput(store, tx, source));
    return { status: 'complete', checksNotRun, findings: review.findings, decoded: review.decoded, hashVerdict };
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    return {
      status: 'incomplete',
      checksNotRun: [`simulation: ${error.message}`],
      findings: [],
      decoded: null,
      hashVerdict,
    };
  }
}
