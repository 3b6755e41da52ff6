import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR, exitCodeTableMarkdown } from '../../electron/cli/exitCodes.js';
import { VERBS } from '../../electron/cli/verbTable.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { pauseBatchJson, SAFE, scratchFolder, TO, txFlags, watchSafeWithServiceDown } from './commandLineFixtures.js';
import { runGuardian } from './runGuardian.js';

const { dir, file } = scratchFolder('guardian-conventions-');
const zero = '0x0000000000000000000000000000000000000000';
const guardianBin = fileURLToPath(new URL('../../bin/guardian', import.meta.url));

/** A Transaction Service page as the service sends it: each transaction with its own nonce and claimed hash. */
function servicePage(txs: SafeTx[], claim: (tx: SafeTx) => string = safeTxHash): string {
  const results = txs.map((tx) => ({
    safe: tx.safe,
    to: tx.to,
    value: tx.value.toString(),
    data: tx.data,
    operation: tx.operation,
    safeTxGas: '0',
    baseGas: '0',
    gasPrice: '0',
    gasToken: zero,
    refundReceiver: zero,
    nonce: tx.nonce.toString(),
    safeTxHash: claim(tx),
  }));
  return JSON.stringify({ count: results.length, next: null, previous: null, results });
}
const pageTx = (nonce: bigint, safeVersion = '1.4.1') =>
  createSafeTx({ chainId: 1n, safe: SAFE, safeVersion, to: TO, value: nonce, data: '0x8456cb59', nonce });

describe('every verb answers --help', () => {
  it('prints its usage and flags for VERB --help and help VERB alike, and exits 0', async () => {
    for (const [name, verb] of Object.entries(VERBS)) {
      const asked = await runGuardian([name, '--help']);
      expect(asked.code, name).toBe(EXIT.OK);
      expect(asked.stdout, name).toContain(`guardian ${verb.usage}`);
      expect(asked.stdout, name).toContain('--json');
      expect((await runGuardian(['help', name])).stdout, name).toBe(asked.stdout);
    }
    expect((await runGuardian(['hashes', '--chain-id', '1', '-h'])).code).toBe(EXIT.OK);
    expect((await runGuardian(['help', 'nosuch'])).code).toBe(EXIT.USAGE);
  });
});

