import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SafeApiKit from '@safe-global/api-kit';
import { Contract, HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutput } from '../../electron/cli/output.js';
import { postVerb } from '../../electron/cli/verbs/post.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { signNestedMessage } from '../../electron/core/nested/signNestedMessage.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe150, deploySafe150 } from '../chain/safe150.js';
import { createSafe, deployer, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const GUARDIAN_C = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;
const innerOwners = () => [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), addressOf(GUARDIAN_C)];

let chain: TestChain;
let service: LoopbackService;
let store: Store;
let dataDir: string;

/** `guardian post` in this process, against the same data directory: no device is given to it. */
async function guardianPost(args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await postVerb.run({
    args: [...args, '--json'],
    out: createOutput(streams, true),
    streams,
    env: { GUARDIAN_DATA_DIR: dataDir },
  });
  return { code, stdout, stderr };
}

/** An outer Safe owned 1 of 1 by an inner Safe of the three guardians (2 of 3), both watched with the service. */
async function nestedPair(
  version: '1.5.0' | '1.4.1',
): Promise<{ outerSafe: string; innerSafe: string; outer: Contract }> {
  let innerSafe: string;
  let outer: Contract;
  if (version === '1.5.0') {
    const contracts = await deploySafe150(deployer(chain));
    innerSafe = await (
      await createSafe150(deployer(chain), contracts, { owners: innerOwners(), threshold: 2 })
    ).getAddress();
    outer = await createSafe150(deployer(chain), contracts, { owners: [innerSafe], threshold: 1 });
  } else {
    const contracts = await deploySafeContracts(chain);
    innerSafe = await createSafe(chain, contracts, { owners: innerOwners(), threshold: 2 });
    outer = safeAt(await createSafe(chain, contracts, { owners: [innerSafe], threshold: 1 }), chain.provider);
  }
  const outerSafe = await outer.getAddress();
  service.setSafe({ address: outerSafe, owners: [innerSafe], threshold: 1, nonce: 0n, version });
  service.setSafe({ address: innerSafe, owners: innerOwners(), threshold: 2, nonce: 0n, version });
  for (const [label, address] of [
    [`Protocol ${version}`, outerSafe],
    [`Team ${version}`, innerSafe],
  ] as const)
    store.addWatchedSafe({ chainId: chain.chainId, address, serviceUrl: service.url, rpcUrl: chain.rpcUrl, label });
  const tx = createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: version,
    to: chain.wallets[5]!.address,
    nonce: 0n,
  });
  service.addTransaction(tx);
  for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
  return { outerSafe, innerSafe, outer };
}

