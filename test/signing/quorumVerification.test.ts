import { blockHeader } from '../../electron/core/simulate/blockHeader.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriedSignatureEvidence } from '../../electron/core/bundle/carriedSignatureEvidence.js';
import { carryPreState } from '../../electron/core/bundle/carryPreState.js';
import { signaturesFile } from '../../electron/core/bundle/signaturesFile.js';
import { encodeSafeSignatures } from '../../electron/core/safe/safeSignature.js';
import { createSafeTx, type SafeTx } from '../../electron/core/safe/safeTx.js';
import { safeTxHash, safeTxPreimage, safeTxTypedData } from '../../electron/core/safe/safeTxHash.js';
import { postConfirmation } from '../../electron/core/signing/postConfirmation.js';
import { verifiedConfirmations } from '../../electron/core/bundle/verifiedConfirmations.js';
import type { CarriedState } from '../../electron/core/simulate/replaySimulation.js';
import { mappingSlot, SAFE_SLOTS } from '../../electron/core/primitives/storageSlots.js';
import { openStore } from '../../electron/core/store/openStore.js';
import { runGuardian } from '../cli/runGuardian.js';
import { safeAdd } from '../cli/safeAddVerb.js';
import { createSafe, deploySafeContracts, safeAt } from '../chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../chain/testChain.js';
import { startLoopbackService, type LoopbackService } from '../service/loopbackService.js';
import { tempStores } from '../store/tempStores.js';

let chain: TestChain;
let service: LoopbackService;
let owners: Wallet[];
let stranger: Wallet;
/** 2 of 3 EOAs. */
let safeA: string;
/** A Safe owned by wallet 3 alone: the EIP-1271 owner of safeB. */
let nested: string;
/** 2 of 2: wallet 0 and the nested Safe. */
let safeB: string;
let dataDir: string;
const env = () => ({ GUARDIAN_DATA_DIR: dataDir });
const pause = new Interface(['function pause()']).encodeFunctionData('pause', []);
const stores = tempStores('quorum');

