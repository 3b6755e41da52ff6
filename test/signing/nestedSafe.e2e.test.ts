import { HDNodeWallet, Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { buildNestedApproval } from '../../electron/core/nested/nestedApproval.js';
import { recordNestedApproval } from '../../electron/core/signing/recordNestedApproval.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { executeQueueItem } from '../../electron/core/signing/executeQueueItem.js';
import { signQueueItem } from '../../electron/core/signing/signQueueItem.js';
import { verifiedConfirmations } from '../../electron/core/bundle/verifiedConfirmations.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe, deploySafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger, TEST_MNEMONIC } from '../ledger/softwareDevice/softwareLedger.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openNestedSafesStore, type NestedSafesStore } from './nestedSafesStore.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);

let chain: TestChain;
let service: LoopbackService;
let protocol: Protocol;
let outerSafe: string;
let innerSafe: string;
let store: Store;
let nested: NestedSafesStore | undefined;

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  const contracts = await deploySafeContracts(chain);
  // The protocol's Safe is owned by guardian A and by a team Safe, whose one owner is guardian B.
  innerSafe = await createSafe(chain, contracts, { owners: [addressOf(GUARDIAN_B)], threshold: 1 });
  outerSafe = await createSafe(chain, contracts, { owners: [addressOf(GUARDIAN_A), innerSafe], threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe: outerSafe });
  service.setSafe({
    address: outerSafe,
    owners: [addressOf(GUARDIAN_A), innerSafe],
    threshold: 2,
    nonce: 0n,
    version: '1.4.1',
  });
  service.setSafe({ address: innerSafe, owners: [addressOf(GUARDIAN_B)], threshold: 1, nonce: 0n, version: '1.4.1' });
  nested = openNestedSafesStore(chain, service, { outer: outerSafe, inner: innerSafe });
  store = nested.store;
  for (const [name, address] of Object.entries(protocol.addresses))
    store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
});
afterAll(async () => {
  nested?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
});

describe('a Safe owned by another Safe', () => {
  it('builds the owner Safe approveHash, signs and executes it on a Ledger, and the outer quorum counts it from the chain', async () => {
    const outerTx = createSafeTx({
      chainId: chain.chainId,
      safe: outerSafe,
      safeVersion: '1.4.1',
      to: protocol.addresses['Vault']!,
      data: pause,
      nonce: 0n,
    });
    service.addTransaction(outerTx);
    for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
    const outerHash = safeTxHashes(outerTx).safeTxHash;
    await signQueueItem({
      store,
      simulationProvider: chain.provider,
      app: new LedgerEthApp(new SoftwareLedger({}, GUARDIAN_A)),
      safeTxHash: outerHash,
      path: path0,
    });
    expect((await verifiedConfirmations(store, outerHash)).quorum).toMatchObject({ met: false, missing: [innerSafe] });

    const { inner, outerSafeTxHash } = buildNestedApproval(store, { outerSafeTxHash: outerHash, ownerSafe: innerSafe });
    expect(outerSafeTxHash).toBe(outerHash.toLowerCase());
    // Two hashes: the device signs the inner one, which approves the outer one.
    expect(inner.safeTxHash).not.toBe(outerHash);
    expect(inner.safeTx).toMatchObject({ safe: innerSafe, to: outerSafe, nonce: 0n, operation: 0 });
    expect(
      new Interface(['function approveHash(bytes32)']).decodeFunctionData('approveHash', inner.safeTx.data)[0],
    ).toBe(outerHash);
    expect(store.getQueueItem(inner.safeTxHash).source).toEqual({
      kind: 'nested',
      outerSafeTxHash: outerHash.toLowerCase(),
    });

    // The claim alone counts for nothing: the outer Safe has not approved anything from its owner Safe yet.
    recordNestedApproval(store, inner);
    const early = await verifiedConfirmations(store, outerHash);
    expect(early.quorum).toMatchObject({ met: false });
    expect(early.verdicts.find((v) => v.owner.toLowerCase() === innerSafe.toLowerCase())?.status).toBe('refused');

    const deviceB = new SoftwareLedger({}, GUARDIAN_B);
    const signed = await signQueueItem({
      store,
      simulationProvider: chain.provider,
      app: new LedgerEthApp(deviceB),
      safeTxHash: inner.safeTxHash,
      path: path0,
    });
    expect(signed.safeTxHash).toBe(inner.safeTxHash);
    const executor = new SoftwareLedger({}, TEST_MNEMONIC);
    expect(
      (
        await executeQueueItem({
          store,
          app: new LedgerEthApp(executor),
          provider: chain.provider,
          safeTxHash: inner.safeTxHash,
          path: path0,
        })
      ).success,
    ).toBe(true);

    const after = await verifiedConfirmations(store, outerHash);
    expect(after.quorum).toMatchObject({ met: true, missing: [] });
    expect(after.verdicts.find((v) => v.owner.toLowerCase() === innerSafe.toLowerCase())?.status).toBe('valid');
    // And the outer Safe agrees: it executes on guardian A's signature and its owner Safe's approval.
    expect(
      (
        await executeQueueItem({
          store,
          app: new LedgerEthApp(executor),
          provider: chain.provider,
          safeTxHash: outerHash,
          path: path0,
        })
      ).success,
    ).toBe(true);
    expect(await protocol.vault.getFunction('paused')()).toBe(true);
  });

  it('refuses to build an approval from a Safe that is not an owner, and stores nothing', async () => {
    const outer = store.listQueueItems({ chainId: chain.chainId, safe: outerSafe.toLowerCase() })[0]!;
    const before = store.listQueueItems().length;
    expect(() => buildNestedApproval(store, { outerSafeTxHash: outer.safeTxHash, ownerSafe: outerSafe })).toThrow(
      expect.objectContaining({ code: 'SIGNER_NOT_OWNER' }),
    );
    expect(store.listQueueItems()).toHaveLength(before);
  });
});
