import { decodeTransaction } from '../decode/decodeTransaction.js';
import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import { storedDecodeOptions } from '../decode/storedDecodeOptions.js';
import type { QueueItem } from '../queue/queueItem.js';
import type { Finding } from '../risk/finding.js';
import { staticFindings } from '../risk/staticFindings.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import type { Store } from '../store/openStore.js';
import type { ReviewOutcome } from './signingGate.js';

export interface SigningReview extends ReviewOutcome {
  decoded: DecodedTransaction;
  findings: Finding[];
  hashVerdict: 'match' | 'mismatch' | 'unclaimed';
}

/**
 * The checks that gate a signature, run on this machine from what it stored: the hash, the decoded calls and
 * the findings they raise. Simulation joins these checks when it lands; until then it is not claimed.
 */
export function reviewForSigning(store: Store, item: QueueItem): SigningReview {
  const tx = item.safeTx;
  const computed = safeTxHash(tx);
  const hashVerdict = item.claimedSafeTxHash === null ? 'unclaimed' : item.claimedSafeTxHash.toLowerCase() === computed.toLowerCase() ? 'match' : 'mismatch';
  const options = storedDecodeOptions(store, tx.chainId, tx.safe);
  const decoded = decodeTransaction(tx, options);
  const info = store.getSafeInfo(tx.chainId, tx.safe);
  const queuedNonces = store.listQueueItems({ chainId: tx.chainId, safe: tx.safe }).map((i) => i.safeTx.nonce);
  const findings = staticFindings({ tx, decoded, book: options.addressBook!, ...(info ? { safeNonce: info.nonce } : {}), queuedNonces });
  const checksNotRun = info ? [] : ['Safe state (owners, threshold, nonce): pull the Safe first'];
  return { status: checksNotRun.length === 0 ? 'complete' : 'incomplete', checksNotRun, findings, decoded, hashVerdict };
}
