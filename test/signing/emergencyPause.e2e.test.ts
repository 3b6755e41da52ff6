import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDNodeWallet, Interface, parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEthApp } from '../../electron/core/ledger/ethApp.js';
import { ledgerPath } from '../../electron/core/ledger/ledgerPaths.js';
import { createSafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHashes } from '../../electron/core/safe/safeTxHash.js';
import { executeQueueItem } from '../../electron/core/signing/executeQueueItem.js';
import { postConfirmation } from '../../electron/core/signing/postConfirmation.js';
import { verifiedConfirmations } from '../../electron/core/bundle/verifiedConfirmations.js';
import { signatureDepths } from '../../electron/core/signing/signatureDepths.js';
import { responseFigures } from '../../electron/core/queue/responseFigures.js';
import { signQueueItem } from '../../electron/core/signing/signQueueItem.js';
import { openStore, type Store } from '../../electron/core/store/openStore.js';
import { pullQueue } from '../../electron/core/queue/pullQueue.js';
import { encodeMultiSend } from '../../electron/core/primitives/multiSendEncoding.js';
import { createSafe, deploySafeContracts, type SafeContracts } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { SoftwareLedger, TEST_MNEMONIC } from '../ledger/softwareDevice/softwareLedger.js';
import { deployProtocol, type Protocol } from '../protocol/deployProtocol.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';

