import { formatEther } from 'ethers';
import { safeTxToJson } from '../core/safe/safeTxJson.js';
import type { StoredQueueItem } from '../core/store/queueItems.js';
import type { QueueEntry } from '../ipc/contract.js';

/**
 * What can be said of a call without its ABI. A placeholder until the decoder's sentence is wired in, worded so
 * it never claims more than the bytes show.
 */
export function shortDescription(data: string, value: bigint): string {
  const bytes = (data.length - 2) / 2;
  const sends = value > 0n ? `sends ${formatEther(value)} native` : '';
  if (bytes === 0) return value > 0n ? `Plain transfer: ${sends}` : 'Empty call: no data, no value';
  const call = bytes >= 4 ? `Calls ${data.slice(0, 10)}` : 'Calls with a partial selector';
  return [`${call} (${bytes} bytes of data)`, sends].filter(Boolean).join(', ');
}

/** A stored queue item, shaped for the renderer: JSON-safe, with the threshold it counts confirmations against. */
export function queueEntry(item: StoredQueueItem, threshold: number | null): QueueEntry {
  const { safeTx } = item;
  return {
    safeTxHash: item.safeTxHash,
    claimedSafeTxHash: item.claimedSafeTxHash,
    // Items are stored only after their claim matched the hash computed here, so a stored claim is a match.
    hashVerdict: item.claimedSafeTxHash ? 'match' : 'unclaimed',
    chainId: safeTx.chainId.toString(),
    safe: safeTx.safe,
    nonce: safeTx.nonce.toString(),
    to: safeTx.to,
    value: safeTx.value.toString(),
    operation: safeTx.operation,
    dataBytes: (safeTx.data.length - 2) / 2,
    description: shortDescription(safeTx.data, safeTx.value),
    source: item.source.kind,
    confirmations: item.confirmations.map((c) => ({ owner: c.owner, origin: c.origin })),
    threshold,
    tx: safeTxToJson(safeTx),
  };
}