describe('one table of exit codes', () => {
  it('is the one the README prints', () => {
    expect(readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')).toContain(
      exitCodeTableMarkdown(),
    );
  });

  it('tells a refused signature from a bad --safe value', async () => {
    const dataDir = join(dir, 'refused-sign');
    const tx = pageTx(0n);
    const store = openStore({ dataDir });
    // A transaction of a Safe never pulled here: its owners are unknown, so the gate refuses before any device.
    store.saveQueueItems([
      {
        safeTx: tx,
        safeTxHash: safeTxHash(tx),
        claimedSafeTxHash: null,
        source: { kind: 'tx-builder-file', path: 'x.json' },
        confirmations: [],
        fetchedAt: 'now',
      },
    ]);
    store.close();
    const sign = await runGuardian(['sign', safeTxHash(tx).slice(0, 12)], { GUARDIAN_DATA_DIR: dataDir });
    expect(sign.stderr).toContain('[SIGNING_REFUSED]');
    expect(sign.code).toBe(EXIT_FOR_ERROR.SIGNING_REFUSED);
    const badSafe = await runGuardian(['hashes', ...txFlags({ '--safe': '0x1234' })]);
    expect(badSafe.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(badSafe.code).not.toBe(sign.code);
  });

  it("exits non-zero from queue when every pull failed, with the failure's code", async () => {
    const dataDir = join(dir, 'down');
    watchSafeWithServiceDown(dataDir);
    const run = await runGuardian(['queue'], { GUARDIAN_DATA_DIR: dataDir });
    expect(run.stderr).toMatch(/\[SERVICE_UNREACHABLE\]/);
    expect(run.code).toBe(EXIT_FOR_ERROR.SERVICE_UNREACHABLE);
    expect((await runGuardian(['queue', '--offline'], { GUARDIAN_DATA_DIR: dataDir })).code).toBe(EXIT.OK);
  });
});

describe('failures keep their cause', () => {
  const unreachable = ['review', ...txFlags(), '--rpc', 'http://127.0.0.1:9'];

  it('prints them as JSON on stderr with --json, cause chain included, and nothing on stdout', async () => {
    const run = await runGuardian([...unreachable, '--json'], { GUARDIAN_DATA_DIR: join(dir, 'json') });
    expect(run.code).toBe(EXIT_FOR_ERROR.RPC_UNREACHABLE);
    expect(run.stdout).toBe('');
    const failure = JSON.parse(run.stderr.trim().split('\n').at(-1)!) as {
      error: { code: string; message: string; cause?: Array<{ message: string }> };
    };
    expect(failure.error.code).toBe('RPC_UNREACHABLE');
    expect(failure.error.message).toMatch(/Cannot reach the chain at http:\/\/127\.0\.0\.1:9/);
    expect(failure.error.cause?.map((c) => c.message).join(' ')).toMatch(/ECONNREFUSED|connect/i);
  });

  it('names the cause chain with --verbose, and only then', async () => {
    const quiet = await runGuardian(unreachable, { GUARDIAN_DATA_DIR: join(dir, 'verbose') });
    const verbose = await runGuardian([...unreachable, '--verbose'], { GUARDIAN_DATA_DIR: join(dir, 'verbose') });
    expect(quiet.stderr).toMatch(/guardian review: could not review: .*\[RPC_UNREACHABLE\]/);
    expect(quiet.stderr).not.toMatch(/caused by/);
    expect(verbose.stderr).toMatch(/\n {2}caused by \w+.*(ECONNREFUSED|connect)/i);
    expect(verbose.code).toBe(quiet.code);
  });
});

describe('files carry their own nonces', () => {
  it('hashes a service page without --nonce, each transaction at the nonce it carries', async () => {
    const page = file('page.json', servicePage([pageTx(7n), pageTx(8n)]));
    const run = await runGuardian(['hashes', page, '--chain-id', '1', '--safe-version', '1.4.1', '--json'], {
      GUARDIAN_DATA_DIR: join(dir, 'nonces'),
    });
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const reports = JSON.parse(run.stdout) as Array<{ tx: { nonce: string }; safeTxHash: string; verdict: string }>;
    expect(reports.map((r) => [r.tx.nonce, r.safeTxHash, r.verdict])).toEqual([
      ['7', safeTxHash(pageTx(7n)), 'match'],
      ['8', safeTxHash(pageTx(8n)), 'match'],
    ]);
  });

  it('asks for --nonce only for a Transaction Builder batch, which carries none', async () => {
    const batch = file('batch.json', pauseBatchJson());
    for (const verb of ['hashes', 'decode']) {
      const run = await runGuardian([verb, batch, '--safe-version', '1.4.1'], {
        GUARDIAN_DATA_DIR: join(dir, 'batch'),
      });
      expect(run.code, verb).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
      expect(run.stderr, verb).toMatch(/give its --nonce/);
      expect(run.stderr, verb).not.toMatch(/--safe-version/);
    }
  });
});

describe('a wrong --safe-version', () => {
  it('says the version may be wrong when the claimed hash is what another version gives, and still refuses', async () => {
    const page = file('v141.json', servicePage([pageTx(5n)]));
    // 1.2.0's domain has no chain id; from 1.3.0 on the rules are the same, so each of those gives the claim.
    const run = await runGuardian(['hashes', page, '--chain-id', '1', '--safe-version', '1.2.0'], {
      GUARDIAN_DATA_DIR: join(dir, 'version'),
    });
    expect(run.code).toBe(EXIT.REFUSED);
    expect(run.stderr).toMatch(
      /give under Safe version 1\.3\.0, 1\.4\.0, 1\.4\.1 or 1\.5\.0, not under 1\.2\.0 as given here: the Safe version may be wrong/,
    );
    expect(run.stderr).toContain('[HASH_MISMATCH]');
  });

  it('still reads as a mismatch when no version gives the claimed hash', async () => {
    const page = file(
      'forged.json',
      servicePage([pageTx(5n)], () => `0x${'ab'.repeat(32)}`),
    );
    const run = await runGuardian(['hashes', page, '--chain-id', '1', '--safe-version', '1.4.1'], {
      GUARDIAN_DATA_DIR: join(dir, 'forged'),
    });
    expect(run.code).toBe(EXIT.REFUSED);
    expect(run.stderr).toMatch(/hash to 0x[0-9a-f]{64}\. Do not sign it/);
    expect(run.stderr).not.toMatch(/version may be wrong/);
  });

  it('says the same of a --claimed hash from flags', async () => {
    const tx = pageTx(5n, '1.4.1');
    const flags = txFlags({ '--value': '5', '--data': '0x8456cb59', '--nonce': '5', '--claimed': safeTxHash(tx) });
    const run = await runGuardian(['hashes', ...flags, '--safe-version', '1.1.1']);
    expect(run.code).toBe(EXIT.REFUSED);
    expect(run.stdout).toMatch(
      /MISMATCH under Safe version 1\.1\.1.*version 1\.3\.0, 1\.4\.0, 1\.4\.1 or 1\.5\.0: the Safe version may be wrong/,
    );
  });
});

describe('a closed pipe', () => {
  it('ends quietly when the reader stops reading (guardian hashes … | head -1)', async () => {
    const page = file('big.json', servicePage(Array.from({ length: 400 }, (_, i) => pageTx(BigInt(i)))));
    const script = `"${guardianBin}" hashes "${page}" --chain-id 1 --safe-version 1.4.1 | head -1; echo "guardian exit \${PIPESTATUS[0]}" >&2`;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], {
        env: { ...process.env, NO_COLOR: '1', GUARDIAN_DATA_DIR: join(dir, 'pipe') },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve({ stdout: out, stderr: err }));
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toBe('guardian exit 0\n');
  });
});
