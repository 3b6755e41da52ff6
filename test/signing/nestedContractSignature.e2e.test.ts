import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Contract, dataSlice, getBytes, HDNodeWallet, Interface, zeroPadValue } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedConfirmations } from '../../electron/core/bundle/verifiedConfirmations.js';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import {
  nestedContractSignature,
  recordNestedContractSignature,
} from '../../electron/core/nested/nestedContractSignature.js';
import { keepNestedSignature, nestedSignatureTally } from '../../electron/core/nested/nestedMessageSignatures.js';
import { nestedSigningContext } from '../../electron/core/nested/nestedSigningContext.js';
import { signNestedMessage } from '../../electron/core/nested/signNestedMessage.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash, safeTxPreimage } from '../../electron/core/safe/safeTxHash.js';
import { executeQueueItem } from '../../electron/core/signing/executeQueueItem.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts, safeAt, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger, TEST_MNEMONIC } from '../ledger/softwareDevice/softwareLedger.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openNestedSafesStore, type NestedSafesStore } from './nestedSafesStore.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const GUARDIAN_C = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
const OUTSIDER = 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong';
const path0 = ledgerPath('ledger-live', 0);
const walletOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`);
const addressOf = (mnemonic: string) => walletOf(mnemonic).address;
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);
const handlerAbi = ['function getMessageHashForSafe(address safe, bytes message) view returns (bytes32)'];

let chain: TestChain;
let service: LoopbackService;
let contracts: SafeContracts;
let protocol: Protocol;
let outerSafe: string;
let innerSafe: string;
let store: Store;
let dataDir: string;
let nested: NestedSafesStore | undefined;

/** The inner owner's signature of a SafeMessage holding `message`, made by a key outside any device. */
const signSafeMessage = (mnemonic: string, message: string) =>
  walletOf(mnemonic).signTypedData(
    { chainId: chain.chainId, verifyingContract: innerSafe },
    { SafeMessage: [{ name: 'message', type: 'bytes' }] },
    { message },
  );

const outerTx = (nonce: bigint) =>
  createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: '1.4.1',
    to: protocol.addresses['Vault']!,
    data: pause,
    nonce,
  });

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  contracts = await deploySafeContracts(chain);
  // The protocol's Safe (1 of 1) is owned by a team Safe, which three guardians own, two of them to sign.
  const innerOwners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), addressOf(GUARDIAN_C)];
  innerSafe = await createSafe(chain, contracts, { owners: innerOwners, threshold: 2 });
  outerSafe = await createSafe(chain, contracts, { owners: [innerSafe], threshold: 1 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe: outerSafe });
  service.setSafe({ address: outerSafe, owners: [innerSafe], threshold: 1, nonce: 0n, version: '1.4.1' });
  service.setSafe({ address: innerSafe, owners: innerOwners, threshold: 2, nonce: 0n, version: '1.4.1' });
  nested = openNestedSafesStore(chain, service, { outer: outerSafe, inner: innerSafe });
  ({ store, dataDir } = nested);
  service.addTransaction(outerTx(0n));
  service.addTransaction(outerTx(1n));
  for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
});
afterAll(async () => {
  nested?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
});

const signOn = (mnemonic: string, outerSafeTxHash: string) =>
  signNestedMessage({
    store,
    openDevice: async () => new SoftwareLedger({}, mnemonic),
    outerSafeTxHash,
    innerSafe,
    path: path0,
  });

describe("an owner Safe's contract signature for the Safe it owns", () => {
  it('signs the inner SafeMessage on two Ledgers, assembles the v=0 signature and the real outer Safe executes on it', async () => {
    const outerHash = safeTxHash(outerTx(0n));
    const first = await signOn(GUARDIAN_A, outerHash);
    // Two hashes: the device signs the inner SafeMessage hash, which stands for the outer safeTxHash.
    expect(first.hashes.outerSafeTxHash).toBe(outerHash.toLowerCase());
    expect(first.hashes.innerSafeMessageHash).not.toBe(first.hashes.outerSafeTxHash);
    // Up to 1.4.1 the outer Safe hands its owner the EIP-712 preimage; the inner Safe's handler hashes it so.
    expect(first.hashes.message).toBe(safeTxPreimage(outerTx(0n)).toLowerCase());
    const handler = new Contract(contracts.fallbackHandler, handlerAbi, chain.provider);
    expect(
      String(await handler.getFunction('getMessageHashForSafe')(innerSafe, first.hashes.message)).toLowerCase(),
    ).toBe(first.hashes.innerSafeMessageHash.toLowerCase());
    expect(first).toMatchObject({ signer: addressOf(GUARDIAN_A), contractSignature: null, recorded: false });
    expect(first.tally).toMatchObject({ threshold: 2, met: false });
    expect((await verifiedConfirmations(store, outerHash)).quorum).toMatchObject({ met: false });

    await expect(signOn(GUARDIAN_A, outerHash)).rejects.toMatchObject({ code: 'SIGNING_REFUSED' });

    const second = await signOn(GUARDIAN_B, outerHash);
    expect(second.tally.signed.map((s) => s.owner)).toEqual(
      [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)),
    );
    const signature = second.contractSignature!;
    // v = 0, r = the owner Safe, s = 65 (the dynamic part right after the one static part), then 2 × 65 bytes.
    expect(dataSlice(signature, 0, 32)).toBe(zeroPadValue(innerSafe, 32).toLowerCase());
    expect(BigInt(dataSlice(signature, 32, 64))).toBe(65n);
    expect(getBytes(signature)[64]).toBe(0);
    expect(BigInt(dataSlice(signature, 65, 97))).toBe(130n);
    expect(second.recorded).toBe(true);
    expect(second.outerVerdict).toMatchObject({ kind: 'contract', status: 'valid' });
    expect(second.outerQuorum).toMatchObject({ met: true, missing: [] });

    // The real outer Safe agrees with the station, first asked, then executing.
    await safeAt(outerSafe, chain.provider).getFunction('checkSignatures')(
      outerHash,
      safeTxPreimage(outerTx(0n)),
      signature,
    );
    const executed = await executeQueueItem({
      store,
      app: new LedgerEthApp(new SoftwareLedger({}, TEST_MNEMONIC)),
      provider: chain.provider,
      safeTxHash: outerHash,
      path: path0,
    });
    expect(executed.success).toBe(true);
    expect(await protocol.vault.getFunction('paused')()).toBe(true);
  });

  it('refuses a forged inner signature before it counts, and the outer Safe refuses a contract signature built on one', async () => {
    const outerHash = safeTxHash(outerTx(1n));
    const context = nestedSigningContext(store, { outerSafeTxHash: outerHash, innerSafe });
    const { message, innerSafeMessageHash } = context.hashes;
    const outsider = { owner: addressOf(OUTSIDER), signature: await signSafeMessage(OUTSIDER, message) };
    expect(() => keepNestedSignature(store, context, outsider)).toThrow(
      expect.objectContaining({ code: 'SIGNER_NOT_OWNER' }),
    );
    // An owner's signature of the other SafeMessage (the outer hash itself, as a 1.5.0 outer Safe would ask).
    const otherHash = { owner: addressOf(GUARDIAN_C), signature: await signSafeMessage(GUARDIAN_C, outerHash) };
    expect(() => keepNestedSignature(store, context, otherHash)).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
    );
    expect(nestedSignatureTally(store, context)).toMatchObject({ signed: [], met: false });
    expect(store.listAudit({ safeTxHash: outerHash, kind: 'nested-message-signature-refused' })).toHaveLength(2);

    const genuine = await signOn(GUARDIAN_C, outerHash);
    expect(genuine.tally).toMatchObject({ met: false });
    expect(genuine.contractSignature).toBeNull();
    expect(store.getQueueItem(outerHash).confirmations).toEqual([]);

    // Packed by hand past every check here: the inner Safe on the chain still says no, so it never counts.
    const forged = nestedContractSignature(innerSafe, {
      signed: [genuine.tally.signed[0]!, outsider].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1)),
      refused: [],
      threshold: 2,
      met: true,
    });
    expect(recordNestedContractSignature(store, context, forged)).toBe(true);
    const verified = await verifiedConfirmations(store, outerHash);
    expect(verified.verdicts.find((v) => v.owner.toLowerCase() === innerSafe.toLowerCase())).toMatchObject({
      kind: 'contract',
      status: 'refused',
    });
    expect(verified.quorum).toMatchObject({ met: false });
    expect(innerSafeMessageHash).toBe(genuine.hashes.innerSafeMessageHash);

    // The log refuses edits itself; one who drops its trigger and edits the file still gains nothing: each kept
    // signature is proven again on every read and is refused for what it now holds.
    const db = new DatabaseSync(join(dataDir, 'guardian.sqlite'));
    try {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare(
        "UPDATE audit_log SET details_json = json_set(details_json, '$.signature', ?) WHERE kind = 'nested-message-signature' AND safe_tx_hash = ?",
      ).run(outsider.signature.toLowerCase(), outerHash.toLowerCase());
    } finally {
      db.close();
    }
    const edited = nestedSignatureTally(store, context);
    expect(edited.signed).toEqual([]);
    expect(edited.refused).toEqual([{ owner: addressOf(GUARDIAN_C), reason: expect.stringContaining('recovers to') }]);
  });

  it("gates the inner signature on the outer transaction's review: a critical finding unacknowledged is refused before anything is kept", async () => {
    const delegated = createSafeTx({
      chainId: chain.chainId,
      safe: outerSafe,
      safeVersion: '1.4.1',
      to: protocol.addresses['Vault']!,
      data: pause,
      operation: 1,
      nonce: 2n,
    });
    service.addTransaction(delegated);
    for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
    const outerHash = safeTxHash(delegated);
    await expect(signOn(GUARDIAN_A, outerHash)).rejects.toMatchObject({
      code: 'SIGNING_REFUSED',
      message: expect.stringContaining('DELEGATECALL_UNKNOWN_TARGET'),
    });
    const context = nestedSigningContext(store, { outerSafeTxHash: outerHash, innerSafe });
    expect(nestedSignatureTally(store, context).signed).toEqual([]);

    const acknowledged = await signNestedMessage({
      store,
      openDevice: async () => new SoftwareLedger({}, GUARDIAN_A),
      outerSafeTxHash: outerHash,
      innerSafe,
      path: path0,
      acknowledged: ['DELEGATECALL_UNKNOWN_TARGET'],
    });
    expect(acknowledged.tally.signed.map((s) => s.owner)).toEqual([addressOf(GUARDIAN_A)]);
    expect(store.listAudit({ safeTxHash: outerHash, kind: 'review' }).at(-1)?.details).toMatchObject({
      acknowledged: ['DELEGATECALL_UNKNOWN_TARGET'],
      nestedFor: innerSafe,
    });
  });
});
