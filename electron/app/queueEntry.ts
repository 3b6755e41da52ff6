import { formatEther } from 'ethers';
import { safeTxToJson } from '../core/safe/safeTxJson.js';
import type { DecodedAction, DecodedTransaction } from '../core/decode/decodedTransaction.js';
import type { StoredVerdict } from '../core/bundle/verifiedConfirmations.js';
import type { StoredQueueItem } from '../core/store/queueItems.js';
import type { QueueEntry } from '../ipc/contract.js';
import type { Confirmation } from '../core/safe/confirmation.js';
import { responseFigures, type ResponseFigures } from '../core/queue/responseFigures.js';
import { describeDepth, type VerificationDepth } from '../core/signing/verificationDepth.js';

/**
 * What can be said of a call without decoding it, worded so it never claims more than the bytes show: the line
 * a row falls back to when the decoder could not read the transaction.
 */
export function shortDescription(data: string, value: bigint): string {
  const bytes = (data.length - 2) / 2;
  const sends = value > 0n ? `sends ${formatEther(value)} native` : '';
  if (bytes === 0) return value > 0n ? `Plain transfer: ${sends}` : 'Empty call: no data, no value';
  const call = bytes >= 4 ? `Calls ${data.slice(0, 10)}` : 'Calls with a partial selector';
  return [`${call} (${bytes} bytes of data)`, sends].filter(Boolean).join(', ');
}

/** The decoder's reading of a queued transaction, or why there is none. */
export type QueueReading = { decoded: DecodedTransaction } | { failure: string };

function warningsOf(actions: readonly DecodedAction[]): string[] {
  return actions.flatMap((a) => [...a.warnings, ...warningsOf(a.children)]);
}

/**
 * A stored queue item, shaped for the renderer: JSON-safe, with the threshold it counts confirmations against
 * and the decoder's one-line summary, so a guardian triages from the list in words, not selectors.
 */
export interface LiveFigures {
  /** From responseFigures; without it the row is timed at this moment with no quorum known. */
  figures?: ResponseFigures;
  /** The depth recorded with a signature made here (signatureDepths). */
  depthOf?: (confirmation: Confirmation) => VerificationDepth | null;
}

export function queueEntry(
  item: StoredQueueItem,
  threshold: number | null,
  reading: QueueReading,
  verdicts: readonly StoredVerdict[],
  lastReview: QueueEntry['lastReview'] = null,
  background: QueueEntry['background'] = null,
  live: LiveFigures = {},
): QueueEntry {
  const { safeTx } = item;
  const figures = live.figures ?? responseFigures(item, verdicts, null, new Date());
  const timing = new Map(figures.confirmations.map((c) => [c.owner.toLowerCase(), c]));
  const decoded = 'decoded' in reading ? reading.decoded : null;
  const warnings = decoded ? warningsOf(decoded.actions) : [];
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
    description: decoded
      ? decoded.summary
      : `${shortDescription(safeTx.data, safeTx.value)} (not decoded: ${'failure' in reading ? reading.failure : ''})`,
    decoding: decoded
      ? {
          warnings: warnings.length,
          warningTexts: warnings,
          delegatecallToUnknown: decoded.flags.delegatecallToUnknown,
          ambiguous: decoded.flags.ambiguous,
          truncated: decoded.flags.truncated,
        }
      : null,
    source: item.source.kind,
    confirmations: verdicts.map((v) => {
      const depth = v.confirmation.origin === 'local' ? (live.depthOf?.(v.confirmation) ?? null) : null;
      const timed = timing.get(v.owner.toLowerCase());
      return {
        owner: v.owner,
        origin: v.confirmation.origin,
        kind: v.kind,
        status: v.status,
        reason: v.reason,
        signedAt: timed?.signedAt ?? null,
        afterProposalMs: timed?.afterProposalMs ?? null,
        depth: depth ? describeDepth(depth) : null,
      };
    }),
    threshold,
    figures: {
      proposedAt: figures.proposedAt,
      sinceProposalMs: figures.sinceProposalMs,
      verifiedSignatures: figures.verifiedSignatures,
      needs: figures.needs,
      doubts: figures.doubts,
    },
    lastReview,
    background,
    tx: safeTxToJson(safeTx),
  };
}
