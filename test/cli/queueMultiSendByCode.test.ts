import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { safeAdd } from './safeAddVerb.js';

let chain: TestChain;
let service: LoopbackService;
let dataDir: string;
let batch: SafeTx;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

interface QueueJson {
  items: Array<{
    safeTxHash: string;
    decoding: { summary: string; delegatecallToUnknown: boolean; failure: null } | { failure: string } | null;
  }>;
}

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  const safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  // The test chain's MultiSendCallOnly is the official code at an address safe-deployments does not list.
  batch = createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    nonce: 0n,
    to: contracts.multiSendCallOnly,
    operation: 1,
    data: encodeMultiSend(owners.slice(0, 2).map((to) => ({ operation: 0 as const, to, value: 0n, data: '0x' }))),
  });
  service.addTransaction(batch);
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-queue-multisend-'));
  const add = await safeAdd(chain, service, safe, env());
  expect(add.code).toBe(0);
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('guardian queue after a review recognised the MultiSend by its code', () => {
  it('says the batch the review read, where before the review it said "to unknown code"', async () => {
    const hash = safeTxHash(batch);
    const before = await runGuardian(['queue'], env());
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('to unknown code');
    const beforeJson = JSON.parse((await runGuardian(['queue', '--offline', '--json'], env())).stdout) as QueueJson;
    expect(beforeJson.items.find((i) => i.safeTxHash === hash)?.decoding).toMatchObject({
      delegatecallToUnknown: true,
    });

    const decodeBefore = JSON.parse(
      (await runGuardian(['decode', hash.slice(0, 12), '--json'], env())).stdout,
    ) as Array<{
      flags: { delegatecallToUnknown: boolean };
    }>;
    expect(decodeBefore[0]!.flags.delegatecallToUnknown).toBe(true);

    const review = await runGuardian(['review', hash.slice(0, 12), '--json'], env());
    expect(review.code, review.stderr).toBe(0);
    const [reviewed] = JSON.parse(review.stdout) as Array<{
      findings: Array<{ code: string }>;
      decoded: { summary: string; flags: { delegatecallToUnknown: boolean } };
    }>;
    expect(reviewed!.findings.map((f) => f.code)).toContain('MULTISEND_RECOGNISED_BY_CODE');
    expect(reviewed!.decoded.flags.delegatecallToUnknown).toBe(false);

    // guardian decode of the stored transaction reads it as the review did, too.
    const decodeAfter = JSON.parse(
      (await runGuardian(['decode', hash.slice(0, 12), '--json'], env())).stdout,
    ) as Array<{
      summary: string;
      flags: { delegatecallToUnknown: boolean };
    }>;
    expect(decodeAfter[0]).toMatchObject({
      summary: reviewed!.decoded.summary,
      flags: { delegatecallToUnknown: false },
    });

    const after = await runGuardian(['queue', '--offline'], env());
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).not.toContain('to unknown code');
    expect(after.stdout).toContain(`    ${reviewed!.decoded.summary}\n`);
    const afterJson = JSON.parse((await runGuardian(['queue', '--offline', '--json'], env())).stdout) as QueueJson;
    expect(afterJson.items.find((i) => i.safeTxHash === hash)?.decoding).toEqual({
      summary: reviewed!.decoded.summary,
      classes: expect.any(Array),
      delegatecallToUnknown: false,
      failure: null,
    });
    expect(reviewed!.decoded.summary).not.toMatch(/unknown/i);
  });
});
