import { claimedTime } from './claimedTime.js';
import type { ExecutedTransaction } from '../safe/executedTransaction.js';

export interface LatencySample {
  safeTxHash: string;
  nonce: bigint;
  proposedAt: string;
  executedAt: string;
  /** Whether the execution time is its block's (checked on the chain) or the service's word. */
  executedAtSource: 'chain' | 'service';
  latencyMs: number;
}

/** How long a Safe's owners take from proposal to execution, over its executed transactions. */
export interface GovernanceLatency {
  /** Executed transactions known here. */
  executed: number;
  /** Of those, the ones with both dates readable and in order: the only ones measured. */
  measured: number;
  /** Of the measured, those whose execution time is a block's, checked on the chain. */
  checkedOnChain: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** The most recent measured ones (by nonce), newest first. */
  last: LatencySample[];
  /** Executions left out, and why. */
  unmeasured: Array<{ safeTxHash: string; reason: string }>;
}

/** The nearest-rank percentile: a value that occurred, never one interpolated between two executions. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Median, 90th percentile and the last `lastN` of a Safe's proposal-to-execution times. The dates are the
 * service's; one executed before it was proposed is a claim that cannot both be true, and is left out by name.
 */
export function governanceLatency(executions: readonly ExecutedTransaction[], lastN = 10): GovernanceLatency {
  const samples: LatencySample[] = [];
  const unmeasured: GovernanceLatency['unmeasured'] = [];
  for (const e of executions) {
    const proposed = claimedTime(e.proposedAt);
    const executed = claimedTime(e.executedAt);
    if (proposed === null || executed === null)
      unmeasured.push({ safeTxHash: e.safeTxHash, reason: 'its proposal or execution date is missing or unreadable' });
    else if (executed < proposed)
      unmeasured.push({ safeTxHash: e.safeTxHash, reason: 'it is dated as executed before it was proposed' });
    else
      samples.push({
        safeTxHash: e.safeTxHash,
        nonce: e.nonce,
        proposedAt: e.proposedAt!,
        executedAt: e.executedAt,
        executedAtSource: e.executedAtSource,
        latencyMs: executed - proposed,
      });
  }
  const sorted = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const newestFirst = [...samples].sort((a, b) => (a.nonce < b.nonce ? 1 : a.nonce > b.nonce ? -1 : 0));
  return {
    executed: executions.length,
    measured: samples.length,
    checkedOnChain: samples.filter((s) => s.executedAtSource === 'chain').length,
    medianMs: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    last: newestFirst.slice(0, Math.max(0, lastN)),
    unmeasured,
  };
}
