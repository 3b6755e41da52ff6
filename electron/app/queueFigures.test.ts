import { describe, expect, it } from 'vitest';
import {
  keepLocalSignature,
  pendingPause,
  saveExecutions,
  saveServiceItem,
} from '../../test/store/responseFiguresFixture.js';
import { throughGate } from '../../test/app/throughGate.js';
import { tempStores } from '../../test/store/tempStores.js';
import { approvedHashSignature } from '../core/safe/safeSignature.js';
import type { VerificationDepth } from '../core/signing/verificationDepth.js';
import { ownDepths } from '../../renderer/views/Queue/rowFigures.js';

const stores = tempStores('queue-figures');
const safe = '0x' + '5b'.repeat(20);
const { alice, bob, carol, owners, tx, hash } = pendingPause(7700, safe, 0n);
const depth: VerificationDepth = {
  hashRecomputed: true,
  claimedHash: 'matched',
  decoding: { weakestSource: 'registered', calls: 1 },
  simulation: 'fork',
  deviceMode: 'full',
  findings: {},
  acknowledged: [],
};

describe('queue.list figures', () => {
  it('sends each pending row its age and what the threshold still needs, and the depth beside a signature made here', async () => {
    const store = stores.store();
    store.addWatchedSafe({ chainId: 1n, address: tx.safe, serviceUrl: null, rpcUrl: null, label: null });
    store.saveSafeInfo({ chainId: 1n, address: tx.safe, owners, threshold: 3, nonce: 0n, version: '1.4.1' });
    // One clock reading for both, so the interval between them is exactly what the test states.
    const now = Date.now();
    const proposedAt = new Date(now - 3_600_000).toISOString();
    const bobAt = new Date(now - 1_800_000).toISOString();
    saveServiceItem(store, tx, {
      url: 'x',
      submittedAt: proposedAt,
      confirmations: [{ signer: bob, submittedAt: bobAt }],
    });
    keepLocalSignature(store, hash, alice, (signature) => ({ mode: 'full', signature, depth }));

    const [row] = await throughGate(store, 'queue.list');
    expect(row!.figures).toMatchObject({ proposedAt, verifiedSignatures: 2, needs: 1, doubts: [] });
    expect(row!.figures.sinceProposalMs).toBeGreaterThanOrEqual(3_600_000);
    const byOwner = Object.fromEntries(row!.confirmations.map((c) => [c.owner, c]));
    expect(byOwner[alice.address]).toMatchObject({
      origin: 'local',
      status: 'valid',
      depth: expect.stringMatching(
        /^hash recomputed · claimed hash matched · .* · simulated on a fork · device full EIP-712/,
      ),
    });
    expect(byOwner[bob.address]).toMatchObject({
      origin: 'service',
      depth: null,
      signedAt: bobAt,
      afterProposalMs: 1_800_000,
    });
  });

  it("shows no 'checked before' line for an approved hash kept here: an owner Safe's approval, not a device signature", async () => {
    const store = stores.store();
    store.addWatchedSafe({ chainId: 1n, address: tx.safe, serviceUrl: null, rpcUrl: null, label: null });
    store.saveSafeInfo({ chainId: 1n, address: tx.safe, owners, threshold: 3, nonce: 0n, version: '1.4.1' });
    saveServiceItem(store, tx, { url: 'x', submittedAt: new Date().toISOString(), confirmations: [] });
    keepLocalSignature(store, hash, alice, (signature) => ({ mode: 'full', signature, depth }));
    // As recordNestedApproval keeps an owner Safe's approveHash: v = 1, r = the owner, origin local.
    const approval = { owner: carol.address, signature: approvedHashSignature(carol.address) };
    store.addConfirmation(hash, { ...approval, signatureType: 'APPROVED_HASH' }, 'local');

    const [row] = await throughGate(store, 'queue.list');
    const byOwner = Object.fromEntries(row!.confirmations.map((c) => [c.owner, c]));
    expect(byOwner[carol.address]).toMatchObject({ origin: 'local', kind: 'approved_hash', depth: null });
    expect(byOwner[alice.address]).toMatchObject({ origin: 'local', kind: 'eip712' });
    expect(ownDepths(row!)).toEqual([{ owner: alice.address, depth: byOwner[alice.address]!.depth }]);
  });

  it('sends each watched Safe its governance latency from the executions kept here', async () => {
    const store = stores.store();
    store.addWatchedSafe({ chainId: 1n, address: tx.safe, serviceUrl: null, rpcUrl: null, label: null });
    saveExecutions(store, { chainId: 1n, safe: tx.safe }, [20, 40, 90]);
    const [view] = await throughGate(store, 'safes.list');
    expect(view!.latency).toMatchObject({ executed: 3, measured: 3, medianMs: 40 * 60_000, p90Ms: 90 * 60_000 });
    expect(view!.latency.last.map((l) => [l.nonce, l.latencyMs])).toEqual([
      ['2', 90 * 60_000],
      ['1', 40 * 60_000],
      ['0', 20 * 60_000],
    ]);
  });
});
