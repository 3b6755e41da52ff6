import { getAddress, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { getActionsCall } from '../../electron/core/decode/proposalActions.js';
import { alarms, events, reviewOf, run, simulatedHandover } from './corpusRun.js';
import { CANCELLER_ROLE, GOVERNOR_TIMELOCK_DELAY } from './deployGovernor.js';

/** GovernorAlpha's ProposalState. */
const ACTIVE = 1n;
const SUCCEEDED = 4n;
const QUEUED = 5n;

/** Uniswap's GovernorAlpha over its own timelock, and a security council's TimelockController, in the corpus's one run. */
export function describeGovernorVerdicts(): void {
  describe("Uniswap's GovernorAlpha and UNI from their published bytecode, and a security council's canceller", () => {
    const at = (c: { target: unknown }) => getAddress(c.target as string);
    const proposing =
      /^Proposes on governor Uniswap GovernorAlpha \(.*\), to run through its timelock if the vote passes: /;

    it("the governor is its timelock's admin, which owns the factory; the Safe's 50M UNI meet quorum; the proposals are where each scenario needs them", async () => {
      const { uni, governor, timelock, factory, council, pendingProposerGrant, actions } = run.corpus.governor;
      const g = run.corpus.governor;
      expect(await timelock.getFunction('admin')()).toBe(at(governor));
      expect(await timelock.getFunction('delay')()).toBe(GOVERNOR_TIMELOCK_DELAY);
      expect(await factory.getFunction('owner')()).toBe(at(timelock));
      const votes = (await uni.getFunction('getCurrentVotes')(run.corpus.safe)) as bigint;
      expect(votes).toBeGreaterThanOrEqual(await governor.getFunction('quorumVotes')());
      expect(votes).toBeGreaterThan(await governor.getFunction('proposalThreshold')());
      const state = (id: bigint) => governor.getFunction('state')(id);
      expect(await state(g.activeFee)).toBe(ACTIVE);
      expect(await state(g.activePendingAdmin)).toBe(ACTIVE);
      expect(await state(g.succeededFee)).toBe(SUCCEEDED);
      expect(await state(g.succeededOwnerHandover)).toBe(SUCCEEDED);
      expect(await state(g.readyFee)).toBe(QUEUED);
      expect(await state(g.readyPendingAdmin)).toBe(QUEUED);
      const now = BigInt((await run.corpus.chain.provider.getBlock('latest'))!.timestamp);
      for (const id of [g.readyFee, g.readyPendingAdmin]) {
        expect(((await governor.getFunction('proposals')(id)) as { eta: bigint }).eta).toBeLessThan(now);
        // What the governor holds is what the deployment proposed: getActions reads it back.
        const [targets, , signatures, calldatas] = (await governor.getFunction('getActions')(id)) as string[][];
        expect({ targets, signatures, calldatas }).toMatchObject({
          targets: actions.get(id)!.targets,
          signatures: actions.get(id)!.signatures,
          calldatas: actions.get(id)!.calldatas,
        });
      }
      expect(await council.getFunction('hasRole')(CANCELLER_ROLE, run.corpus.safe)).toBe(true);
      expect(await council.getFunction('hasRole')(await council.getFunction('PROPOSER_ROLE')(), run.corpus.safe)).toBe(
        false,
      );
      expect(await council.getFunction('isOperationPending')(pendingProposerGrant.id)).toBe(true);
    });

    it('every governance and council scenario simulates without a revert', () => {
      for (const s of run.scenarios.filter((s) => /^(gov|council)-/.test(s.name)))
        expect(reviewOf(s.name).simulation.success, s.name).toBe(true);
    });

    it('a vote for the open fee proposal raises no alarm and says which proposal, which way, and what it would do', () => {
      const r = reviewOf('gov-cast-vote');
      expect(alarms(r)).toEqual([]);
      expect(r.decoded.summary).toMatch(
        new RegExp(
          `^Votes for proposal ${run.corpus.governor.activeFee} on governor Uniswap GovernorAlpha \\(.*\\), which would: Calls enableFeeAmount\\(uint24,int24\\) on Uniswap V3 Factory \\(DAO\\)`,
        ),
      );
      // What the governor holds for the proposal, read by getActions at the pre-state: the call itself.
      expect(r.decoded.actions[0]!.children[0]).toMatchObject({
        to: at(run.corpus.governor.factory),
        signature: 'enableFeeAmount(uint24,int24)',
        args: [expect.objectContaining({ value: '600' }), expect.objectContaining({ value: '12' })],
      });
      expect(events(r)).toContain('VoteCast');
      // Asked with the simulation, not after it: carried with the pre-state, and no request of its own.
      expect(r.simulation.preStateCalls).toContainEqual(
        expect.objectContaining({
          to: at(run.corpus.governor.governor),
          data: getActionsCall(run.corpus.governor.activeFee),
        }),
      );
    });

    // Decided critical, as proposing it is: the vote's calldata names only a number, and the Safe's 50M UNI are
    // over the quorum on their own, so the proposal may pass because of this very signature.
    it("a vote for the open proposal handing the timelock's admin to a stranger is critical, from what the governor holds for it", () => {
      const r = reviewOf('gov-vote-for-pending-admin-stranger');
      expect(r.worst).toBe('critical');
      const handover = r.findings.find((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS');
      expect(handover?.evidence).toMatchObject({ recipient: run.corpus.stranger });
      expect(handover?.explanation).toMatch(
        new RegExp(
          `^Votes for proposal ${run.corpus.governor.activePendingAdmin} on governor Uniswap GovernorAlpha \\(.*\\), which would: Names .* the pending admin of Uniswap governance Timelock \\(`,
        ),
      );
    });

    it('a vote against the same proposal helps nothing pass: no alarm, and it says which way', () => {
      const r = reviewOf('gov-vote-against-pending-admin-stranger');
      expect(alarms(r)).toEqual([]);
      expect(r.decoded.summary).toMatch(
        new RegExp(
          `^Votes against proposal ${run.corpus.governor.activePendingAdmin} on governor Uniswap GovernorAlpha`,
        ),
      );
      expect(r.decoded.actions[0]!.children).toEqual([]);
    });

    it('a proposal of a fee tier is said to be proposed, and its action reviewed as that call: no alarm', () => {
      const r = reviewOf('gov-propose-fee');
      expect(alarms(r)).toEqual([]);
      expect(r.decoded.summary).toMatch(
        new RegExp(`${proposing.source}Calls enableFeeAmount\\(uint24,int24\\) on Uniswap V3 Factory \\(DAO\\)`),
      );
      expect(r.decoded.actions[0]!.children[0]).toMatchObject({
        to: at(run.corpus.governor.factory),
        signature: 'enableFeeAmount(uint24,int24)',
      });
      expect(events(r)).toContain('ProposalCreated');
    });

    it('queueing and executing a passed fee proposal raise no alarm; the execution enables the tier', () => {
      const queued = reviewOf('gov-queue-fee');
      expect(alarms(queued)).toEqual([]);
      expect(events(queued)).toEqual(expect.arrayContaining(['QueueTransaction', 'ProposalQueued']));
      const executed = reviewOf('gov-execute-fee');
      expect(alarms(executed)).toEqual([]);
      expect(executed.decoded.summary).toMatch(
        new RegExp(`^Executes proposal ${run.corpus.governor.readyFee} of governor Uniswap GovernorAlpha`),
      );
      const factory = executed.diff.contracts.find((c) => c.address === at(run.corpus.governor.factory));
      expect(factory?.otherSlots?.map((s) => s.variable)).toEqual(['feeAmountTickSpacing(400)']);
    });

    // Decided critical, as a timelock's scheduled handover is: a proposal is public for days, but GovernorAlpha
    // needs only a quorum of votes, and a low-turnout vote passes with the proposer's own delegates. Once passed,
    // anyone can queue and execute it, so the Safe that proposes it is the last signature that decides.
    it("a proposal handing the timelock's admin, or the factory it owns, to a stranger is critical and said to be proposed", () => {
      for (const name of ['gov-propose-pending-admin-stranger', 'gov-propose-factory-owner-stranger']) {
        const r = reviewOf(name);
        expect(r.worst, name).toBe('critical');
        const handover = r.findings.find((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS');
        expect(handover?.evidence, name).toMatchObject({ recipient: run.corpus.stranger });
        expect(handover?.explanation, name).toMatch(proposing);
      }
    });

    // Decided critical: queue(id) names only a number, and once queued the handover runs at its eta for whoever
    // calls execute. What it queues is read from the trace (the governor's call to queueTransaction), not the calldata.
    it('queueing a passed setOwner(stranger) is critical from what the trace shows the governor queue in its timelock', () => {
      const r = reviewOf('gov-queue-factory-owner-stranger');
      expect(r.worst).toBe('critical');
      const queued = r.findings.find((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS');
      expect(queued?.evidence).toEqual({
        timelock: at(run.corpus.governor.timelock),
        queuedBy: at(run.corpus.governor.governor),
        contract: at(run.corpus.governor.factory),
        signature: 'setOwner(address)',
        recipient: run.corpus.stranger,
      });
      expect(queued?.explanation).toMatch(
        /^Uniswap GovernorAlpha \(.*\) queues on timelock Uniswap governance Timelock \(.*\), to run from unix time \d+: setOwner\(address\) on Uniswap V3 Factory \(DAO\)/,
      );
      // The passed fee proposal queued the same way stays quiet: the rule reads what is queued, not that something is.
      expect(alarms(reviewOf('gov-queue-fee'))).toEqual([]);
    });

    it("executing the passed setPendingAdmin(stranger) is critical from what the simulation saw at the governor's timelock", () => {
      expect(
        simulatedHandover(reviewOf('gov-execute-pending-admin-stranger'), at(run.corpus.governor.timelock)),
      ).toEqual({ what: 'pending admin', before: ZeroAddress, after: run.corpus.stranger });
    });

    // The proposal's tally, eta and packed flags and the vote's receipt are each read by one of the governor's own
    // getters, keyed by the proposal and the voter its events name in their data. (A proposal's own arrays are
    // answered only by getActions, which no getter comparison reads: propose keeps its medium.)
    it('an honest vote, queue and execution leave no write at the governor that its own getters do not read', () => {
      const { activeFee, governor: g } = run.corpus.governor;
      const vote = reviewOf('gov-cast-vote').diff.contracts.find((c) => c.address === at(g));
      const named = vote?.otherSlots.map((s) => s.variable).join('; ');
      expect(named).toContain(`proposals(${activeFee}).forVotes`);
      expect(named).toContain(`getReceipt(${activeFee}, ${run.corpus.safe}).votes`);
      const governorAt = at(run.corpus.governor.governor);
      for (const name of [
        'gov-cast-vote',
        'gov-vote-against-pending-admin-stranger',
        'gov-queue-fee',
        'gov-execute-fee',
      ]) {
        const r = reviewOf(name);
        const governor = r.diff.contracts.find((c) => c.address === governorAt);
        expect(
          governor?.otherSlots.filter((s) => s.unexplained !== undefined),
          name,
        ).toEqual([]);
        expect(
          r.findings.map((f) => f.code),
          name,
        ).not.toContain('UNEXPLAINED_STORAGE_WRITE');
      }
    });

    it("the council's cancel of a pending operation raises no alarm and names the operation by its whole id", () => {
      const r = reviewOf('council-cancel-proposer-grant');
      expect(alarms(r)).toEqual([]);
      expect(r.decoded.summary).toMatch(
        new RegExp(
          `^Cancels timelock operation ${run.corpus.governor.pendingProposerGrant.id} on Security council TimelockController \\(`,
        ),
      );
      expect(events(r)).toContain('Cancelled');
    });

    // Decided high, the verdict's "change": no stranger gains anything, but the council can no longer stop a
    // hostile operation, and only the timelock's own admin (a proposal through it) could give the role back.
    it('the Safe renouncing its own CANCELLER_ROLE is control given up: high', () => {
      const r = reviewOf('council-renounce-canceller');
      expect(r.worst).toBe('high');
      expect(r.findings.find((f) => f.code === 'CONTROL_RENOUNCED')?.evidence).toMatchObject({
        contract: at(run.corpus.governor.council),
        roleName: 'CANCELLER_ROLE',
        account: run.corpus.safe,
        granted: false,
      });
    });
  });
}
