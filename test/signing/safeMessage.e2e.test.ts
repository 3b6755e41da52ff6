import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SafeApiKit from '@safe-global/api-kit';
import { HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { importMessageFile } from '../../electron/core/message/importMessageFile.js';
import { verifiedMessage } from '../../electron/core/message/messageQuorum.js';
import { postMessageSignature } from '../../electron/core/message/postMessageSignature.js';
import { pullMessages } from '../../electron/core/message/pullMessages.js';
import { safeMessageHashes } from '../../electron/core/safe/safeMessageHash.js';
import { signSafeMessage } from '../../electron/core/message/signSafeMessage.js';
import { verifyMessageOnChain } from '../../electron/core/message/verifyMessageOnChain.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { orderTypedData, permit2TypedData } from '../message/typedDataFixture.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;
const TEXT = 'The guardians confirm the incident report of 2 December.';

let chain: TestChain;
let service: LoopbackService;
let safe: string;
let owners: string[];
let store: Store;
let dataDir: string;
const watched = () => store.listWatchedSafes()[0]!;
const hashOf = (content: Parameters<typeof safeMessageHashes>[0]['content']) =>
  safeMessageHashes({ chainId: chain.chainId, safe, safeVersion: '1.4.1', content });

beforeAll(async () => {
  chain = await startTestChain();
  service = await startLoopbackService({ chainId: chain.chainId });
  const contracts = await deploySafeContracts(chain);
  owners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), chain.wallets[2]!.address];
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1', chainId: chain.chainId });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-messages-'));
  store = openStore({ dataDir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Guardians',
  });
});
afterAll(async () => {
  store?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("Safe messages, from the Transaction Service to the Safe's isValidSignature", () => {
  it('pulls messages through api-kit, recomputes every hash, and refuses one whose content does not produce its claimed hash', async () => {
    // The third owner proposes the text through api-kit's addMessage, signing the safeMessageHash as Safe{Wallet} does.
    const api = new SafeApiKit({ chainId: chain.chainId, txServiceUrl: service.url });
    const proposer = chain.wallets[2]!;
    await api.addMessage(safe, {
      message: TEXT,
      signature: proposer.signingKey.sign(hashOf(TEXT).safeMessageHash).serialized,
    });
    service.addMessage(safe, orderTypedData(chain.chainId, safe));
    const swapped = service.addMessage(safe, 'Rotate the signer of the oracle.');
    swapped['message'] = 'Hand the oracle to 0x000000000000000000000000000000000000dEaD.';

    const outcome = await pullMessages(store, watched());
    expect(outcome.failure).toBeNull();
    expect(outcome.pulled).toBe(2);
    expect(outcome.rejected).toHaveLength(1);
    expect(outcome.rejected[0]).toMatchObject({
      claimedSafeMessageHash: swapped.messageHash,
      error: { code: 'HASH_MISMATCH' },
    });
    const { messages } = store.listSafeMessages({ chainId: chain.chainId, safe });
    expect(messages.map((m) => m.safeMessageHash).sort()).toEqual(
      [hashOf(TEXT).safeMessageHash, hashOf(orderTypedData(chain.chainId, safe)).safeMessageHash].sort(),
    );
    expect(verifiedMessage(store, hashOf(TEXT).safeMessageHash).quorum).toMatchObject({
      threshold: 2,
      met: false,
      refused: [],
    });
    expect(verifiedMessage(store, hashOf(TEXT).safeMessageHash).quorum.signed.map((s) => s.owner)).toEqual([
      proposer.address,
    ]);
  });

  it('signs on the Ledger in hashed mode, keeps the signature before posting, posts it, and the Safe accepts the pair', async () => {
    const hashes = hashOf(TEXT);
    const device = new SoftwareLedger({}, GUARDIAN_A);
    const stages: string[] = [];
    const signed = await signSafeMessage({
      store,
      app: new LedgerEthApp(device),
      safeMessageHash: hashes.safeMessageHash.slice(0, 12),
      path: path0,
      onProgress: (p) => stages.push(p.stage),
    });
    expect(signed).toMatchObject({ signer: owners[0], safeMessageHash: hashes.safeMessageHash, quorum: { met: true } });
    expect(stages).toEqual(['waiting-for-device', 'checking-address', 'awaiting-approval', 'verifying', 'signed']);
    // The device was shown exactly the two hashes the console printed, and signed 0x1901 over them.
    expect(device.reviews.find((r) => r.kind === 'eip712-hashed')).toMatchObject({
      domainHash: hashes.domainHash,
      messageHash: hashes.messageHash,
      digest: hashes.safeMessageHash,
    });
    // On disk before anything was posted: another connection sees it, and the service does not have it yet.
    const reader = openStore({ dataDir });
    expect(reader.getSafeMessage(hashes.safeMessageHash).signatures.map((s) => [s.owner, s.origin])).toEqual(
      expect.arrayContaining([[owners[0], 'local']]),
    );
    reader.close();
    const served = () =>
      [...service.state.safes.values()][0]!.messages.find((m) => m.messageHash === hashes.safeMessageHash)!;
    expect(served().confirmations).toHaveLength(1);

    expect(
      await postMessageSignature(store, {
        serviceUrl: service.url,
        safeMessageHash: hashes.safeMessageHash,
        owner: owners[0]!,
      }),
    ).toEqual({ posted: true, created: false, learned: 0 });
    expect(served().confirmations.map((c) => c['owner'])).toEqual([owners[2], owners[0]]);
    expect(served()['preparedSignature']).toMatch(/^0x[0-9a-f]{260}$/);

    const { message, quorum } = verifiedMessage(store, hashes.safeMessageHash);
    const verdict = await verifyMessageOnChain(chain.provider, message, quorum);
    expect(verdict).toMatchObject({ valid: true, method: 'isValidSignature(bytes32,bytes)', returned: '0x1626ba7e' });
    expect(verdict.signatures).toBe(served()['preparedSignature']);
    expect(store.listAudit({ kind: 'message-signature' }).map((e) => e.actor)).toEqual([owners[0]]);
    expect(store.listAudit({ kind: 'message-posted' })).toHaveLength(1);
  });

  it('gets a refusal from the Safe when the signatures are of another message', async () => {
    const typed = verifiedMessage(store, hashOf(orderTypedData(chain.chainId, safe)).safeMessageHash);
    const text = verifiedMessage(store, hashOf(TEXT).safeMessageHash);
    const verdict = await verifyMessageOnChain(chain.provider, typed.message, text.quorum);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toMatch(/reverted/);
    await expect(verifyMessageOnChain(chain.provider, typed.message, typed.quorum)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('refuses a device that signs another hash, keeps nothing of it and records the refusal', async () => {
    const { safeMessageHash } = hashOf(orderTypedData(chain.chainId, safe));
    const device = new SoftwareLedger({ tamper: 'other-hash' }, GUARDIAN_B);
    await expect(
      signSafeMessage({ store, app: new LedgerEthApp(device), safeMessageHash, path: path0 }),
    ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(store.getSafeMessage(safeMessageHash).signatures).toEqual([]);
    expect(store.listAudit({ kind: 'message-signature-refused' }).map((e) => e.actor)).toEqual([owners[1]]);
  });

  it('refuses a device whose account is not an owner, and one with Blind signing off, before anything is signed', async () => {
    const { safeMessageHash } = hashOf(orderTypedData(chain.chainId, safe));
    const stranger = new SoftwareLedger(
      {},
      'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
    );
    await expect(
      signSafeMessage({ store, app: new LedgerEthApp(stranger), safeMessageHash, path: path0 }),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
    const blind = new SoftwareLedger({ blindSigning: false }, GUARDIAN_B);
    await expect(
      signSafeMessage({ store, app: new LedgerEthApp(blind), safeMessageHash, path: path0 }),
    ).rejects.toMatchObject({ code: 'DEVICE_BLIND_SIGNING_DISABLED' });
    expect([...stranger.reviews, ...blind.reviews].filter((r) => r.kind !== 'address')).toEqual([]);
  });

  it('imports a message from a file, refuses one whose claimed hash disagrees, and creates it on the service when posting', async () => {
    const file = join(dataDir, 'message.json');
    const content = 'Signed off-chain, carried on a USB stick.';
    writeFileSync(
      file,
      JSON.stringify([
        { safe, message: content },
        { safe, message: 'something else', messageHash: hashOf(TEXT).safeMessageHash },
      ]),
    );
    const imported = importMessageFile(store, file);
    expect(imported.stored.map((m) => m.safeMessageHash)).toEqual([hashOf(content).safeMessageHash]);
    expect(imported.rejected.map((r) => r.error.code)).toEqual(['HASH_MISMATCH']);

    await signSafeMessage({
      store,
      app: new LedgerEthApp(new SoftwareLedger({}, GUARDIAN_B)),
      safeMessageHash: hashOf(content).safeMessageHash,
    });
    expect(
      await postMessageSignature(store, {
        serviceUrl: service.url,
        safeMessageHash: hashOf(content).safeMessageHash,
        owner: owners[1]!,
      }),
    ).toEqual({ posted: true, created: true, learned: 0 });
    const onService = [...service.state.safes.values()][0]!.messages.find(
      (m) => m.messageHash === hashOf(content).safeMessageHash,
    )!;
    expect(onService.confirmations.map((c) => c['owner'])).toEqual([owners[1]]);
  });

  it('keeps what is stored when the service hangs on messages or streams too much, and says why', async () => {
    const before = store.listSafeMessages().messages.map((m) => m.safeMessageHash);
    service.setHostile({ kind: 'hang', only: 'messages' });
    const hung = await pullMessages(store, watched(), 300);
    expect(hung).toMatchObject({ pulled: 0, failure: { code: 'SERVICE_TIMEOUT' } });
    service.setHostile({ kind: 'huge', bytes: 30_000_000, only: 'messages' });
    expect((await pullMessages(store, watched())).failure).toMatchObject({
      code: 'SERVICE_BAD_RESPONSE',
      message: expect.stringMatching(/byte limit/),
    });
    service.setHostile(null);
    expect(store.listSafeMessages().messages.map((m) => m.safeMessageHash)).toEqual(before);
  });

  it('refuses to sign a Permit2 allowance until the guardian acknowledges it, then signs it', async () => {
    const permit = permit2TypedData(chain.chainId, '0x' + '66'.repeat(20));
    service.addMessage(safe, permit);
    await pullMessages(store, watched());
    const { safeMessageHash } = hashOf(permit);
    const device = new SoftwareLedger({}, GUARDIAN_A);
    await expect(
      signSafeMessage({ store, app: new LedgerEthApp(device), safeMessageHash, path: path0 }),
    ).rejects.toMatchObject({ code: 'SIGNING_REFUSED', details: { unacknowledged: ['MESSAGE_GRANTS_ALLOWANCE'] } });
    expect(device.reviews).toEqual([]);
    const signed = await signSafeMessage({
      store,
      app: new LedgerEthApp(device),
      safeMessageHash,
      path: path0,
      acknowledged: ['MESSAGE_GRANTS_ALLOWANCE'],
    });
    expect(signed.signer).toBe(owners[0]);
  });

  it('refuses an Ethereum app older than 1.5.0 before sending anything to sign, and signs on a Nano S, which has hashed EIP-712 only', async () => {
    const content = 'Signed on the oldest device we keep.';
    service.addMessage(safe, content);
    await pullMessages(store, watched());
    const { safeMessageHash, domainHash, messageHash } = hashOf(content);
    const old = new SoftwareLedger({ appVersion: '1.4.0' }, GUARDIAN_B);
    await expect(
      signSafeMessage({ store, app: new LedgerEthApp(old), safeMessageHash, path: path0 }),
    ).rejects.toMatchObject({ code: 'DEVICE_APP_TOO_OLD' });
    expect(old.apdus.some((apdu) => apdu[1] === 0x0c)).toBe(false);
    const nanoS = new SoftwareLedger({ eip712Full: false }, GUARDIAN_B);
    expect((await signSafeMessage({ store, app: new LedgerEthApp(nanoS), safeMessageHash, path: path0 })).signer).toBe(
      owners[1],
    );
    expect(nanoS.reviews.at(-1)).toMatchObject({ kind: 'eip712-hashed', domainHash, messageHash });
  });
});
