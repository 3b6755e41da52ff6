import { toBeHex, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { pauseSafeTx } from '../../../test/ledger/safeTxFixture.js';
import { confirmationVerdict } from '../safe/confirmationVerdict.js';
import { encodeSafeSignatures } from '../safe/safeSignature.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { quorumStatus } from '../safe/quorum.js';
import type { StoredConfirmation } from '../store/confirmations.js';
import { claimedTime } from './claimedTime.js';
import { durationWords } from './durationWords.js';
import { responseFigures } from './responseFigures.js';

const [alice, bob, carol, mallory] = [1, 2, 3, 4].map((i) => new Wallet(toBeHex(5100 + i, 32)));
const owners = [alice!.address, bob!.address, carol!.address];
const hash = safeTxHash(pauseSafeTx());
const sign = (w: Wallet) => w.signingKey.sign(hash).serialized;
const now = new Date('2026-12-02T10:00:00Z');

async function judged(confirmations: StoredConfirmation[], threshold: number) {
  const verdicts = await Promise.all(confirmations.map((c) => confirmationVerdict(hash, c, owners, null)));
  return { verdicts, quorum: quorumStatus(owners, threshold, verdicts) };
}

describe('responseFigures', () => {
  it('times the proposal and each confirmation, oldest first, from the submission dates', async () => {
    const { verdicts, quorum } = await judged(
      [
        { owner: bob!.address, signature: sign(bob!), origin: 'service', submittedAt: '2026-12-02T09:40:00.123456Z' },
        { owner: alice!.address, signature: sign(alice!), origin: 'local', submittedAt: '2026-12-02T08:05:00Z' },
      ],
      3,
    );
    const figures = responseFigures({ submittedAt: '2026-12-02T08:00:00Z' }, verdicts, quorum, now);
    expect(figures.sinceProposalMs).toBe(2 * 3_600_000);
    expect(figures.confirmations.map((c) => [c.owner, c.afterProposalMs, c.origin])).toEqual([
      [alice!.address, 5 * 60_000, 'local'],
      [bob!.address, 100 * 60_000 + 123, 'service'],
    ]);
    expect(figures).toMatchObject({ threshold: 3, verifiedSignatures: 2, needs: 1, doubts: [] });
  });

  it("counts toward the threshold only verified signatures: an unverified approval and a stranger's signature need more", async () => {
    const approved = encodeSafeSignatures([{ signer: carol!.address, kind: 'approved_hash', data: '0x' }]);
    const { verdicts, quorum } = await judged(
      [
        { owner: alice!.address, signature: sign(alice!), origin: 'service', submittedAt: '2026-12-02T09:00:00Z' },
        { owner: carol!.address, signature: approved, origin: 'service', submittedAt: '2026-12-02T09:10:00Z' },
        { owner: mallory!.address, signature: sign(mallory!), origin: 'service', submittedAt: '2026-12-02T09:20:00Z' },
      ],
      2,
    );
    const figures = responseFigures({ submittedAt: '2026-12-02T08:00:00Z' }, verdicts, quorum, now);
    expect(figures.confirmations.map((c) => c.status)).toEqual(['valid', 'unverified', 'refused']);
    expect(figures).toMatchObject({ verifiedSignatures: 1, needs: 1 });
  });

  it('says nothing is needed once the threshold is met, and cannot say while the owners are unknown', async () => {
    const { verdicts, quorum } = await judged([{ owner: alice!.address, signature: sign(alice!), origin: 'local' }], 1);
    expect(responseFigures({}, verdicts, quorum, now)).toMatchObject({
      needs: 0,
      sinceProposalMs: null,
      proposedAt: null,
    });
    expect(responseFigures({}, verdicts, null, now)).toMatchObject({
      needs: null,
      threshold: null,
      verifiedSignatures: 0,
    });
  });

  it('does not believe a proposal dated in the future, a confirmation dated before the proposal, or an unreadable time', async () => {
    const { verdicts, quorum } = await judged(
      [
        { owner: alice!.address, signature: sign(alice!), origin: 'service', submittedAt: '2026-12-01T00:00:00Z' },
        { owner: bob!.address, signature: sign(bob!), origin: 'service', submittedAt: 'yesterday' },
      ],
      3,
    );
    const early = responseFigures({ submittedAt: '2026-12-02T08:00:00Z' }, verdicts, quorum, now);
    expect(early.confirmations.map((c) => c.afterProposalMs)).toEqual([null, null]);
    expect(early.doubts).toEqual([
      expect.stringMatching(/dated before the proposal/),
      expect.stringMatching(/unreadable time \(yesterday\)/),
    ]);
    const future = responseFigures({ submittedAt: '2026-12-03T08:00:00Z' }, verdicts, quorum, now);
    expect(future.sinceProposalMs).toBeNull();
    expect(future.doubts[0]).toMatch(/The proposal is dated in the future/);
  });

  it('takes a clock a few seconds ahead as now rather than a negative age', async () => {
    const { verdicts, quorum } = await judged([], 1);
    expect(responseFigures({ submittedAt: '2026-12-02T10:00:20Z' }, verdicts, quorum, now)).toMatchObject({
      sinceProposalMs: 0,
      doubts: [],
    });
  });
});

describe('claimedTime', () => {
  it('reads ISO-8601 instants with a zone, and nothing looser', () => {
    expect(claimedTime('2026-12-02T08:00:00+02:00')).toBe(Date.parse('2026-12-02T06:00:00Z'));
    for (const loose of ['1', 'Dec 2 2026', '2026-12-02', '2026-12-02T08:00:00', '2026-13-45T99:99:00Z'])
      expect(claimedTime(loose)).toBeNull();
  });
});

describe('durationWords', () => {
  it('reads minutes, hours and days at the precision a response is judged at', () => {
    expect([30_000, 12 * 60_000, 3 * 3_600_000 + 5 * 60_000, 50 * 3_600_000].map(durationWords)).toEqual([
      '<1m',
      '12m',
      '3h 05m',
      '2d 2h',
    ]);
  });
});
