import { describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { runGuardian } from './runGuardian.js';
import { EXIT } from '../../electron/cli/exitCodes.js';

const flags = {
  '--chain-id': '11155111',
  '--safe': '0x5afe3855358e112b5647b952709e6165e1c1eeee',
  '--safe-version': '1.3.0',
  '--to': '0x9cbd9a5f3b3e8b71ab7e7e1c6b6ef8b8d6e7bc11',
  '--value': '1000',
  '--data': '0x8456cb59',
  '--operation': '0',
  '--nonce': '17',
};
const args = Object.entries(flags).flat();
const expected = safeTxHashes(
  createSafeTx({
    chainId: 11155111n,
    safe: flags['--safe'],
    safeVersion: '1.3.0',
    to: flags['--to'],
    value: 1000n,
    data: '0x8456cb59',
    nonce: 17n,
  }),
);

describe('guardian hashes, offline from flags', () => {
  it('prints the hashes in Ledger form and the fields they cover', async () => {
    const run = await runGuardian(['hashes', ...args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`0x${expected.domainHash.slice(2).toUpperCase()}`);
    expect(run.stdout).toContain(`0x${expected.messageHash.slice(2).toUpperCase()}`);
    expect(run.stdout).toContain(expected.safeTxHash);
    expect(run.stdout).toMatch(/Nonce\s+17/);
  });

  it('gives scripts domainHash, messageHash and safeTxHash as JSON', async () => {
    const run = await runGuardian(['hashes', ...args, '--json']);
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(report).toMatchObject({ ...expected, verdict: 'unclaimed' });
  });

  it('exits non-zero with a mismatch verdict when the claimed hash differs', async () => {
    const run = await runGuardian(['hashes', ...args, '--claimed', `0x${'ab'.repeat(32)}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/MISMATCH/);
  });

  it('names a malformed flag in one line on stderr, without a stack trace', async () => {
    const run = await runGuardian([
      'hashes',
      ...args.filter((a) => a !== flags['--to']).map((a) => (a === '--to' ? '--to=0x1234' : a)),
    ]);
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--to must be a 20-byte 0x address/);
    expect(run.stderr).not.toMatch(/\s+at /);
  });

  it('names a missing field, for hashes and review alike', async () => {
    const withoutNonce = Object.entries(flags)
      .filter(([name]) => name !== '--nonce')
      .flat();
    // A usage error for both: review's verdicts are 0 to 3, its failures exit by the same table.
    for (const [verb, code] of [
      ['hashes', EXIT.USAGE],
      ['review', EXIT.USAGE],
    ] as const) {
      const run = await runGuardian([verb, ...withoutNonce]);
      expect(run.code, verb).toBe(code);
      expect(run.stderr, verb).toMatch(/--nonce is required to spell a transaction out by flags/);
    }
  });
});
