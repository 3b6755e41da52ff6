import type { Change } from '../primitives/riskDiffTypes.js';

/**
 * A flag whose name says it pauses: `paused`, `isPaused`, `depositsPaused`, `withdrawalsPaused`, `pausedDeposits`,
 * a struct getter's `config.paused`. Bridges and pools pause one direction at a time and name each switch so;
 * `unpaused` says the opposite and is not one. OpenZeppelin 5's AccessManager stops a whole target instead,
 * read by `isTargetClosed(target)`: every restricted function of it refuses every caller, a pause by another name.
 */
const PAUSE_NAME = /^(is)?paused|paused$|^is(target)?closed$/i;
/** The flag's own name: a struct getter's field (`config.paused`), a keyed getter without its key (`isTargetClosed(0x…)`). */
const lastName = (what: string) => {
  const bare = what.replace(/\([^()]*\)$/, '');
  return bare.slice(bare.lastIndexOf('.') + 1);
};

export function isPauseFlag(what: string): boolean {
  const name = lastName(what);
  return PAUSE_NAME.test(name) && !/unpaused/i.test(name);
}

/** A pause flag set (false → true) is a pause, cleared (true → false) an unpause; any other change is neither. */
export function pauseDirection(change: Pick<Change, 'what' | 'before' | 'after'>): 'pause' | 'unpause' | null {
  if (!isPauseFlag(change.what)) return null;
  if (change.before === 'false' && change.after === 'true') return 'pause';
  if (change.before === 'true' && change.after === 'false') return 'unpause';
  return null;
}
