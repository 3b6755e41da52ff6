import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafe, deploySafeContracts, safeAt } from '../../../test/chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../../../test/chain/testChain.js';
import { verifiedConfirmations } from '../bundle/verifiedConfirmations.js';
import { approvedHashSignature } from '../safe/safeSignature.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { openStore, type Store } from '../store/openStore.js';
import { approveWithOwnerSafe } from './approveWithOwnerSafe.js';
import { ownerSafesOf } from './ownerSafesOf.js';

let chain: TestChain;
let store: Store;
let dataDir: string;
let outerSafe: string;
let teamSafe: string;
let foreignSafe: string;
let notASafe: string;
let outerHash: string;

beforeAll(async () => {
  chain = await startTestChain();
  const contracts = await deploySafeContracts(chain);
  const [guardian, teamOwner, foreignOwner] = chain.wallets.map((w) => w.address);
  teamSafe = await createSafe(chain, contracts, { owners: [teamOwner!], threshold: 1 });
  foreignSafe = await createSafe(chain, contracts, { owners: [foreignOwner!, guardian!], threshold: 2 });
  // A contract that owns the Safe without being one (here MultiSendCallOnly): it signs some other way, if at all.
  notASafe = contracts.multiSendCallOnly;
  const owners = [guardian!, teamSafe, foreignSafe, notASafe];
  outerSafe = await createSafe(chain, contracts, { owners, threshold: 2 });
  dataDir = mkdtempSync(join(tmpdir(), 'guardian-owner-safes-'));
  store = openStore({ dataDir });
  store.addWatchedSafe({
    chainId: chain.chainId,
    address: outerSafe,
    serviceUrl: null,
    rpcUrl: chain.rpcUrl,
    label: 'Protocol',
  });
  store.addWatchedSafe({ chainId: chain.chainId, address: teamSafe, serviceUrl: null, rpcUrl: null, label: 'Team' });
  store.saveSafeInfo({ chainId: chain.chainId, address: outerSafe, owners, threshold: 2, nonce: 0n, version: '1.4.1' });
  store.saveSafeInfo({
    chainId: chain.chainId,
    address: teamSafe,
    owners: [teamOwner!],
    threshold: 1,
    nonce: 0n,
    version: '1.4.1',
  });
  const outerTx = createSafeTx({
    chainId: chain.chainId,
    safe: outerSafe,
    safeVersion: '1.4.1',
    to: chain.wallets[5]!.address,
    data: '0x8456cb59',
    nonce: 0n,
  });
  outerHash = safeTxHash(outerTx);
  store.saveQueueItems([
    {
      safeTx: outerTx,
      safeTxHash: outerHash,
      claimedSafeTxHash: null,
      source: { kind: 'service', url: 'x' },
      confirmations: [],
      fetchedAt: 'now',
    },
  ]);
});
afterAll(async () => {
  store?.close();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ownerSafesOf', () => {
  it('names the owners that are Safes on the chain, watched or not, with their threshold, and skips keys and other contracts', async () => {
    const found = await ownerSafesOf(store, outerHash);
    expect(found.chainUnavailable).toBeNull();
    expect(found.ownerSafes.map((s) => s.address)).toEqual([teamSafe, foreignSafe]);
    expect(found.ownerSafes[0]).toMatchObject({
      watched: true,
      label: 'Team',
      owners: [chain.wallets[1]!.address],
      threshold: 1,
      source: 'chain',
      approvedOnChain: false,
      pendingApproval: null,
    });
    expect(found.ownerSafes[1]).toMatchObject({ watched: false, label: null, threshold: 2, approvedOnChain: false });
  });

  it('points at the approval already queued, so the panel opens it rather than building a second', async () => {
    const { inner } = approveWithOwnerSafe(store, {
      outerSafeTxHash: outerHash,
      ownerSafe: { chainId: chain.chainId, address: teamSafe },
    });
    const found = await ownerSafesOf(store, outerHash);
    expect(found.ownerSafes[0]!.pendingApproval).toBe(inner.safeTxHash);
    expect(found.ownerSafes[1]!.pendingApproval).toBeNull();
  });

  it('without an RPC shows only the watched, pulled owner Safes, and cannot tell whether they approved', async () => {
    const offlineDir = mkdtempSync(join(tmpdir(), 'guardian-owner-safes-offline-'));
    const offline = openStore({ dataDir: offlineDir });
    try {
      for (const info of [store.getSafeInfo(chain.chainId, outerSafe)!, store.getSafeInfo(chain.chainId, teamSafe)!]) {
        offline.addWatchedSafe({
          chainId: chain.chainId,
          address: info.address,
          serviceUrl: null,
          rpcUrl: null,
          label: null,
        });
        offline.saveSafeInfo(info);
      }
      offline.saveQueueItems([store.getQueueItem(outerHash)]);
      const found = await ownerSafesOf(offline, outerHash);
      expect(found.chainUnavailable).toMatch(/has no RPC at this station/);
      expect(found.ownerSafes).toEqual([
        expect.objectContaining({ address: teamSafe, source: 'pulled', threshold: 1, approvedOnChain: null }),
      ]);
    } finally {
      offline.close();
      rmSync(offlineDir, { recursive: true, force: true });
    }
  });

  it("counts in the outer quorum an owner Safe's approveHash executed at another station, once the chain holds it", async () => {
    const before = await verifiedConfirmations(store, outerHash);
    expect(before.quorum!.signed).toEqual([]);
    // The team Safe's own owner executes approveHash(outer) from its wallet, not through this station.
    const data = safeAt(outerSafe, chain.provider).interface.encodeFunctionData('approveHash', [outerHash]);
    const owner = chain.wallets[1]!;
    const executed = await safeAt(teamSafe, owner).getFunction('execTransaction')(
      outerSafe,
      0,
      data,
      0,
      0,
      0,
      0,
      ZeroAddress,
      ZeroAddress,
      approvedHashSignature(owner.address),
    );
    await executed.wait();

    const found = await ownerSafesOf(store, outerHash);
    expect(found.ownerSafes[0]).toMatchObject({ address: teamSafe, approvedOnChain: true });
    const after = await verifiedConfirmations(store, outerHash);
    expect(after.quorum!.signed).toEqual([teamSafe]);
    expect(after.verdicts.find((v) => v.owner === teamSafe)).toMatchObject({ kind: 'approved_hash', status: 'valid' });
    // Read again, it keeps one confirmation for the owner Safe, not one per reading.
    await ownerSafesOf(store, outerHash);
    expect(store.getQueueItem(outerHash).confirmations.filter((c) => c.owner === teamSafe)).toHaveLength(1);
  });
});
