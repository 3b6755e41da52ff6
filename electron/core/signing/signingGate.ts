import { GuardianError } from '../errors.js';
import type { Severity } from '../primitives/severity.js';

/** What the gate needs to know of a review; the simulation's full result carries much more. */
export interface ReviewOutcome {
  /** 'complete' only when every required check ran; 'incomplete' names the checks that could not. */
  status: 'complete' | 'incomplete';
  checksNotRun: string[];
  findings: ReadonlyArray<{ code: string; severity: Severity; title: string }>;
}

export interface SigningGateInput {
  /** The claim this machine checked the fields against; 'mismatch' ends the matter. */
  hashVerdict: 'match' | 'mismatch' | 'unclaimed';
  signer: string;
  owners: readonly string[];
  /** null when no review was run: signing without one is refused, not waved through. */
  review: ReviewOutcome | null;
  /** Codes of critical findings the guardian explicitly acknowledged for this transaction. */
  acknowledged: readonly string[];
}

/**
 * The one place that decides whether a guardian may sign. Nothing signs when a hash disagrees, the signer is
 * not an owner, a required check could not run, or a critical finding stands unacknowledged (Bybit's signers
 * had no such gate between a lying screen and their devices).
 */
export function assertMaySign(input: SigningGateInput): void {
  if (input.hashVerdict === 'mismatch') {
    throw new GuardianError(
      'SIGNING_REFUSED',
      'Signing refused: the claimed safeTxHash does not match the transaction fields.',
    );
  }
  if (!input.owners.some((o) => o.toLowerCase() === input.signer.toLowerCase())) {
    throw new GuardianError('SIGNER_NOT_OWNER', `Signing refused: ${input.signer} is not an owner of this Safe.`);
  }
  if (input.review === null) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      'Signing refused: this transaction has not been reviewed (simulated) on this machine.',
    );
  }
  if (input.review.status !== 'complete') {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `Signing refused: required checks could not run (${input.review.checksNotRun.join(', ') || 'unknown'}). Fix the cause and review again.`,
    );
  }
  const unacknowledged = input.review.findings.filter(
    (f) => f.severity === 'critical' && !input.acknowledged.includes(f.code),
  );
  if (unacknowledged.length > 0) {
    throw new GuardianError(
      'SIGNING_REFUSED',
      `Signing refused: ${unacknowledged.length} critical finding(s) not acknowledged: ${unacknowledged.map((f) => `${f.title} [${f.code}]`).join('; ')}.`,
      { details: { unacknowledged: unacknowledged.map((f) => f.code) } },
    );
  }
}
