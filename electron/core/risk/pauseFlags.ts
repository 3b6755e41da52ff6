import type { Change } from '../primitives/riskDiffTypes.js';

/**
 * A flag whose name says it pauses: `paused`, `isPaused`, `depositsPaused`, `withdrawalsPaused`, `pausedDeposits`,
 * a struct getter's `config.paused`. Bridges and pools pause one direction at a time and name each switch so;
 * `unpaused` says the opposite and is not one.
 */
const PAUSE_NAME = /^(is)?paused|paused$/i;
const lastName = (what: string) => what.slice(what.lastIndexOf('.') + 1);

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
