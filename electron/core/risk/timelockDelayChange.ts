import type { FindingCode } from './severityPolicy.js';

/** Setting a timelock's delay, in OpenZeppelin's TimelockController and in Compound's Timelock (and its forks). */
export const SETS_DELAY = new Set(['updateDelay(uint256)', 'setDelay(uint256)']);

/**
 * The shortest delay that still leaves the guardians a window to act, in seconds: one hour. A timelock protects
 * only if, between a hostile proposal's queueing and its eta, someone sees it, reads it, and gathers a quorum of
 * hardware-wallet signatures on its cancellation. That is never done in seconds or minutes: a delay of 60 s
 * protects no more than none does, so it is judged as removed (critical), not merely lowered (high). An hour is
 * a floor, not a target: a team whose emergency target is longer still sees every lowering above it as high, and
 * a delay raised from under the floor is a raise, not a removal. Used by the calldata's rule and the
 * simulation's alike, so the two never disagree on the same change.
 */
export const SHORTEST_DELAY_TO_REACT = 3600n;

type DelayChangeCode = Extract<
  FindingCode,
  'TIMELOCK_DELAY_REMOVED' | 'TIMELOCK_DELAY_LOWERED' | 'TIMELOCK_DELAY_CHANGED'
>;

/** How a new delay is judged against the delay now (unknown when the timelock did not answer). */
export function delayChangeCode(next: bigint, current: bigint | undefined): DelayChangeCode {
  if (next < SHORTEST_DELAY_TO_REACT && (current === undefined || next < current)) return 'TIMELOCK_DELAY_REMOVED';
  if (current !== undefined && next < current) return 'TIMELOCK_DELAY_LOWERED';
  return 'TIMELOCK_DELAY_CHANGED';
}

/** Why a delay under the floor is as good as none, for the finding's sentence. */
export function removedBecause(next: bigint): string {
  return next === 0n
    ? 'to none: whatever is proposed after it runs at once'
    : `to ${next} s, under the ${SHORTEST_DELAY_TO_REACT} s the guardians need to see and cancel a proposal: whatever is proposed after it runs before anyone can react`;
}
