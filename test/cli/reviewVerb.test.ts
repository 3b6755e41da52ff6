import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { safeAdd } from './safeAddVerb.js';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';

let chain: TestChain;
let service: LoopbackService;
let protocol: Protocol;
let safe: string;
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  const owners = chain.wallets.slice(0, 3).map((w) => w.address);
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-review-'));
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('guardian review', () => {
  it("reviews a queued pause on a fork of the Safe's chain: paused false to true, exit 0", async () => {
    const pause = createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      to: protocol.addresses['Vault']!,
      data: new Interface(['function pause()']).encodeFunctionData('pause'),
      nonce: 0n,
    });
    const stranger = chain.wallets[8]!.address;
    const handover = createSafeTx({
      ...pause,
      data: new Interface(['function transferOwnership(address)']).encodeFunctionData('transferOwnership', [stranger]),
      nonce: 1n,
    });
    service.addTransaction(pause);
    service.addTransaction(handover);
    expect((await safeAdd(chain, service, safe, env())).code).toBe(0);
    expect((await runGuardian(['queue'], env())).code).toBe(0);

    const run = await runGuardian(['review', safeTxHash(pause).slice(0, 12)], env());
    expect(run.stderr).toMatch(/simulating/);
    expect(run.stdout).toMatch(/paused\s+false → true/);
    expect(run.stdout).toMatch(/Simulation\s+succeeds/);
    expect(run.stdout).toMatch(/^\s*Does\s+Pauses/m);
    expect(run.code).toBe(0);

    const risky = await runGuardian(['review', safeTxHash(handover).slice(0, 12), '--json'], env());
    expect(risky.code).toBe(3);
    const [review] = JSON.parse(risky.stdout) as Array<{ worst: string; findings: Array<{ code: string }> }>;
    expect(review!.worst).toBe('critical');
    expect(review!.findings.map((f) => f.code)).toContain('CONTROL_TO_UNKNOWN_ADDRESS');
    // The real chain is untouched: the review ran on a fork.
    expect(await protocol.vault.getFunction('paused')()).toBe(false);
  });

  it('prints the calldata as a claim, with the reason, when the simulation shows otherwise, and as what it does when not', async () => {
    // The Safe holds none of the token: the "transfer" the calldata reads as reverts on the fork.
    const transfer = createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      to: protocol.addresses['GuardToken']!,
      data: new Interface(['function transfer(address,uint256)']).encodeFunctionData('transfer', [
        chain.wallets[7]!.address,
        1_000n,
      ]),
      nonce: 2n,
    });
    service.addTransaction(transfer);
    expect((await runGuardian(['queue'], env())).code).toBe(0);
    const run = await runGuardian(['review', safeTxHash(transfer).slice(0, 12)], env());
    expect(run.stdout).toMatch(/Claims\s+Transfers/);
    expect(run.stdout).toMatch(/the simulation says otherwise: .*revert/i);
    expect(run.stdout).not.toMatch(/^\s*Does\s/m);
  });

  it('exits 4 or more, by the table, when it could not review', async () => {
    const run = await runGuardian(['review', '0x' + 'ab'.repeat(32)], env());
    expect(run.code).toBe(EXIT_FOR_ERROR.NOT_FOUND);
    expect(run.stderr).toMatch(/could not review/);
  });
});
