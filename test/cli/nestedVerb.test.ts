import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { safeAdd } from './safeAddVerb.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const addressOf = (mnemonic: string) =>
  HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${ledgerPath('ledger-live', 0)}`).address;
const approveHash = new Interface(['function approveHash(bytes32)']);

let chain: TestChain;
let service: LoopbackService;
let outerSafe: string;
let innerSafe: string;
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  // As in test/signing/nestedSafe.e2e.test.ts: guardian A and a team Safe (guardian B alone) own the protocol's Safe.
  innerSafe = await createSafe(chain, contracts, { owners: [addressOf(GUARDIAN_B)], threshold: 1 });
  outerSafe = await createSafe(chain, contracts, { owners: [addressOf(GUARDIAN_A), innerSafe], threshold: 2 });
  service.setSafe({
    address: outerSafe,
    owners: [addressOf(GUARDIAN_A), innerSafe],
    threshold: 2,
    nonce: 0n,
    version: '1.4.1',
  });
  service.setSafe({ address: innerSafe, owners: [addressOf(GUARDIAN_B)], threshold: 1, nonce: 0n, version: '1.4.1' });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-nested-cli-'));
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const outerTx = () =>
  createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: '1.4.1',
    to: chain.wallets[5]!.address,
    data: '0x8456cb59',
    nonce: 0n,
  });

describe('guardian nested approve', () => {
  it("stores the owner Safe's approveHash of the outer transaction and names the hash the device signs", async () => {
    for (const safe of [outerSafe, innerSafe]) {
      const add = await safeAdd(chain, service, safe, env());
      expect(add.code, add.stderr).toBe(EXIT.OK);
    }
    service.addTransaction(outerTx());
    expect((await runGuardian(['queue'], env())).code).toBe(EXIT.OK);
    const outerHash = safeTxHash(outerTx());

    const run = await runGuardian(
      ['nested', 'approve', outerHash.slice(0, 12), '--inner', `${chain.chainId}:${innerSafe}`, '--json'],
      env(),
    );
    expect(run.code, run.stderr).toBe(EXIT.OK);
    const result = JSON.parse(run.stdout) as {
      outer: { safeTxHash: string; safe: string };
      inner: { safeTxHash: string; safe: string; nonce: string };
      deviceSigns: string;
      outerCounts: string;
    };
    expect(result.outer).toMatchObject({ safeTxHash: outerHash.toLowerCase(), safe: outerSafe });
    expect(result.inner).toMatchObject({ safe: innerSafe, nonce: '0' });
    expect(result.deviceSigns).toBe(result.inner.safeTxHash);
    expect(result.outerCounts).toMatch(/once the inner transaction executes/);

    // The inner hash is the one the owner Safe itself computes for approveHash(outer) at its nonce 0.
    const data = approveHash.encodeFunctionData('approveHash', [outerHash]);
    const zero = '0x0000000000000000000000000000000000000000';
    const onChain = (await safeAt(innerSafe, chain.provider).getFunction('getTransactionHash')(
      outerSafe,
      0,
      data,
      0,
      0,
      0,
      0,
      zero,
      zero,
      0,
    )) as string;
    expect(result.inner.safeTxHash).toBe(onChain);

    const store = openStore({ dataDir });
    try {
      const stored = store.getQueueItem(result.inner.safeTxHash);
      expect(stored.safeTx).toMatchObject({ safe: innerSafe, to: outerSafe, nonce: 0n, operation: 0, data });
      expect(stored.source).toEqual({ kind: 'nested', outerSafeTxHash: outerHash.toLowerCase() });
    } finally {
      store.close();
    }

    const human = await runGuardian(
      ['nested', 'approve', outerHash.slice(0, 12), '--inner', `${chain.chainId}:${innerSafe}`],
      env(),
    );
    // Asked again, it shows the approval already queued rather than a second one at the next nonce.
    expect(human.code, human.stderr).toBe(EXIT.OK);
    expect(human.stdout).toMatch(/^Already stored: the approval/);
    expect(human.stdout).toMatch(new RegExp(`the device signs\\s+the inner one, ${result.inner.safeTxHash}`));
    expect(human.stdout).toContain(`outer safeTxHash  ${outerHash.toLowerCase()}`);
    const again = openStore({ dataDir });
    try {
      expect(again.listQueueItems({ chainId: chain.chainId, safe: innerSafe.toLowerCase() })).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('refuses a Safe that is not an owner, and an owner Safe named on another chain, storing nothing', async () => {
    const outerHash = safeTxHash(outerTx()).slice(0, 12);
    const countBefore = () => {
      const store = openStore({ dataDir });
      try {
        return store.listQueueItems().length;
      } finally {
        store.close();
      }
    };
    const before = countBefore();
    const notOwner = await runGuardian(
      ['nested', 'approve', outerHash, '--inner', `${chain.chainId}:${outerSafe}`],
      env(),
    );
    expect(notOwner.code).toBe(EXIT_FOR_ERROR.SIGNER_NOT_OWNER);
    expect(notOwner.stderr).toContain('[SIGNER_NOT_OWNER]');
    const otherChain = await runGuardian(['nested', 'approve', outerHash, '--inner', `1:${innerSafe}`], env());
    expect(otherChain.code).toBe(EXIT_FOR_ERROR.INVALID_INPUT);
    expect(otherChain.stderr).toMatch(/must approve on the same chain/);
    const badRef = await runGuardian(['nested', 'approve', outerHash, '--inner', innerSafe], env());
    expect(badRef.code).toBe(EXIT.USAGE);
    expect(badRef.stderr).toMatch(/<chainId>:<address>/);
    const unknown = await runGuardian(
      ['nested', 'approve', '0xdeadbeef00', '--inner', `${chain.chainId}:${innerSafe}`],
      env(),
    );
    expect(unknown.code).toBe(EXIT.NOT_FOUND);
    expect(countBefore()).toBe(before);
  });
});
