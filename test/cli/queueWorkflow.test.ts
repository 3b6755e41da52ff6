import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxToJson } from '../../electron/core/safe/safeTxJson.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { safeAdd } from './safeAddVerb.js';
import { EXIT } from '../../electron/cli/exitCodes.js';

let chain: TestChain;
let service: LoopbackService;
let safe: string;
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  safe = await createSafe(chain, contracts, { owners: chain.wallets.slice(0, 3).map((w) => w.address), threshold: 2 });
  service.setSafe({
    address: safe,
    owners: chain.wallets.slice(0, 3).map((w) => w.address),
    threshold: 2,
    nonce: 0n,
    version: '1.4.1',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-cli-'));
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const tx = (nonce: bigint) =>
  createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: chain.wallets[5]!.address,
    data: pause,
    nonce,
  });

describe('a new guardian following the README', () => {
  it('watches a Safe, pulls its queue, refuses the tampered transaction and stores the honest one', async () => {
    const add = await safeAdd(chain, service, safe, env());
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Watching Safe ${chain.chainId}:${safe}`);

    service.addTransaction(tx(0n));
    const tampered = service.addTransaction(tx(1n));
    tampered['operation'] = 1;

    const pull = await runGuardian(['queue', '--json'], env());
    expect(pull.code).toBe(1);
    const result = JSON.parse(pull.stdout) as {
      items: Array<{ safeTxHash: string }>;
      rejected: Array<{ error: { code: string; message: string } }>;
    };
    expect(result.items.map((i) => i.safeTxHash)).toEqual([safeTxHash(tx(0n))]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.error.code).toBe('HASH_MISMATCH');
    expect(result.rejected[0]!.error.message).toContain(tampered.safeTxHash);
    // Proposed just now through the service, nobody has signed: the threshold of 2 needs both.
    const [figures] = (
      JSON.parse(pull.stdout) as {
        items: Array<{
          figures: { sinceProposalMs: number; needs: number; threshold: number; confirmations: unknown[] };
        }>;
      }
    ).items.map((i) => i.figures);
    expect(figures).toMatchObject({ needs: 2, threshold: 2, verifiedSignatures: 0, confirmations: [] });
    expect(figures!.sinceProposalMs).toBeGreaterThanOrEqual(0);

    const human = await runGuardian(['queue'], env());
    expect(human.stderr).toMatch(/REFUSED .*nonce 1/);
    expect(human.stdout).toMatch(/Safe 1\.4\.1, 2 of 3 owners, next nonce 0/);
    expect(human.stdout).toMatch(/proposed (<1m|\d+m) ago · needs 2 more/);
  });

  it("shows the hashes of a stored transaction by hash prefix, equal to the Safe contract's own", async () => {
    const hash = safeTxHash(tx(0n));
    const run = await runGuardian(['hashes', hash.slice(0, 12), '--json'], env());
    expect(run.code).toBe(0);
    const [report] = JSON.parse(run.stdout) as Array<{ safeTxHash: string; verdict: string }>;
    const onChain = (await safeAt(safe, chain.provider).getFunction('getTransactionHash')(
      tx(0n).to,
      0,
      pause,
      0,
      0,
      0,
      0,
      tx(0n).gasToken,
      tx(0n).refundReceiver,
      0,
    )) as string;
    expect(report).toMatchObject({ safeTxHash: onChain, verdict: 'match' });
  });

  it('keeps working offline on what it stored when the service is gone', async () => {
    await service.stop();
    const run = await runGuardian(['queue'], env());
    expect(run.stderr).toMatch(/Cannot reach the Transaction Service/);
    expect(run.stdout).toContain(safeTxHash(tx(0n)).slice(0, 18));
    const offline = await runGuardian(['queue', '--offline', '--json'], env());
    expect(offline.code).toBe(0);
    expect((JSON.parse(offline.stdout) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('hashes a Transaction Service JSON file using the Safe state it pulled, and refuses a doctored one', async () => {
    const good = join(dataDir, 'tx.json');
    writeFileSync(good, JSON.stringify({ ...safeTxToJson(tx(3n)), safeTxHash: safeTxHash(tx(3n)) }));
    const ok = await runGuardian(['hashes', good], env());
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/matches the one computed here/);
    const doctored = join(dataDir, 'doctored.json');
    writeFileSync(doctored, JSON.stringify({ ...safeTxToJson(tx(3n)), value: '1', safeTxHash: safeTxHash(tx(3n)) }));
    const bad = await runGuardian(['hashes', doctored], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/REFUSED .*HASH_MISMATCH/);
  });

  it('names a malformed Safe reference without a stack trace', async () => {
    const run = await runGuardian(['safe', 'add', 'mainnet:0x1234'], env());
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.stderr).toMatch(/<chainId>:<address>/);
    expect(run.stderr).not.toMatch(/\s+at /);
  });
});
