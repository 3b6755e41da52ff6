import type { VerifiedConfirmations } from '../core/bundle/verifiedConfirmations.js';

/**
 * A transaction's confirmations as `--json` prints them, each with its verdict, and the quorum they make: what a
 * script reads to know who has really signed (a refused or unverified confirmation never counts).
 */
export function confirmationsJson(verified: VerifiedConfirmations) {
  return {
    confirmations: verified.verdicts.map((v) => ({
      ...v.confirmation,
      kind: v.kind,
      status: v.status,
      reason: v.reason,
    })),
    quorum: verified.quorum,
    signatureEvidence: verified.evidence,
  };
}
