import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafe, deploySafeContracts, safeAt, type SafeContracts } from '../../../test/chain/safeDeployment.js';
import { startTestChain, type TestChain } from '../../../test/chain/testChain.js';
import { createSafeTx } from '../safe/safeTx.js';
import { safeTxHashes } from '../safe/safeTxHash.js';
import { mappingSlot, SAFE_SLOTS } from '../primitives/storageSlots.js';
import { reviewSafeTx, type Review } from './reviewSafeTx.js';

const approveHash = new Interface(['function approveHash(bytes32)']);

let chain: TestChain;
let contracts: SafeContracts;
let guardian: string;
let teamSafe: string;
let outerSafe: string;
let outerHash: string;

beforeAll(async () => {
  chain = await startTestChain();
  contracts = await deploySafeContracts(chain);
  guardian = chain.wallets[1]!.address;
  // The protocol's Safe is owned by an EOA and by a team Safe, whose one owner is the guardian.
  teamSafe = await createSafe(chain, contracts, { owners: [guardian], threshold: 1 });
  outerSafe = await createSafe(chain, contracts, { owners: [chain.wallets[0]!.address, teamSafe], threshold: 2 });
  outerHash = safeTxHashes(
    createSafeTx({
      chainId: chain.chainId,
      safe: outerSafe,
      safeVersion: '1.4.1',
      to: outerSafe,
      data: '0x',
      nonce: 0n,
    }),
  ).safeTxHash;
});
afterAll(async () => chain?.stop());

/** The review of `safe`'s (1-of-1, owned by the guardian) approveHash(outerHash) on the outer Safe. */
function reviewApproval(safe: string): Promise<Review> {
  return reviewSafeTx({
    provider: chain.provider,
    tx: createSafeTx({
      chainId: chain.chainId,
      safe,
      safeVersion: '1.4.1',
      to: outerSafe,
      data: approveHash.encodeFunctionData('approveHash', [outerHash]),
      nonce: 0n,
    }),
    owners: [guardian],
    threshold: 1,
    safeNonce: 0n,
  });
}

const atLeastMedium = (r: Review) => r.findings.filter((f) => f.severity !== 'info');

describe("an owner Safe's approveHash on the outer Safe", () => {
  it('names the approvedHashes write as the approval of the outer safeTxHash, with nothing above info', async () => {
    const r = await reviewApproval(teamSafe);
    expect(r.simulation.success).toBe(true);
    expect(atLeastMedium(r)).toEqual([]);
    expect(r.findings.map((f) => f.code)).not.toContain('UNEXPLAINED_STORAGE_WRITE');
    const outer = r.diff.contracts.find((c) => c.address.toLowerCase() === outerSafe.toLowerCase());
    expect(outer?.otherSlots).toEqual([]);
    expect(outer?.changes).toEqual([
      expect.objectContaining({
        before: 'not approved',
        after: `approves outer safeTxHash ${outerHash} for owner Safe ${teamSafe}`,
      }),
    ]);
  });

  it('says in its verdict that it approves the outer transaction, the outer safeTxHash in the evidence', async () => {
    const r = await reviewApproval(teamSafe);
    expect(r.worst).toBe('info');
    const approvals = r.findings.filter((f) => f.code === 'OWNER_SAFE_APPROVAL');
    expect(approvals).toEqual([
      expect.objectContaining({
        severity: 'info',
        explanation: `Approves transaction ${outerHash} of Safe ${outerSafe} (owner Safe approval).`,
        evidence: {
          safe: outerSafe,
          owner: teamSafe,
          safeTxHash: outerHash,
          slot: mappingSlot(outerHash, mappingSlot(teamSafe, SAFE_SLOTS.approvedHashes)),
        },
      }),
    ]);
  });

  it("derives the slot Safe's own code writes: approvedHashes at slot 8, keyed by owner then hash", async () => {
    // Executed for real, then read back through StorageAccessible: the layout is the contracts', not this file's.
    const team = safeAt(teamSafe, chain.wallets[1]!);
    const data = approveHash.encodeFunctionData('approveHash', [outerHash]);
    const signature = `0x${guardian.slice(2).toLowerCase().padStart(64, '0')}${'0'.repeat(64)}01`;
    const zero = '0x0000000000000000000000000000000000000000';
    await (await team.getFunction('execTransaction')(outerSafe, 0n, data, 0, 0n, 0n, 0n, zero, zero, signature)).wait();
    const slot = mappingSlot(outerHash, mappingSlot(teamSafe, SAFE_SLOTS.approvedHashes));
    expect(BigInt(await chain.provider.getStorage(outerSafe, slot))).toBe(1n);
    expect(await safeAt(outerSafe, chain.provider).getFunction('approvedHashes')(teamSafe, outerHash)).toBe(1n);
  });

  it('still stands out when the approving Safe is not an owner of the outer Safe: Safe reverts it (GS030)', async () => {
    const stranger = await createSafe(chain, contracts, { owners: [guardian], threshold: 1 });
    const r = await reviewApproval(stranger);
    expect(r.simulation.success).toBe(false);
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'SIMULATION_REVERTED', severity: 'high' }));
    expect(r.findings.map((f) => f.code)).not.toContain('OWNER_SAFE_APPROVAL');
    expect(r.diff.contracts.flatMap((c) => c.changes).filter((c) => c.after.includes(outerHash))).toEqual([]);
  });
});