beforeAll(async () => {
  [chain, service] = await Promise.all([startTestChain(), startLoopbackService()]);
  owners = chain.wallets.slice(0, 3);
  stranger = chain.wallets[7]!;
  const contracts = await deploySafeContracts(chain);
  safeA = await createSafe(chain, contracts, { owners: owners.map((o) => o.address), threshold: 2 });
  nested = await createSafe(chain, contracts, { owners: [chain.wallets[3]!.address], threshold: 1 });
  safeB = await createSafe(chain, contracts, { owners: [owners[0]!.address, nested], threshold: 2 });
  service.setSafe({ address: safeA, owners: owners.map((o) => o.address), threshold: 2, nonce: 0n, version: '1.4.1' });
  service.setSafe({ address: safeB, owners: [owners[0]!.address, nested], threshold: 2, nonce: 0n, version: '1.4.1' });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-quorum-'));
  for (const safe of [safeA, safeB]) expect((await safeAdd(chain, service, safe, env())).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([chain?.stop(), service?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const txOf = (safe: string, nonce: bigint): SafeTx =>
  createSafeTx({
    chainId: chain.chainId,
    safe,
    safeVersion: '1.4.1',
    to: chain.wallets[5]!.address,
    data: pause,
    nonce,
  });

async function eip712(wallet: Wallet, tx: SafeTx): Promise<string> {
  const typed = safeTxTypedData(tx);
  return wallet.signTypedData(typed.domain, { SafeTx: typed.types.SafeTx }, typed.message);
}

/** What a Safe owning a Safe signs (Safe 1.4.1 asks it about the preimage), packed as the service serves one confirmation. */
async function nestedSignature(signer: Wallet, tx: SafeTx): Promise<string> {
  const data = await signer.signTypedData(
    { chainId: chain.chainId, verifyingContract: nested },
    { SafeMessage: [{ name: 'message', type: 'bytes' }] },
    { message: safeTxPreimage(tx) },
  );
  return encodeSafeSignatures([{ signer: nested, kind: 'contract', data }]);
}

interface QueueJson {
  items: Array<{
    safeTxHash: string;
    quorum: {
      signed: string[];
      refused: Array<{ owner: string; reason: string }>;
      unverified: Array<{ owner: string; reason: string }>;
    };
    confirmations: Array<{ owner: string; status: string }>;
  }>;
}
const queueJson = async (...flags: string[]): Promise<QueueJson> =>
  JSON.parse((await runGuardian(['queue', '--json', ...flags], env())).stdout) as QueueJson;
const itemOf = (json: QueueJson, tx: SafeTx) => json.items.find((i) => i.safeTxHash === safeTxHash(tx))!;

describe('the quorum counts only signatures proven here', () => {
  it('shows a forged approved-hash pair as 0/2, and counts an owner once it really called approveHash', async () => {
    const tx = txOf(safeA, 0n);
    // The service lists an on-chain approval with no signature: r = owner, v = 1. Nobody approved anything.
    service.addTransaction(tx, {
      confirmations: [owners[0]!, owners[1]!].map((o) => ({
        owner: o.address,
        signature: null,
        signatureType: 'APPROVED_HASH',
      })),
    });
    const human = await runGuardian(['queue'], env());
    expect(human.stdout).toMatch(new RegExp(`${safeTxHash(tx).slice(0, 18)}.*0/2 signed`));
    expect(human.stdout).toContain(
      `REFUSED ${owners[0]!.address}: ${owners[0]!.address} never approved safeTxHash ${safeTxHash(tx)}`,
    );
    expect(itemOf(await queueJson(), tx).quorum.signed).toEqual([]);

    await (await safeAt(safeA, owners[0]!).getFunction('approveHash')(safeTxHash(tx))).wait();
    const after = itemOf(await queueJson(), tx);
    expect(after.quorum.signed).toEqual([owners[0]!.address]);
    expect(after.quorum.refused.map((r) => r.owner)).toEqual([owners[1]!.address]);
    // With no chain asked, an approved hash is neither counted nor refused.
    const offline = itemOf(await queueJson('--offline'), tx);
    expect(offline.quorum.signed).toEqual([]);
    expect(offline.quorum.unverified.map((u) => u.owner).sort()).toEqual(
      [owners[0]!.address, owners[1]!.address].sort(),
    );
  });

  it('refuses a contract signature the owner Safe rejects, and counts one it accepts', async () => {
    const forged = txOf(safeB, 0n);
    const honest = txOf(safeB, 1n);
    service.addTransaction(forged, {
      confirmations: [
        { owner: owners[0]!.address, signature: await eip712(owners[0]!, forged) },
        { owner: nested, signature: await nestedSignature(stranger, forged), signatureType: 'CONTRACT_SIGNATURE' },
      ],
    });
    service.addTransaction(honest, {
      confirmations: [
        { owner: owners[0]!.address, signature: await eip712(owners[0]!, honest) },
        {
          owner: nested,
          signature: await nestedSignature(chain.wallets[3]!, honest),
          signatureType: 'CONTRACT_SIGNATURE',
        },
      ],
    });
    const json = await queueJson();
    expect(itemOf(json, forged).quorum.signed).toEqual([owners[0]!.address]);
    expect(itemOf(json, forged).quorum.refused).toEqual([
      { owner: nested, reason: expect.stringContaining(`The owner contract ${nested} rejects the signature`) },
    ]);
    expect(itemOf(json, honest).quorum).toMatchObject({ refused: [], unverified: [] });
    expect(itemOf(json, honest).quorum.signed.sort()).toEqual([owners[0]!.address, nested].sort());
  });

  it('refuses a valid signature from a non-owner with its reason, audits it once, and never writes it in the signatures file', async () => {
    const tx = txOf(safeA, 1n);
    service.addTransaction(tx, {
      confirmations: [
        { owner: owners[0]!.address, signature: await eip712(owners[0]!, tx) },
        { owner: stranger.address, signature: await eip712(stranger, tx) },
      ],
    });
    const human = await runGuardian(['queue'], env());
    expect(human.stdout).toMatch(new RegExp(`${safeTxHash(tx).slice(0, 18)}.*1/2 signed`));
    expect(human.stdout).toContain(`REFUSED ${stranger.address}: ${stranger.address} is not an owner of this Safe.`);
    const hashes = JSON.parse((await runGuardian(['hashes', safeTxHash(tx), '--json'], env())).stdout) as Array<{
      signatures: { confirmations: Array<{ owner: string; status: string; reason: string | null }> };
    }>;
    expect(hashes[0]!.signatures.confirmations.map((c) => [c.owner, c.status])).toEqual(
      [
        [owners[0]!.address, 'valid'],
        [stranger.address, 'refused'],
      ].sort((a, b) => a[0]!.toLowerCase().localeCompare(b[0]!.toLowerCase())),
    );

    const out = join(dataDir, 'sigs-1.json');
    const written = await runGuardian(['bundle', 'signatures', safeTxHash(tx), '--out', out], env());
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`REFUSED ${stranger.address}, not written`);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { confirmations: Array<{ owner: string }> };
    expect(file.confirmations.map((c) => c.owner)).toEqual([owners[0]!.address]);

    const store = stores.keep(openStore({ dataDir }));
    const refusals = store.listAudit({ safeTxHash: safeTxHash(tx), kind: 'confirmation-refused' });
    // Read by three pulls, one hashes and one export: recorded once.
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      actor: stranger.address,
      details: {
        owner: stranger.address,
        origin: 'service',
        reason: `${stranger.address} is not an owner of this Safe.`,
      },
    });
  });

  it('refuses on read a signature edited in the store, and never exports or posts it', async () => {
    const tx = txOf(safeA, 1n);
    const other = txOf(safeA, 2n);
    // A real signature of owner 0, but over another transaction: the row still looks like any other.
    const raw = stores.keep(new DatabaseSync(join(dataDir, 'guardian.sqlite')));
    const changed = raw
      .prepare('UPDATE confirmations SET signature = ? WHERE safe_tx_hash = ? AND lower(owner) = lower(?)')
      .run((await eip712(owners[0]!, other)).toLowerCase(), safeTxHash(tx), owners[0]!.address);
    expect(changed.changes).toBe(1);

    const item = itemOf(await queueJson('--offline'), tx);
    expect(item.quorum.signed).toEqual([]);
    expect(item.quorum.refused.find((r) => r.owner === owners[0]!.address)?.reason).toMatch(
      /from another key or over another hash/,
    );

    const store = stores.keep(openStore({ dataDir }));
    expect((await signaturesFile(store, safeTxHash(tx))).confirmations).toEqual([]);
    const posts = service.requests.length;
    await expect(
      postConfirmation(store, { serviceUrl: service.url, safeTxHash: safeTxHash(tx), owner: owners[0]!.address }),
    ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(service.requests).toHaveLength(posts);
    expect(store.listAudit({ safeTxHash: safeTxHash(tx), kind: 'confirmation-refused' }).map((e) => e.actor)).toEqual([
      stranger.address,
      owners[0]!.address,
    ]);
  });
});

describe('signatures carried back from an air-gapped station', () => {
  it('stores a forged approved hash from the file but refuses it against the chain and never posts it', async () => {
    const tx = txOf(safeA, 1n);
    const path = join(dataDir, 'forged-sigs.json');
    const approval = encodeSafeSignatures([{ signer: owners[1]!.address, kind: 'approved_hash', data: '0x' }]);
    writeFileSync(
      path,
      JSON.stringify({
        format: 'guardian-signatures',
        version: 1,
        chainId: chain.chainId.toString(),
        safe: safeA,
        safeTxHash: safeTxHash(tx),
        confirmations: [{ owner: owners[1]!.address, signature: approval }],
      }),
    );
    const posts = service.requests.filter((r) => r.method === 'POST').length;
    const run = await runGuardian(['bundle', 'import', path], env());
    expect(run.stderr).toContain(
      `REFUSED ${owners[1]!.address}, not posted: ${owners[1]!.address} never approved safeTxHash ${safeTxHash(tx)}`,
    );
    expect(run.code).toBe(1);
    expect(service.requests.filter((r) => r.method === 'POST')).toHaveLength(posts);
  });
});

describe('approved hashes on an air-gapped station, from the carried state', () => {
  /** The Safe's storage proofs at the latest block, as a carried review keeps them, for these owners' approvedHashes slots. */
  async function carriedFor(tx: SafeTx, who: readonly string[]): Promise<CarriedState> {
    const block = (await chain.provider.send('eth_getBlockByNumber', ['latest', false])) as {
      number: string;
      timestamp: string;
      baseFeePerGas: string;
      stateRoot: string;
    };
    const slots = who.map((o) => mappingSlot(safeTxHash(tx), mappingSlot(o, SAFE_SLOTS.approvedHashes)));
    const proof = await chain.provider.send('eth_getProof', [tx.safe, slots, block.number]);
    return {
      version: 1,
      block: {
        number: block.number,
        timestamp: block.timestamp,
        baseFeePerGas: block.baseFeePerGas,
        stateRoot: block.stateRoot,
      },
      header: blockHeader(block),
      prestate: {},
      proofs: [proof],
    };
  }

  it('counts an approval the proof shows, refuses one it shows absent or forged, and leaves unproven ones uncounted', async () => {
    const tx = txOf(safeA, 0n);
    const carried = await carriedFor(tx, [owners[0]!.address, owners[1]!.address]);
    const evidence = carriedSignatureEvidence(carried, tx);
    expect(await evidence.approvedHash(owners[0]!.address, safeTxHash(tx))).toBe(true);
    expect(await evidence.approvedHash(owners[1]!.address, safeTxHash(tx))).toBe(false);
    expect(await evidence.approvedHash(owners[2]!.address, safeTxHash(tx))).toBeNull();
    // A bundle that claims owner 1's slot holds 1 without a proof of it.
    const forged = structuredClone(carried);
    forged.proofs![0]!.storageProof[1]!.value = '0x1';
    await expect(
      carriedSignatureEvidence(forged, tx).approvedHash(owners[1]!.address, safeTxHash(tx)),
    ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });

    // The station itself: no RPC, the bundle's state kept with the transaction.
    const store = stores.store();
    store.addWatchedSafe({ chainId: chain.chainId, address: safeA, serviceUrl: null, rpcUrl: null, label: null });
    store.saveSafeInfo({
      chainId: chain.chainId,
      address: safeA,
      owners: owners.map((o) => o.address),
      threshold: 2,
      nonce: 0n,
      version: '1.4.1',
    });
    const approval = (o: Wallet) => ({
      owner: o.address,
      signature: encodeSafeSignatures([{ signer: o.address, kind: 'approved_hash', data: '0x' }]),
    });
    store.saveQueueItems(
      [
        {
          safeTx: tx,
          safeTxHash: safeTxHash(tx),
          claimedSafeTxHash: null,
          source: { kind: 'bundle', path: 'x.json' },
          confirmations: owners.map(approval),
          fetchedAt: 'now',
        },
      ],
      'bundle',
    );
    const unproven = (await verifiedConfirmations(store, safeTxHash(tx))).quorum!;
    expect(unproven.signed).toEqual([]);
    expect(unproven.unverified).toHaveLength(3);

    store.keepCarriedState(safeTxHash(tx), forged);
    const quorum = (await verifiedConfirmations(store, safeTxHash(tx))).quorum!;
    expect(quorum.signed).toEqual([owners[0]!.address]);
    expect(quorum.refused.map((r) => r.owner)).toEqual([owners[1]!.address]);
    expect(quorum.refused[0]!.reason).toMatch(/carried proof of the approved hash .* does not hold/);
    expect(quorum.unverified.map((u) => u.owner)).toEqual([owners[2]!.address]);
  });

  it("checks a contract signature there on the owner contract's state the review carried: accepted counts, forged is refused", async () => {
    const online = stores.keep(openStore({ dataDir }));
    const station = stores.store();
    station.saveSafeInfo({
      chainId: chain.chainId,
      address: safeB,
      owners: [owners[0]!.address, nested],
      threshold: 2,
      nonce: 0n,
      version: '1.4.1',
    });
    const quorums = [];
    for (const tx of [txOf(safeB, 1n), txOf(safeB, 0n)]) {
      const item = online.getQueueItem(safeTxHash(tx));
      const carried = await carryPreState(online, item, chain.rpcUrl);
      station.saveQueueItems([{ ...item, source: { kind: 'bundle', path: 'b.json' } }], 'bundle');
      station.keepCarriedState(item.safeTxHash, structuredClone(carried));
      quorums.push((await verifiedConfirmations(station, item.safeTxHash)).quorum!);
    }
    const [honest, forged] = quorums;
    expect(honest!.signed.sort()).toEqual([owners[0]!.address, nested].sort());
    expect(honest).toMatchObject({ met: true, refused: [], unverified: [] });
    expect(forged).toMatchObject({
      signed: [owners[0]!.address],
      unverified: [],
      refused: [{ owner: nested, reason: expect.stringContaining('in the carried state of block') }],
    });
  });

  it("leaves an approved hash unverified, not refused, when the Safe's RPC cannot be reached", async () => {
    const tx = txOf(safeA, 0n);
    const store = stores.store();
    // Port 9 (discard) on loopback: nothing answers there.
    store.addWatchedSafe({
      chainId: chain.chainId,
      address: safeA,
      serviceUrl: null,
      rpcUrl: 'http://127.0.0.1:9',
      label: null,
    });
    store.saveSafeInfo({
      chainId: chain.chainId,
      address: safeA,
      owners: owners.map((o) => o.address),
      threshold: 2,
      nonce: 0n,
      version: '1.4.1',
    });
    const approval = encodeSafeSignatures([{ signer: owners[0]!.address, kind: 'approved_hash', data: '0x' }]);
    store.saveQueueItems(
      [
        {
          safeTx: tx,
          safeTxHash: safeTxHash(tx),
          claimedSafeTxHash: null,
          source: { kind: 'bundle', path: 'x.json' },
          confirmations: [{ owner: owners[0]!.address, signature: approval }],
          fetchedAt: 'now',
        },
      ],
      'bundle',
    );
    const { quorum } = await verifiedConfirmations(store, safeTxHash(tx));
    expect(quorum).toMatchObject({
      signed: [],
      refused: [],
      unverified: [{ owner: owners[0]!.address, reason: expect.stringContaining('could not be asked') }],
    });
  });
});
