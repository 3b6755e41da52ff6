import { getAddress } from 'ethers';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore.js';
import { tempStores } from '../store/tempStores.js';
import { runGuardian } from './runGuardian.js';

const stores = tempStores('safe-latency');
const safe = getAddress('0x' + '5c'.repeat(20));
const hour = 3_600_000;

function storeWithHistory(): string {
  const dir = stores.dir();
  const store = openStore({ dataDir: dir });
  store.addWatchedSafe({ chainId: 1n, address: safe, serviceUrl: null, rpcUrl: null, label: null });
  // Four executions taking 1, 2, 3 and 10 hours, and one the service dates before its proposal.
  store.saveExecutedTransactions(
    [1, 2, 3, 10, -1].map((hours, i) => ({
      chainId: 1n,
      safe,
      safeTxHash: `0x${(i + 1).toString(16).padStart(64, '0')}`,
      nonce: BigInt(i),
      proposedAt: '2026-11-01T00:00:00.000Z',
      executedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + hours * hour).toISOString(),
      executedAtSource: 'service' as const,
      transactionHash: null,
    })),
  );
  store.close();
  return dir;
}

describe('guardian safe latency', () => {
  it('prints the median, p90 and the latest executions of a Safe from what pulls kept, and leaves out a date that cannot be', async () => {
    const env = { GUARDIAN_DATA_DIR: storeWithHistory() };
    const human = await runGuardian(['safe', 'latency', `1:${safe}`, '--last', '2'], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Executed\s+5 known here, 4 measured, 0 timed by their block/);
    expect(human.stdout).toMatch(/nonce 3 .* \(service's word\)/);
    expect(human.stdout).toMatch(/Median\s+2h 00m/);
    expect(human.stdout).toMatch(/p90\s+10h 00m/);
    expect(human.stdout).toMatch(/nonce 3 .*10h 00m/);
    expect(human.stdout).toMatch(/nonce 2 .*3h 00m/);
    expect(human.stdout).not.toMatch(/nonce 1 /);
    expect(human.stdout).toContain('not measured 0x0000000000000000…: it is dated as executed before it was proposed');

    const json = JSON.parse((await runGuardian(['safe', 'latency', `1:${safe}`, '--json'], env)).stdout) as {
      medianMs: number;
      p90Ms: number;
      last: Array<{ nonce: string }>;
    };
    expect(json).toMatchObject({ medianMs: 2 * hour, p90Ms: 10 * hour });
    expect(json.last.map((s) => s.nonce)).toEqual(['3', '2', '1', '0']);
  });

  it('refuses a count that is not one', async () => {
    const run = await runGuardian(['safe', 'latency', `1:${safe}`, '--last', '0'], {
      GUARDIAN_DATA_DIR: storeWithHistory(),
    });
    expect(run.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(run.stderr).toContain('--last 0 is not a count');
  });
});
