import { durationWords } from '../../../electron/ipc/rendererFormatting.js';
import type { QueueEntry } from '../../../electron/ipc/contract.js';

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** The row's age, in the words a guardian triaging an emergency reads first. */
export function ageWords(entry: QueueEntry): string {
  return entry.figures.sinceProposalMs === null
    ? 'proposed at an unknown time'
    : `proposed ${durationWords(entry.figures.sinceProposalMs)} ago`;
}

/** What the threshold still needs, counting only the signatures the main process proved. */
export function needsWords(entry: QueueEntry): string {
  const { needs } = entry.figures;
  return needs === null ? 'threshold unknown' : needs === 0 ? 'threshold met' : `needs ${needs} more`;
}

/** How long each counted signature took after the proposal, oldest first, and any time that was not believed. */
export function timingWords(entry: QueueEntry): string {
  const timed = entry.confirmations
    .filter((c) => c.status === 'valid')
    .sort((a, b) => (a.afterProposalMs ?? Infinity) - (b.afterProposalMs ?? Infinity))
    .map(
      (c) =>
        `${short(c.owner)} ${c.afterProposalMs === null ? 'at an unknown time' : `after ${durationWords(c.afterProposalMs)}`}`,
    );
  return [timed.length > 0 ? `signed ${timed.join(', ')}` : 'no counted signature yet', ...entry.figures.doubts].join(
    '; ',
  );
}

/**
 * This station's own signatures with what was checked before each, as their audit entries recorded it. An approved
 * hash kept here is an owner Safe's approveHash, made by that Safe's own transaction, not signed on a device: its
 * checks are that transaction's, so it has no depth of its own to show.
 */
export function ownDepths(entry: QueueEntry): Array<{ owner: string; depth: string }> {
  return entry.confirmations
    .filter((c) => c.origin === 'local' && c.kind !== 'approved_hash')
    .map((c) => ({ owner: c.owner, depth: c.depth ?? 'not recorded (signed before depths were kept)' }));
}
