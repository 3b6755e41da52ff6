import { describe, expect, it } from 'vitest';
import { isPauseFlag, pauseDirection } from './pauseFlags.js';

describe('pause flags: a bool getter whose name says paused', () => {
  it('reads paused, isPaused, a direction switch and a struct field as pause flags', () => {
    for (const what of ['paused', 'isPaused', 'depositsPaused', 'withdrawalsPaused', 'pausedDeposits', 'config.paused'])
      expect(isPauseFlag(what), what).toBe(true);
  });

  it("reads AccessManager's isTargetClosed(target), a keyed getter, as a pause flag: a target closed is a pause", () => {
    const what = 'isTargetClosed(0x71a9d115E322467147391c4a71D85F8e1cA623EF)';
    expect(isPauseFlag(what)).toBe(true);
    expect(pauseDirection({ what, before: 'false', after: 'true' })).toBe('pause');
    for (const other of [
      'closedAt',
      'isClosedBy(0x71a9d115E322467147391c4a71D85F8e1cA623EF)',
      'balanceOf(0x71a9d115E322467147391c4a71D85F8e1cA623EF)',
    ])
      expect(isPauseFlag(other), other).toBe(false);
  });

  it('does not read unpaused, a pause time, or a pauser as a pause flag', () => {
    for (const what of ['unpaused', 'isUnpaused', 'lastPauseTime', 'pauser', 'pauseGuardian', 'owner'])
      expect(isPauseFlag(what), what).toBe(false);
  });

  it('false → true is a pause, true → false an unpause, anything else neither', () => {
    expect(pauseDirection({ what: 'depositsPaused', before: 'false', after: 'true' })).toBe('pause');
    expect(pauseDirection({ what: 'withdrawalsPaused', before: 'true', after: 'false' })).toBe('unpause');
    // A timestamp named like a flag is not a switch flipped.
    expect(pauseDirection({ what: 'pausedUntil', before: '0', after: '1700000000' })).toBe(null);
    expect(pauseDirection({ what: 'unpaused', before: 'false', after: 'true' })).toBe(null);
  });
});
