import type { JsonRpcProvider } from 'ethers';
import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import { isGuardianError } from '../errors.js';
import type { QueueItem } from '../queue/queueItem.js';
import type { Finding } from '../risk/finding.js';
import { safeTxHash } from '../safe/safeTxHash.js';
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
 * The checks that gate a signature, run on this machine: the hash, the decoded calls, and a simulation on
 * `provider` (a fork of the Safe's chain) with its risk diff and findings. A check that cannot run is named,
 * and the gate refuses: a guardian never signs on a review that did not happen.
 */
export async function reviewForSigning(store: Store, item: QueueItem, provider: JsonRpcProvider | null): Promise<SigningReview> {
  const tx = item.safeTx;
  const computed = safeTxHash(tx);
  const hashVerdict = item.claimedSafeTxHash === null ? 'unclaimed' : item.claimedSafeTxHash.toLowerCase() === computed.toLowerCase() ? 'match' : 'mismatch';
  const info = store.getSafeInfo(tx.chainId, tx.safe);
  const checksNotRun: string[] = [];
  if (!info) checksNotRun.push('Safe state (owners, threshold, nonce): pull the Safe first');
  if (!provider) checksNotRun.push('simulation: no RPC URL for this Safe (guardian safe add ... --rpc)');
  if (!info || !provider) return { status: 'incomplete', checksNotRun, findings: [], decoded: null, hashVerdict };
  try {
    const review = await reviewSafeTx(storedReviewInput(store, tx, provider));
    return { status: 'complete', checksNotRun, findings: review.findings, decoded: review.decoded, hashVerdict };
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    return { status: 'incomplete', checksNotRun: [`simulation: ${error.message}`], findings: [], decoded: null, hashVerdict };
  }
}