const signWith = (mnemonic: string, outerSafeTxHash: string, innerSafe: string) =>
  signNestedMessage({
    store,
    openDevice: async () => new SoftwareLedger({}, mnemonic),
    outerSafeTxHash,
    innerSafe,
    path: path0,
    post: true,
  });

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-nested-post-'));
  store = openStore({ dataDir });
});
afterAll(async () => {
  store?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('posting nested signatures to the Transaction Service', () => {
  it("posts each inner owner's signature to the owner Safe's message and the contract signature to the outer transaction, a failed post sent again by guardian post without signing", async () => {
    const { outerSafe, innerSafe, outer } = await nestedPair('1.5.0');
    const outerHash = store.listQueueItems({ chainId: chain.chainId, safe: outerSafe.toLowerCase() })[0]!.safeTxHash;
    const api = new SafeApiKit({ chainId: chain.chainId, txServiceUrl: service.url });

    // The service is down while the first owner signs: the signature is kept, the post fails and says so.
    service.setHostile({ kind: 'status', status: 503, only: 'messages' });
    const first = await signWith(GUARDIAN_C, outerHash, innerSafe);
    service.setHostile(null);
    expect(first.tally.signed.map((s) => s.owner)).toEqual([addressOf(GUARDIAN_C)]);
    expect(first.posts.outcomes).toMatchObject([
      { what: 'inner-message', owner: addressOf(GUARDIAN_C), posted: false, failure: { code: 'SERVICE_BAD_RESPONSE' } },
    ]);
    await expect(api.getMessage(first.hashes.innerSafeMessageHash)).rejects.toThrow();
    // guardian post sends it, with no device: the owner Safe's message is created with it.
    const resent = await guardianPost([outerHash]);
    expect(resent.code, resent.stderr).toBe(0);
    expect(JSON.parse(resent.stdout)).toMatchObject({
      outcomes: [],
      nested: { outcomes: [{ what: 'inner-message', owner: addressOf(GUARDIAN_C), safe: innerSafe, posted: true }] },
    });
    expect((await api.getMessage(first.hashes.innerSafeMessageHash)).confirmations.map((c) => c.owner)).toEqual([
      addressOf(GUARDIAN_C),
    ]);

    // The second owner signs while the outer transaction's endpoint refuses: the inner signature reaches the
    // owner Safe's message, the contract signature waits.
    service.setHostile({ kind: 'status', status: 503, only: 'multisig-transactions' });
    const second = await signWith(GUARDIAN_A, outerHash, innerSafe);
    service.setHostile(null);
    expect(second.outerVerdict).toMatchObject({ kind: 'contract', status: 'valid' });
    expect(second.posts.outcomes.map((o) => [o.what, o.owner, o.posted])).toEqual([
      ['inner-message', addressOf(GUARDIAN_A), true],
      ['outer-confirmation', innerSafe, false],
    ]);
    const message = await api.getMessage(second.hashes.innerSafeMessageHash);
    // The service keys the owner Safe's message by the very hash the Ledgers signed, and holds both signatures.
    expect(message.messageHash.toLowerCase()).toBe(second.hashes.innerSafeMessageHash.toLowerCase());
    expect(message.confirmations.map((c) => c.owner).sort()).toEqual(
      [addressOf(GUARDIAN_A), addressOf(GUARDIAN_C)].sort(),
    );
    expect((await api.getTransactionConfirmations(outerHash)).results).toEqual([]);

    // guardian post: no device, the stored contract signature proven on the chain again and sent.
    const retried = await guardianPost([outerHash]);
    expect(retried.code, retried.stderr).toBe(0);
    // The inner signatures reached the service already: only the outer confirmation is left to send.
    expect(JSON.parse(retried.stdout)).toEqual({
      outcomes: [{ safeTxHash: outerHash, owner: innerSafe, origin: 'local', posted: true }],
    });
    const served = (await api.getTransactionConfirmations(outerHash)).results;
    expect(served).toMatchObject([{ owner: innerSafe, signature: second.contractSignature }]);
    // What the service now serves is a signature the outer Safe accepts.
    await outer.getFunction('checkSignatures(address,bytes32,bytes)')(
      chain.wallets[0]!.address,
      outerHash,
      served[0]!.signature,
    );
    // Once posted, nothing is pending.
    expect(JSON.parse((await guardianPost([outerHash])).stdout)).toEqual({ outcomes: [] });
  });

  it("keeps a 1.4.1 outer Safe's inner signatures here, which the service cannot hold, and posts the contract signature that carries them", async () => {
    const { outerSafe, innerSafe } = await nestedPair('1.4.1');
    const outerHash = store.listQueueItems({ chainId: chain.chainId, safe: outerSafe.toLowerCase() })[0]!.safeTxHash;
    expect(outerHash).toBe(safeTxHash(store.getQueueItem(outerHash).safeTx));
    await signWith(GUARDIAN_B, outerHash, innerSafe);
    const done = await signWith(GUARDIAN_A, outerHash, innerSafe);
    expect(done.outerVerdict).toMatchObject({ kind: 'contract', status: 'valid' });
    expect(done.posts.held.map((h) => h.owner).sort()).toEqual([addressOf(GUARDIAN_A), addressOf(GUARDIAN_B)].sort());
    expect(done.posts.held[0]!.reason).toMatch(/preimage, a message the Transaction Service cannot hold/);
    expect(done.posts.outcomes).toMatchObject([{ what: 'outer-confirmation', owner: innerSafe, posted: true }]);
    const api = new SafeApiKit({ chainId: chain.chainId, txServiceUrl: service.url });
    expect((await api.getTransactionConfirmations(outerHash)).results).toMatchObject([
      { owner: innerSafe, signature: done.contractSignature },
    ]);
    const messagesPosted = service.requests.filter(
      (r) => r.method === 'POST' && r.path.includes(innerSafe) && r.path.includes('messages'),
    );
    expect(messagesPosted).toEqual([]);
  });
});
