import { mkdtempSync, rmSync } from 'node:fs';
import { EXIT_FOR_ERROR } from '../../electron/cli/exitCodes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageVerbWith } from '../../electron/cli/verbs/message.js';
import { createOutput } from '../../electron/cli/output.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { safeMessageHashes } from '../../electron/core/safe/safeMessageHash.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { orderTypedData } from '../message/typedDataFixture.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { runGuardian } from './runGuardian.js';
import { safeAdd } from './safeAddVerb.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;
const TEXT = 'Guardians: we attest the emergency pause of 2 December was ours.';

let chain: TestChain;
let service: LoopbackService;
let safe: string;
let owners: string[];
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });
const hashOf = (content: string | ReturnType<typeof orderTypedData>) =>
  safeMessageHashes({ chainId: chain.chainId, safe, safeVersion: '1.4.1', content });

/** `guardian message sign` in this process, its Ledger a software one: the built binary can only open USB devices. */
async function signHere(mnemonic: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const verb = messageVerbWith({ openDevice: async () => new SoftwareLedger({}, mnemonic) });
  const code = await verb.run({ args, out: createOutput(streams, args.includes('--json')), streams, env: env() });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  owners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), chain.wallets[2]!.address];
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1', chainId: chain.chainId });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-message-cli-'));
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('guardian message list, show, sign and post', () => {
  it("lists the service's messages with their hashes checked, and refuses the one whose content was swapped", async () => {
    expect((await safeAdd(chain, service, safe, env())).code).toBe(0);
    service.addMessage(safe, TEXT, {
      confirmations: [
        { owner: owners[2]!, signature: chain.wallets[2]!.signingKey.sign(hashOf(TEXT).safeMessageHash).serialized },
      ],
    });
    service.addMessage(safe, orderTypedData(chain.chainId, safe));
    const swapped = service.addMessage(safe, 'Keep the oracle as it is.');
    swapped['message'] = 'Hand the oracle to a stranger.';

    const run = await runGuardian(['message', 'list', '--json'], env());
    expect(run.code).toBe(1);
    const listed = JSON.parse(run.stdout) as {
      messages: Array<{ safeMessageHash: string; quorum: { signed: unknown[] } }>;
      rejected: Array<{ claimedSafeMessageHash: string; error: { code: string } }>;
    };
    expect(listed.messages.map((m) => m.safeMessageHash).sort()).toEqual(
      [hashOf(TEXT).safeMessageHash, hashOf(orderTypedData(chain.chainId, safe)).safeMessageHash].sort(),
    );
    expect(listed.rejected).toEqual([
      expect.objectContaining({
        claimedSafeMessageHash: swapped.messageHash,
        error: expect.objectContaining({ code: 'HASH_MISMATCH' }),
      }),
    ]);

    const human = await runGuardian(['message', 'list', '--offline'], env());
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/1\/2 signed {2}text "Guardians: we attest/);
    expect(human.stdout).toMatch(/0\/2 signed {2}EIP-712 Order of Guarded Exchange/);
  });

  it('signs on the Ledger, posts, and the Safe accepts the pair; show prints what the device shows', async () => {
    const hashes = hashOf(TEXT);
    const signed = await signHere(GUARDIAN_A, ['sign', hashes.safeMessageHash.slice(0, 12), '--path', path0, '--json']);
    expect(signed.code).toBe(0);
    expect(signed.stderr).toContain(`Domain hash   0x${hashes.domainHash.slice(2).toUpperCase()}`);
    expect(signed.stderr).toContain(`Message hash  0x${hashes.messageHash.slice(2).toUpperCase()}`);
    expect(JSON.parse(signed.stdout)).toMatchObject({
      signer: owners[0],
      posted: true,
      quorum: { met: true },
      onChain: { valid: true, returned: '0x1626ba7e' },
    });

    const show = await runGuardian(['message', 'show', hashes.safeMessageHash.slice(0, 12)], env());
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(TEXT);
    expect(show.stdout).toMatch(new RegExp(`Domain hash +0x${hashes.domainHash.slice(2).toUpperCase()}`));
    expect(show.stdout).toMatch(/2 of 2 signatures: the Safe can vouch for it/);
    expect(show.stdout).toMatch(/The Safe accepts it: isValidSignature\(bytes32,bytes\) returned 0x1626ba7e/);
  });

  it('keeps a signature made with --no-post, and posts it later without signing again', async () => {
    const typed = hashOf(orderTypedData(chain.chainId, safe)).safeMessageHash;
    const signed = await signHere(GUARDIAN_B, ['sign', typed.slice(0, 12), '--path', path0, '--no-post', '--json']);
    expect(JSON.parse(signed.stdout)).toMatchObject({ signer: owners[1], posted: false, quorum: { met: false } });
    const served = () => [...service.state.safes.values()][0]!.messages.find((m) => m.messageHash === typed)!;
    expect(served().confirmations).toEqual([]);

    const post = await runGuardian(['message', 'post', typed.slice(0, 12), '--json'], env());
    expect(post.code).toBe(0);
    expect(JSON.parse(post.stdout)).toMatchObject({ posted: [{ owner: owners[1], posted: true, created: false }] });
    expect(served().confirmations.map((c) => c['owner'])).toEqual([owners[1]]);
    const again = await runGuardian(['message', 'post', typed.slice(0, 12), '--json'], env());
    expect(JSON.parse(again.stdout)).toMatchObject({ posted: [{ owner: owners[1], posted: false }] });
  });

  it('says no stored message has that hash, with a code and its exit code', async () => {
    const run = await runGuardian(['message', 'show', '0x' + 'ab'.repeat(8)], env());
    expect(run.code).toBe(EXIT_FOR_ERROR.NOT_FOUND);
    expect(run.stderr).toMatch(/No stored message has a hash starting 0xabab.*\[NOT_FOUND\]/);
  });
});
