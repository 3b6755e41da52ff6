import { describe, expect, it } from 'vitest';
import type { ExecutedTransaction } from '../safe/executedTransaction.js';
import { governanceLatency } from './governanceLatency.js';

const safe = '0x' + '5a'.repeat(20);
const hour = 3_600_000;
function executed(
  nonce: number,
  hours: number | null,
  proposedAt: string | null = '2026-11-01T00:00:00Z',
): ExecutedTransaction {
  const executedAt =
    hours === null ? 'soon' : new Date(Date.parse('2026-11-01T00:00:00Z') + hours * hour).toISOString();
  return {
    chainId: 1n,
    safe,
    safeTxHash: `0x${nonce.toString(16).padStart(64, '0')}`,
    nonce: BigInt(nonce),
    proposedAt,
    executedAt,
    executedAtSource: 'service',
    transactionHash: null,
  };
}

describe('governanceLatency', () => {
  it('gives the median, the nearest-rank 90th percentile and the latest executions by nonce', () => {
    // Ten executions taking 1..10 hours, listed out of order.
    const history = [7, 2, 9, 1, 10, 4, 3, 8, 6, 5].map((h) => executed(h, h));
    const latency = governanceLatency(history, 3);
    expect(latency).toMatchObject({ executed: 10, measured: 10, medianMs: 5 * hour, p90Ms: 9 * hour, unmeasured: [] });
    expect(latency.last.map((s) => [s.nonce, s.latencyMs])).toEqual([
      [10n, 10 * hour],
      [9n, 9 * hour],
      [8n, 8 * hour],
    ]);
  });

  it('leaves out, by name, an execution dated before its proposal and one without readable dates', () => {
    const latency = governanceLatency([executed(1, 2), executed(2, -1), executed(3, null), executed(4, 1, null)]);
    expect(latency).toMatchObject({ executed: 4, measured: 1, medianMs: 2 * hour, p90Ms: 2 * hour });
    expect(latency.unmeasured.map((u) => u.reason)).toEqual([
      'it is dated as executed before it was proposed',
      'its proposal or execution date is missing or unreadable',
      'its proposal or execution date is missing or unreadable',
    ]);
  });

  it('has no figures for a Safe that has executed nothing', () => {
    expect(governanceLatency([])).toEqual({
      executed: 0,
      measured: 0,
      checkedOnChain: 0,
      medianMs: null,
      p90Ms: null,
      last: [],
      unmeasured: [],
    });
  });
});
