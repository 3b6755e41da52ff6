import { AbiCoder, getAddress, keccak256, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { alarms, reviewOf, run, simulatedHandover } from './corpusRun.js';
import type { QueuedTransaction } from './deployUniswap.js';

/** Uniswap v3's Factory and Uniswap governance's Compound-style Timelock, in the corpus's one run. */
export function describeUniswapVerdicts(): void {
  describe('Uniswap v3 Factory and a Compound-style Timelock, from their published bytecode', () => {
    const at = (c: { target: unknown }) => getAddress(c.target as string);
    const codes = (name: string) => reviewOf(name).findings.map((f) => f.code);
    const queuedHash = (q: QueuedTransaction) =>
      keccak256(
        AbiCoder.defaultAbiCoder().encode(
          ['address', 'uint256', 'string', 'bytes', 'uint256'],
          [q.target, q.value, q.signature, q.data, q.eta],
        ),
      );

    it('the Safe owns one factory and administers the timelock, which owns the other; its three queued calls are ready', async () => {
      const { factory, governedFactory, timelock, readyDelayLowering, queuedFeeAmount, readyPendingAdmin } =
        run.corpus.uniswap;
      expect(await factory.getFunction('owner')()).toBe(run.corpus.safe);
      expect(await governedFactory.getFunction('owner')()).toBe(at(timelock));
      expect(await timelock.getFunction('admin')()).toBe(run.corpus.safe);
      expect(await timelock.getFunction('delay')()).toBe(7n * 24n * 3600n);
      expect(await timelock.getFunction('MINIMUM_DELAY')()).toBe(2n * 24n * 3600n);
      for (const q of [readyDelayLowering, queuedFeeAmount, readyPendingAdmin])
        expect(await timelock.getFunction('queuedTransactions')(queuedHash(q))).toBe(true);
      const now = BigInt((await run.corpus.chain.provider.getBlock('latest'))!.timestamp);
      expect(now).toBeGreaterThan(readyDelayLowering.eta);
      expect(now).toBeLessThan(readyDelayLowering.eta + (await timelock.getFunction('GRACE_PERIOD')()));
    });

    it('every Uniswap and timelock scenario simulates without a revert: a queue meets the delay, an execute its eta', () => {
      for (const s of run.scenarios.filter((s) => /^(uni|compound)-/.test(s.name) && !s.reverts))
        expect(reviewOf(s.name).simulation.success, s.name).toBe(true);
    });

    it("enableFeeAmount raises no alarm, and the new entry is read by feeAmountTickSpacing(fee), keyed by the event's fee", () => {
      const r = reviewOf('uni-factory-enable-fee');
      expect(alarms(r)).toEqual([]);
      expect(codes('uni-factory-enable-fee')).not.toContain('UNEXPLAINED_STORAGE_WRITE');
      const slots = r.diff.contracts.find((c) => c.address === at(run.corpus.uniswap.factory))?.otherSlots;
      expect(slots?.map((s) => s.variable)).toEqual(['feeAmountTickSpacing(100)']);
    });

    it('setOwner to a stranger is critical from what the simulation saw', () => {
      expect(reviewOf('uni-factory-owner-to-stranger').worst).toBe('critical');
      expect(simulatedHandover(reviewOf('uni-factory-owner-to-stranger'), at(run.corpus.uniswap.factory))).toEqual({
        what: 'owner',
        before: run.corpus.safe,
        after: run.corpus.stranger,
      });
    });

    // Decided: no stranger gains the factory, but this Safe loses it as surely as by renouncing: high, not medium.
    it("setOwner to the team's other Safe is control handed over: high, not critical", () => {
      const r = reviewOf('uni-factory-owner-to-known-safe');
      expect(r.worst).toBe('high');
      expect(r.findings.find((f) => f.code === 'CONTROL_HANDED_OVER')?.evidence).toMatchObject({
        contract: at(run.corpus.uniswap.factory),
        what: 'owner',
        before: run.corpus.safe,
        after: run.corpus.uniswap.knownSafe,
      });
    });

    it('a queued enableFeeAmount, by signature or by selector in its data, is said to be queued with its eta and reviewed as that call', () => {
      const { governedFactory } = run.corpus.uniswap;
      const children = ['compound-queue-enable-fee', 'compound-queue-enable-fee-selector-in-data'].map((name) => {
        const r = reviewOf(name);
        expect(alarms(r), name).toEqual([]);
        expect(codes(name), name).not.toContain('UNEXPLAINED_STORAGE_WRITE');
        expect(r.decoded.summary, name).toMatch(
          /^Queues on timelock Uniswap Timelock \(.*\), to run from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(unix time \d+\): Calls enableFeeAmount\(uint24,int24\) on Uniswap V3 Factory \(governed\)/,
        );
        return r.decoded.actions[0]!.children[0]!;
      });
      for (const child of children) {
        expect(child.signature).toBe('enableFeeAmount(uint24,int24)');
        expect(child.to).toBe(at(governedFactory));
      }
      expect(children[0]!.data).toBe(children[1]!.data);
    });

    it('cancelling a queued call raises no alarm and names the call it cancels, without reviewing it as if it would run', () => {
      const r = reviewOf('compound-cancel');
      expect(alarms(r)).toEqual([]);
      expect(r.decoded.actions[0]!.children).toEqual([]);
      expect(r.decoded.summary).toMatch(
        /^Cancels on timelock Uniswap Timelock .* the call queued for .*: enableFeeAmount\(uint24,int24\) on Uniswap V3 Factory \(governed\)/,
      );
    });

    // Decided critical, as the OZ schedule of a handover is: once queued, a later executeTransaction (read as a
    // formality, "run what governance queued") hands the timelock, and everything it owns, to the stranger.
    it('a queued setPendingAdmin(stranger) and a queued factory setOwner(stranger) are critical, and said to be queued', () => {
      for (const name of ['compound-queue-pending-admin-stranger', 'compound-queue-factory-owner-stranger']) {
        const r = reviewOf(name);
        expect(r.worst, name).toBe('critical');
        const handover = r.findings.find((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS');
        expect(handover?.evidence, name).toMatchObject({ recipient: run.corpus.stranger });
        expect(handover?.explanation, name).toMatch(/^Queues on timelock Uniswap Timelock .*, to run from /);
      }
    });

    it('the queued setPendingAdmin(stranger), executed, is critical from what the simulation saw; cancelled, no alarm', () => {
      const timelock = at(run.corpus.uniswap.timelock);
      expect(simulatedHandover(reviewOf('compound-execute-pending-admin-stranger'), timelock)).toEqual({
        what: 'pending admin',
        before: ZeroAddress,
        after: run.corpus.stranger,
      });
      const cancel = reviewOf('compound-cancel-pending-admin-stranger');
      expect(alarms(cancel)).toEqual([]);
      expect(cancel.decoded.summary).toMatch(/the call queued for .*: setPendingAdmin\(address\) on Uniswap Timelock/);
    });

    // Decided high, not critical: Compound's Timelock refuses a delay under its MINIMUM_DELAY (2 days), so this is
    // less time to see and cancel a proposal, not none, which is what TIMELOCK_DELAY_REMOVED's critical is for.
    // The calldata's rule and the simulation's agree on the same timelock: one finding, the change the delay() getter
    // showed, not a group of two saying it twice.
    it("an executed setDelay down to the minimum is a lowered delay, read from the timelock's delay() getter: high", () => {
      const r = reviewOf('compound-execute-delay-lowering');
      expect(r.worst).toBe('high');
      const lowered = r.findings.filter((f) => f.code === 'TIMELOCK_DELAY_LOWERED');
      expect(lowered.map((f) => f.evidence)).toEqual([
        {
          contract: at(run.corpus.uniswap.timelock),
          before: String(7n * 24n * 3600n),
          after: String(2n * 24n * 3600n),
        },
      ]);
      expect(codes('compound-execute-delay-lowering')).not.toContain('TIMELOCK_DELAY_REMOVED');
    });

    it("a queued setDelay down to the minimum is lowered from the timelock's delay() now: high, and said to be queued", () => {
      const r = reviewOf('compound-queue-delay-lowering');
      expect(r.worst).toBe('high');
      // The timelock's own setDelay arrives as the child of queueTransaction, and the walk reaches it.
      expect(r.decoded.actions[0]!.children[0]).toMatchObject({
        signature: 'setDelay(uint256)',
        to: at(run.corpus.uniswap.timelock),
      });
      const lowered = r.findings.find((f) => f.code === 'TIMELOCK_DELAY_LOWERED');
      expect(lowered?.severity).toBe('high');
      expect(lowered?.evidence).toMatchObject({ current: String(7n * 24n * 3600n), next: String(2n * 24n * 3600n) });
      expect(lowered?.explanation).toMatch(
        /^Queues on timelock Uniswap Timelock .*, to run from .*: from 604800 s now to 172800 s\.$/,
      );
      expect(r.diff.delayChanges).toEqual([]);
    });

    // Decided high (the verdict's "change"), not honest: signed, it can never run before its eta, and Safe's GS013
    // reverts the whole transaction, so what the guardian must read is the timelock's own words, not "GS013" alone.
    it("an executeTransaction before its eta fails, and the review names the timelock's reason", () => {
      const r = reviewOf('compound-execute-before-eta');
      expect(r.simulation.success).toBe(false);
      const reverted = r.findings.find((f) => f.code === 'SIMULATION_REVERTED');
      expect(reverted?.severity).toBe('high');
      expect(reverted?.explanation).toContain("Timelock::executeTransaction: Transaction hasn't surpassed time lock.");
      expect(alarms(r)).not.toEqual([]);
    });
  });
}
