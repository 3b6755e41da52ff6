import type { ConfirmationStatus, ConfirmationVerdict } from '../safe/confirmationVerdict.js';
import type { QuorumStatus } from '../safe/quorum.js';
import type { ConfirmationOrigin, StoredConfirmation } from '../store/confirmations.js';
import { claimedTime } from './claimedTime.js';

/**
 * A clock that disagrees with this one by less than this is read as agreeing: a proposer's own signature is
 * submitted with the proposal, and two servers' clocks drift by seconds. Past it, a time is not believed.
 */
const CLOCK_SKEW_MS = 60_000;

export interface ConfirmationTiming {
  owner: string;
  origin: ConfirmationOrigin;
  status: ConfirmationStatus;
  /** When it was submitted: the service's claim, or this station's clock for a signature made here. */
  signedAt: string | null;
  /** From the proposal to this confirmation; null when either time is missing or not believable. */
  afterProposalMs: number | null;
}

/** How a pending transaction stands in time and in signatures, as a guardian triaging an emergency reads it. */
export interface ResponseFigures {
  /** The proposal's submissionDate, as the source claims it. */
  proposedAt: string | null;
  sinceProposalMs: number | null;
  /** Oldest first; unbelievable times keep their row with a null duration. */
  confirmations: ConfirmationTiming[];
  threshold: number | null;
  /** Proven signatures, once per owner: the only ones that count. */
  verifiedSignatures: number;
  /** How many more proven signatures the threshold needs; null while the Safe's owners are unknown here. */
  needs: number | null;
  /** Times that were there but not believed, and why, for a person to read. */
  doubts: string[];
}

interface Pending {
  submittedAt?: string;
}

/**
 * The live figures of one pending transaction at `now`. Counts only what quorumStatus counted (verified
 * signatures); the times are the service's claims, checked only for being readable and not in the future,
 * since a service that post-dates a proposal would otherwise make a slow response look fast.
 */
export function responseFigures(
  item: Pending,
  verdicts: readonly ConfirmationVerdict<StoredConfirmation>[],
  quorum: QuorumStatus | null,
  now: Date,
): ResponseFigures {
  const doubts: string[] = [];
  const nowMs = now.getTime();
  const believable = (what: string, value: string | undefined): number | null => {
    if (value === undefined) return null;
    const at = claimedTime(value);
    if (at === null) doubts.push(`${what} has an unreadable time (${value.slice(0, 40)}).`);
    else if (at > nowMs + CLOCK_SKEW_MS) doubts.push(`${what} is dated in the future (${value.slice(0, 40)}).`);
    else return Math.min(at, nowMs);
    return null;
  };
  const proposed = believable('The proposal', item.submittedAt);
  const confirmations = verdicts.map((v): ConfirmationTiming & { at: number | null } => {
    const at = believable(`The confirmation of ${v.owner}`, v.confirmation.submittedAt);
    let afterProposalMs: number | null = null;
    if (at !== null && proposed !== null) {
      if (at < proposed - CLOCK_SKEW_MS) doubts.push(`The confirmation of ${v.owner} is dated before the proposal.`);
      else afterProposalMs = Math.max(0, at - proposed);
    }
    return {
      owner: v.owner,
      origin: v.confirmation.origin,
      status: v.status,
      signedAt: v.confirmation.submittedAt ?? null,
      afterProposalMs,
      at,
    };
  });
  confirmations.sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity));
  const verifiedSignatures = quorum?.signed.length ?? 0;
  return {
    proposedAt: item.submittedAt ?? null,
    sinceProposalMs: proposed === null ? null : nowMs - proposed,
    confirmations: confirmations.map(({ at: _at, ...timing }) => timing),
    threshold: quorum?.threshold ?? null,
    verifiedSignatures,
    needs: quorum ? Math.max(0, quorum.threshold - verifiedSignatures) : null,
    doubts,
  };
}