const GUARDIAN_A = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const GUARDIAN_B = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const STRANGER = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
const path0 = ledgerPath('ledger-live', 0);
const addressOf = (mnemonic: string) => HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${path0}`).address;

let chain: TestChain;
let service: LoopbackService;
let contracts: SafeContracts;
let protocol: Protocol;
let safe: string;
let store: Store;
let dataDir: string;
let owners: string[];
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  contracts = await deploySafeContracts(chain);
  owners = [addressOf(GUARDIAN_A), addressOf(GUARDIAN_B), chain.wallets[2]!.address];
  safe = await createSafe(chain, contracts, { owners, threshold: 2 });
  protocol = await deployProtocol(chain.wallets[0]!, { safe });
  service.setSafe({ address: safe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-sign-'));
  store = openStore({ dataDir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: safe,
    serviceUrl: service.url,
    rpcUrl: chain.rpcUrl,
    label: 'Guardians',
  });
  for (const [name, address] of Object.entries(protocol.addresses))
    store.saveAbi({ chainId: chain.chainId, address, name, abi: [] });
});
afterAll(async () => {
  store?.close();
  await Promise.all([chain?.stop(), service?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a 2-of-3 Safe pauses the protocol with two guardians' Ledgers", () => {
  const vaultPause = () =>
    createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      to: protocol.addresses['Vault']!,
      data: pause,
      nonce: 0n,
    });

  it('signs in full EIP-712 and in hashed mode, verifies both, posts them, executes, and the protocol is paused', async () => {
    service.addTransaction(vaultPause());
    const pulled = await pullQueue(store, store.listWatchedSafes()[0]!);
    expect(pulled).toMatchObject({ pulled: 1, rejected: [], failure: null });
    const { safeTxHash, domainHash, messageHash } = safeTxHashes(vaultPause());

    const deviceA = new SoftwareLedger({}, GUARDIAN_A);
    const a = await signQueueItem({
      store,
      simulationProvider: chain.provider,
      app: new LedgerEthApp(deviceA),
      safeTxHash,
      path: path0,
      mode: 'full',
    });
    expect(a).toMatchObject({ mode: 'full', signer: owners[0], safeTxHash });
    // Committed before anything else: a second connection (another process, after a crash) already sees it.
    const reader = openStore({ dataDir });
    expect(reader.getQueueItem(safeTxHash).confirmations.map((c) => c.owner)).toEqual([owners[0]]);
    expect(reader.listAudit({ safeTxHash, kind: 'signature' })).toHaveLength(1);
    reader.close();
    await postConfirmation(store, { serviceUrl: service.url, safeTxHash, owner: owners[0]! });

    const deviceB = new SoftwareLedger({}, GUARDIAN_B);
    const progress: string[] = [];
    const b = await signQueueItem({
      store,
      simulationProvider: chain.provider,
      app: new LedgerEthApp(deviceB),
      safeTxHash,
      path: path0,
      mode: 'hashed',
      onProgress: (p) => progress.push(p.stage),
    });
    expect(b).toMatchObject({ mode: 'hashed', signer: owners[1] });
    // The device showed exactly the hashes the console told the guardian to compare.
    expect(deviceB.reviews.find((r) => r.kind === 'eip712-hashed')).toMatchObject({ domainHash, messageHash });
    expect(progress).toContain('awaiting-approval');
    await postConfirmation(store, { serviceUrl: service.url, safeTxHash, owner: owners[1]! });

    const served = [...service.safes.values()][0]!.transactions[0]!;
    expect(served.confirmations.map((c) => c['owner'])).toEqual([owners[0], owners[1]]);
    const verified = await verifiedConfirmations(store, safeTxHash);
    expect(verified.quorum).toMatchObject({ met: true, missing: [owners[2]], refused: [] });
    // Beside each signature made here: what was checked before it, as its audit entry recorded.
    const depthOf = signatureDepths(store, safeTxHash);
    expect(
      verified.item.confirmations.map((c) => [
        c.owner,
        depthOf(c)?.deviceMode,
        depthOf(c)?.simulation,
        depthOf(c)?.claimedHash,
      ]),
    ).toEqual(
      [
        [owners[0], 'full', 'fork', 'matched'],
        [owners[1], 'hashed', 'fork', 'matched'],
      ].sort((x, y) => String(x[0]).toLowerCase().localeCompare(String(y[0]).toLowerCase())),
    );
    const figures = responseFigures(verified.item, verified.verdicts, verified.quorum, new Date());
    expect(figures).toMatchObject({ threshold: 2, verifiedSignatures: 2, needs: 0, doubts: [] });
    expect(figures.confirmations.every((c) => c.afterProposalMs !== null && c.afterProposalMs >= 0)).toBe(true);

    const executor = new SoftwareLedger({}, TEST_MNEMONIC);
    const stages: string[] = [];
    const result = await executeQueueItem({
      store,
      app: new LedgerEthApp(executor),
      provider: chain.provider,
      safeTxHash,
      path: path0,
      onProgress: (p) => stages.push(p.stage),
    });
    expect(result.success).toBe(true);
    expect(stages).toEqual(['checking-chain', 'final-simulation', 'awaiting-approval', 'broadcast', 'mined']);
    expect(await protocol.vault.getFunction('paused')()).toBe(true);
    expect(store.listAudit({ safeTxHash }).map((e) => e.kind)).toEqual([
      'review',
      'signature',
      'posted',
      'review',
      'signature',
      'posted',
      'execution-sent',
      'execution',
    ]);
  });

  it('refuses a device whose account is not an owner, before it is asked to sign', async () => {
    const tx = createSafeTx({ ...vaultPause(), nonce: 1n });
    service.addTransaction(tx);
    await pullQueue(store, store.listWatchedSafes()[0]!);
    const stranger = new SoftwareLedger({}, STRANGER);
    await expect(
      signQueueItem({
        store,
        simulationProvider: chain.provider,
        app: new LedgerEthApp(stranger),
        safeTxHash: safeTxHashes(tx).safeTxHash,
        path: path0,
      }),
    ).rejects.toMatchObject({ code: 'SIGNER_NOT_OWNER' });
    expect(stranger.reviews.filter((r) => r.kind !== 'address')).toEqual([]);
  });

  it('refuses to sign a pause that also hands ownership to a stranger until the guardian acknowledges it', async () => {
    const transfer = new Interface(['function transferOwnership(address)']).encodeFunctionData('transferOwnership', [
      addressOf(STRANGER),
    ]);
    const batch = encodeMultiSend([
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: pause },
      { operation: 0, to: protocol.addresses['Vault']!, value: 0n, data: transfer },
    ]);
    const tx = createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      to: contracts.multiSendCallOnly,
      data: batch,
      operation: 1,
      nonce: 2n,
    });
    service.addTransaction(tx);
    await pullQueue(store, store.listWatchedSafes()[0]!);
    const hash = safeTxHashes(tx).safeTxHash;
    const device = new SoftwareLedger({}, GUARDIAN_A);
    await expect(
      signQueueItem({
        store,
        simulationProvider: chain.provider,
        app: new LedgerEthApp(device),
        safeTxHash: hash,
        path: path0,
      }),
    ).rejects.toMatchObject({
      code: 'SIGNING_REFUSED',
      message: expect.stringMatching(
        /PAUSE_WITH_OTHER_ACTIONS.*CONTROL_TO_UNKNOWN_ADDRESS|CONTROL_TO_UNKNOWN_ADDRESS.*PAUSE_WITH_OTHER_ACTIONS/,
      ),
    });
    expect(store.getQueueItem(hash).confirmations).toEqual([]);
    // The test chain's MultiSendCallOnly is no official deployment, so its DELEGATECALL is flagged too.
    const acknowledged = ['PAUSE_WITH_OTHER_ACTIONS', 'CONTROL_TO_UNKNOWN_ADDRESS', 'DELEGATECALL_UNKNOWN_TARGET'];
    await expect(
      signQueueItem({
        store,
        simulationProvider: chain.provider,
        app: new LedgerEthApp(device),
        safeTxHash: hash,
        path: path0,
        acknowledged,
      }),
    ).resolves.toMatchObject({ signer: owners[0] });
    expect(store.listAudit({ safeTxHash: hash, kind: 'review' })[0]!.details).toMatchObject({ acknowledged });
  });

  it('does not execute below the threshold, and says how many signatures are missing', async () => {
    const tx = createSafeTx({ ...vaultPause(), nonce: 1n });
    const executor = new SoftwareLedger({}, TEST_MNEMONIC);
    await (await chain.wallets[0]!.sendTransaction({ to: addressOf(GUARDIAN_A), value: parseEther('1') })).wait();
    await expect(
      executeQueueItem({
        store,
        app: new LedgerEthApp(executor),
        provider: chain.provider,
        safeTxHash: safeTxHashes(tx).safeTxHash,
        path: path0,
      }),
    ).rejects.toThrow(/0 of 2 required owner signatures/);
  });
});
