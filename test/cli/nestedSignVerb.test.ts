import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { createOutput } from '../../electron/cli/output.js';
import type { PluggedLedger } from '../../electron/core/ledger/deviceWatcher.js';
import { nestedVerbWith } from '../../electron/cli/verbs/nested.js';
import { ledgerHashFormat } from '../../electron/core/ledger/ledgerHashFormat.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash, safeTxPreimage } from '../../electron/core/safe/safeTxHash.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { runVerbHere } from './runVerbHere.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const GUARDIAN_C = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;

let chain: TestChain;
let service: LoopbackService;
let outerSafe: string;
let innerSafe: string;
let dataDir: string;
let otherStation: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });

/** `guardian nested sign` in this process, its Ledger a software one: the built binary can only open USB devices. */
async function signHere(
  mnemonic: string,
  args: string[],
  station = dataDir,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const verb = nestedVerbWith({ openDevice: async () => new SoftwareLedger({}, mnemonic) });
  const code = await verb.run({
    args,
    out: createOutput(streams, args.includes('--json')),
    streams,
    env: { GUARDIAN_DATA_DIR: station },
  });
  return { code, stdout, stderr };
}

/** A station watching both Safes, pulled: each guardian has their own. */
async function station(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'guardian-nested-sign-cli-'));
  const store = openStore({ dataDir: dir });
  try {
    for (const [label, address] of [
      ['Protocol', outerSafe],
      ['Team', innerSafe],
    ] as const)
      store.addWatchedSafe({ chainId: chain.chainId, address, serviceUrl: service.url, rpcUrl: chain.rpcUrl, label });
    for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
  } finally {
    store.close();
  }
  return dir;
}

