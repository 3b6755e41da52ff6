import { Contract, HDNodeWallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { signNestedMessage } from '../../electron/core/nested/signNestedMessage.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash } from '../../electron/core/safe/safeTxHash.js';
import type { Store } from '../../electron/core/store/openStore.js';
import { createSafe150, deploySafe150, type Safe150Contracts } from '../chain/safe150.js';
import { deployer } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger } from '../ledger/softwareDevice/softwareLedger.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { openNestedSafesStore, type NestedSafesStore } from './nestedSafesStore.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const GUARDIAN_C = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;
const handlerAbi = ['function getMessageHashForSafe(address safe, bytes message) view returns (bytes32)'];

let chain: TestChain;
let service: LoopbackService;
let contracts: Safe150Contracts;
let outer: Contract;
let outerSafe: string;
let innerSafe: string;
let store: Store;
let nested: NestedSafesStore | undefined;

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  contracts = await deploySafe150(deployer(chain));
  const innerOwners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), addressOf(GUARDIAN_C)];
  innerSafe = await (
    await createSafe150(deployer(chain), contracts, { owners: innerOwners, threshold: 2 })
  ).getAddress();
  outer = await createSafe150(deployer(chain), contracts, { owners: [innerSafe], threshold: 1 });
  outerSafe = await outer.getAddress();
  service.setSafe({ address: outerSafe, owners: [innerSafe], threshold: 1, nonce: 0n, version: '1.5.0' });
  service.setSafe({ address: innerSafe, owners: innerOwners, threshold: 2, nonce: 0n, version: '1.5.0' });
  nested = openNestedSafesStore(chain, service, { outer: outerSafe, inner: innerSafe });
  store = nested.store;
});
afterAll(async () => {
  nested?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
});

describe('a 1.5.0 owner Safe signing for a 1.5.0 Safe it owns', () => {
  it('signs the SafeMessage over the outer safeTxHash itself, which the outer Safe checks through EIP-1271', async () => {
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe: outerSafe,
      safeVersion: '1.5.0',
      to: chain.wallets[5]!.address,
      nonce: 0n,
    });
    service.addTransaction(tx);
    for (const watched of store.listWatchedSafes()) await pullQueue(store, watched);
    const outerHash = safeTxHash(tx).toLowerCase();
    const sign = (mnemonic: string) =>
      signNestedMessage({
        store,
        openDevice: async () => new SoftwareLedger({}, mnemonic),
        outerSafeTxHash: outerHash,
        innerSafe,
        path: path0,
      });
    const first = await sign(GUARDIAN_C);
    // 1.5.0 hands its owner isValidSignature(bytes32 safeTxHash), which the handler wraps as abi.encode(hash).
    expect(first.hashes.message).toBe(outerHash);
    const handler = new Contract(contracts.fallbackHandler, handlerAbi, chain.provider);
    expect(String(await handler.getFunction('getMessageHashForSafe')(innerSafe, outerHash)).toLowerCase()).toBe(
      first.hashes.innerSafeMessageHash.toLowerCase(),
    );
    expect(first.contractSignature).toBeNull();

    const second = await sign(GUARDIAN_A);
    expect(second.outerVerdict).toMatchObject({ kind: 'contract', status: 'valid' });
    expect(second.outerQuorum).toMatchObject({ met: true });
    await outer.getFunction('checkSignatures(address,bytes32,bytes)')(
      chain.wallets[0]!.address,
      outerHash,
      second.contractSignature!,
    );
  });
});
