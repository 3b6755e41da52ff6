import type { AbiSource, DecodedTransaction } from '../decode/decodedTransaction.js';
import { walkActions } from '../risk/staticFindings.js';
import { SEVERITIES, type Severity } from '../primitives/severity.js';
import type { SigningMode } from '../ledger/signSafeTx.js';
import type { SigningReview } from './reviewForSigning.js';

/**
 * What was checked before a signature was made, kept with it: a record that shows a guardian signed on a
 * recomputed hash, a simulation and the full fields, or on less. SEAL's guidance asks that what each signer
 * verified be kept; Bybit's signers verified a hash they could not read.
 */
export interface VerificationDepth {
  /** The safeTxHash was recomputed here from the fields (always, or the gate refuses). */
  hashRecomputed: true;
  /** What the source claimed: matched, or nothing was claimed (a file). */
  claimedHash: 'matched' | 'unclaimed';
  /** The least trusted source that decoded any call, and how many calls there were. */
  decoding: { weakestSource: AbiSource | null; calls: number };
  /** Where the review simulated: a fork of the chain, or a carried pre-state replayed with its proofs. */
  simulation: 'fork' | 'replay-proven';
  /** How the device signed: full shows every field, hashed only two hashes. */
  deviceMode: SigningMode;
  findings: Partial<Record<Severity, number>>;
  acknowledged: string[];
}

// Most trusted first, as decodedTransaction.ts orders them.
const TRUST: readonly AbiSource[] = ['registered', 'descriptor', 'artifact', 'bundled', 'selector-table', 'none'];

function weakestSource(decoded: DecodedTransaction | null): { weakestSource: AbiSource | null; calls: number } {
  let weakest: AbiSource | null = null;
  let calls = 0;
  walkActions(decoded?.actions ?? [], (a) => {
    calls++;
    if (weakest === null || TRUST.indexOf(a.source) > TRUST.indexOf(weakest)) weakest = a.source;
  });
  return { weakestSource: weakest, calls };
}

export function verificationDepth(
  review: SigningReview,
  source: 'fork' | 'replay-proven',
  mode: SigningMode,
  acknowledged: readonly string[],
): VerificationDepth {
  const findings: Partial<Record<Severity, number>> = {};
  for (const severity of SEVERITIES) {
    const count = review.findings.filter((f) => f.severity === severity).length;
    if (count > 0) findings[severity] = count;
  }
  return {
    hashRecomputed: true,
    claimedHash: review.hashVerdict === 'match' ? 'matched' : 'unclaimed',
    decoding: weakestSource(review.decoded),
    simulation: source,
    deviceMode: mode,
    findings,
    acknowledged: [...acknowledged],
  };
}

/** One line a guardian reads beside the signature. */
export function describeDepth(depth: VerificationDepth): string {
  const found = SEVERITIES.filter((s) => depth.findings[s]).map((s) => `${depth.findings[s]} ${s}`);
  return [
    'hash recomputed',
    depth.claimedHash === 'matched' ? 'claimed hash matched' : 'no claimed hash',
    `decoded ${depth.decoding.calls} call(s), weakest source ${depth.decoding.weakestSource ?? 'none'}`,
    depth.simulation === 'fork' ? 'simulated on a fork' : 'replayed from proven state',
    `device ${depth.deviceMode === 'full' ? 'full EIP-712' : depth.deviceMode}`,
    found.length > 0 ? `findings ${found.join(', ')}` : 'no findings',
    depth.acknowledged.length > 0 ? `acknowledged ${depth.acknowledged.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