const outerTx = () =>
  createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: '1.4.1',
    to: chain.wallets[5]!.address,
    data: '0x8456cb59',
    nonce: 0n,
  });

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  // A protocol Safe (1 of 1) owned by a team Safe that three guardians own, two of them to sign.
  const innerOwners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), addressOf(GUARDIAN_C)];
  innerSafe = await createSafe(chain, contracts, { owners: innerOwners, threshold: 2 });
  outerSafe = await createSafe(chain, contracts, { owners: [innerSafe], threshold: 1 });
  service.setSafe({ address: outerSafe, owners: [innerSafe], threshold: 1, nonce: 0n, version: '1.4.1' });
  service.setSafe({ address: innerSafe, owners: innerOwners, threshold: 2, nonce: 0n, version: '1.4.1' });
  service.addTransaction(outerTx());
  service.addTransaction({ ...outerTx(), nonce: 1n });
  dataDir = await station();
  otherStation = await station();
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  for (const dir of [dataDir, otherStation]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('guardian nested sign', () => {
  it("signs the owner Safe's message on two Ledgers, names the hash each device signs, and stores a contract signature the outer Safe accepts", async () => {
    const outerHash = safeTxHash(outerTx()).toLowerCase();
    const inner = `${chain.chainId}:${innerSafe}`;
    const first = await signHere(GUARDIAN_A, [
      'sign',
      outerHash.slice(0, 12),
      '--inner',
      inner,
      '--path',
      path0,
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(EXIT.OK);
    const result = JSON.parse(first.stdout) as {
      outer: { safeTxHash: string };
      inner: { safeMessageHash: string; domainHash: string; messageHash: string };
      deviceSigns: string;
      innerSignatures: { signed: string[]; threshold: number; met: boolean };
      contractSignature: string | null;
    };
    expect(result.outer.safeTxHash).toBe(outerHash);
    expect(result.deviceSigns).toBe(result.inner.safeMessageHash);
    expect(result.deviceSigns).not.toBe(outerHash);
    expect(result.innerSignatures).toEqual({ signed: [addressOf(GUARDIAN_A)], threshold: 2, met: false, refused: [] });
    expect(result.contractSignature).toBeNull();
    // What the device shows, as it shows it, and what it stands for.
    expect(first.stderr).toContain(`Domain hash   ${ledgerHashFormat(result.inner.domainHash)}`);
    expect(first.stderr).toContain(`Message hash  ${ledgerHashFormat(result.inner.messageHash)}`);
    expect(first.stderr).toContain(`It stands for the outer safeTxHash ${outerHash}`);
    expect(first.stderr).toContain(`Reviewing the outer transaction ${outerHash}`);

    // The verb throws its typed error; the command line turns it into the exit code (cliConventions.test.ts).
    await expect(signHere(GUARDIAN_A, ['sign', outerHash, '--inner', inner, '--path', path0])).rejects.toMatchObject({
      code: 'SIGNING_REFUSED',
    });

    const second = await signHere(GUARDIAN_B, ['sign', outerHash, '--inner', inner, '--path', path0]);
    expect(second.code, second.stderr).toBe(EXIT.OK);
    expect(second.stdout).toContain(`outer safeTxHash`);
    expect(second.stdout).toMatch(new RegExp(`the device signs\\s+the inner one, ${result.inner.safeMessageHash}`));
    expect(second.stdout).toMatch(/inner signatures\s+2 of 2: met/);
    expect(second.stdout).toMatch(/the outer quorum\s+counts it/);

    const store = openStore({ dataDir });
    try {
      const [confirmation] = store.getQueueItem(outerHash).confirmations;
      expect(confirmation).toMatchObject({ owner: innerSafe, signatureType: 'CONTRACT_SIGNATURE' });
      expect(second.stdout).toContain(confirmation!.signature);
      await safeAt(outerSafe, chain.provider).getFunction('checkSignatures')(
        outerHash,
        safeTxPreimage(outerTx()),
        confirmation!.signature,
      );
    } finally {
      store.close();
    }
  });

  it('refuses a Safe that is not an owner, a device that is not an owner of the owner Safe, and another chain', async () => {
    const outerHash = safeTxHash(outerTx());
    await expect(
      signHere(GUARDIAN_C, ['sign', outerHash, '--inner', `${chain.chainId}:${outerSafe}`]),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
    await expect(
      signHere('zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong', [
        'sign',
        outerHash,
        '--inner',
        `${chain.chainId}:${innerSafe}`,
        '--path',
        path0,
      ]),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
    await expect(signHere(GUARDIAN_C, ['sign', outerHash, '--inner', `1:${innerSafe}`])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    // Through the built command the same refusal is an exit code (no USB device is even opened).
    const run = await runGuardian(['nested', 'sign', outerHash, '--inner', `${chain.chainId}:${outerSafe}`], env());
    expect(run.code).toBe(EXIT_FOR_ERROR.SIGNER_NOT_OWNER);
  });

  it("brings an inner owner's signature made at another station, proven here before it counts", async () => {
    const outerHash = safeTxHash({ ...outerTx(), nonce: 1n }).toLowerCase();
    const inner = `${chain.chainId}:${innerSafe}`;
    const elsewhere = await signHere(
      GUARDIAN_C,
      ['sign', outerHash, '--inner', inner, '--path', path0, '--json'],
      otherStation,
    );
    expect(elsewhere.code, elsewhere.stderr).toBe(EXIT.OK);
    const { signer, signature } = JSON.parse(elsewhere.stdout) as { signer: string; signature: string };
    const here = await signHere(GUARDIAN_B, ['sign', outerHash, '--inner', inner, '--path', path0, '--json']);
    expect(JSON.parse(here.stdout)).toMatchObject({ innerSignatures: { met: false }, contractSignature: null });

    // Named as another owner's, it recovers to C, not to A: refused, and nothing is kept.
    const forged = await runGuardian(
      [
        'nested',
        'add-signature',
        outerHash,
        '--inner',
        inner,
        '--owner',
        addressOf(GUARDIAN_A),
        '--signature',
        signature,
      ],
      env(),
    );
    expect(forged.code).toBe(EXIT_FOR_ERROR.INVALID_SIGNATURE);
    expect(forged.stderr).toContain('[INVALID_SIGNATURE]');

    const brought = await runGuardian(
      ['nested', 'add-signature', outerHash, '--inner', inner, '--owner', signer, '--signature', signature, '--json'],
      env(),
    );
    expect(brought.code, brought.stderr).toBe(EXIT.OK);
    const result = JSON.parse(brought.stdout) as {
      innerSignatures: { signed: string[]; met: boolean };
      contractSignature: string;
      outerConfirmation: { status: string };
      posts: { outcomes: unknown[]; held: unknown[] };
    };
    expect(result.innerSignatures.met).toBe(true);
    // Completed here, the contract signature is posted as the owner Safe's outer confirmation; the 1.4.1 outer
    // Safe's message (its preimage) is one the service cannot key, so the inner signatures stay here.
    expect(result.posts.outcomes).toMatchObject([{ what: 'outer-confirmation', owner: innerSafe, posted: true }]);
    expect(result.posts.held).toHaveLength(2);
    expect(
      service.state.safes
        .get(outerSafe.toLowerCase())!
        .transactions.find((t) => t.safeTxHash.toLowerCase() === outerHash.toLowerCase())!.confirmations,
    ).toMatchObject([{ owner: innerSafe, signature: result.contractSignature }]);
    expect(result.innerSignatures.signed).toHaveLength(2);
    expect(result.outerConfirmation.status).toBe('valid');
    await safeAt(outerSafe, chain.provider).getFunction('checkSignatures')(
      outerHash,
      safeTxPreimage({ ...outerTx(), nonce: 1n }),
      result.contractSignature,
    );
  });

  it('documents sign in --help', async () => {
    const help = await runGuardian(['nested', '--help']);
    expect(help.code).toBe(EXIT.OK);
    expect(help.stdout).toContain('sign <outer safeTxHash> --inner <chainId>:<ownerSafe>');
    expect(help.stdout).toMatch(/--path P, --scan N\s+sign:/);
    expect(help.stdout).toMatch(/--ack CODE\s+sign: a critical finding of the outer transaction/);
  });
});

describe('guardian nested sign waiting for the Ledger', () => {
  // A transaction of its own, at a station of its own: nothing the tests above count is signed here.
  let waitingStation: string;
  let outerHash: string;
  beforeAll(async () => {
    service.addTransaction({ ...outerTx(), nonce: 2n });
    waitingStation = await station();
    outerHash = safeTxHash({ ...outerTx(), nonce: 2n });
  });
  afterAll(() => rmSync(waitingStation, { recursive: true, force: true }));
  const args = () => ['sign', outerHash, '--inner', `${chain.chainId}:${innerSafe}`, '--path', path0, '--no-post'];

  it('refuses at once with DEVICE_NOT_FOUND when none is plugged in and no terminal waits', async () => {
    const verb = nestedVerbWith({
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_A),
      listDevices: async () => [],
      pollMs: 5,
    });
    const run = await runVerbHere(verb, args(), { GUARDIAN_DATA_DIR: waitingStation });
    expect(run.code).toBe(EXIT_FOR_ERROR.DEVICE_NOT_FOUND);
    expect(run.stderr).not.toContain('Waiting for the Ledger');
  });

  it('at a terminal, waits for the Ledger to be plugged in, tells it, then signs', async () => {
    const nanoX: PluggedLedger = { path: '/dev/hidraw7', model: 'Nano X' };
    let listings = 0;
    const verb = nestedVerbWith({
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_A),
      // The guardian plugs the Ledger in after the first look at the bus.
      listDevices: async () => (++listings >= 2 ? [nanoX] : []),
      pollMs: 5,
    });
    const run = await runVerbHere(verb, args(), { GUARDIAN_DATA_DIR: waitingStation }, {});
    const lines = run.stderr.split('\n');
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    // The outer transaction is reviewed first; the Ledger is waited for only when it is needed.
    expect(at('Reviewing the outer transaction')).toBe(0);
    expect(at('Waiting for the Ledger: plug it in')).toBe(1);
    expect(at('Ledger connected: Nano X')).toBe(2);
    expect(at("Check your Ledger and approve only if it shows the owner Safe's message")).toBe(3);
    expect(run.code, run.stderr).toBe(EXIT.OK);
    expect(run.stdout).toContain(`Signed by ${addressOf(GUARDIAN_A)} for the owner Safe`);
  });
});
