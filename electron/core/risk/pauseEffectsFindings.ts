import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import type { RiskDiff } from '../primitives/riskDiffTypes.js';
import { finding, type Finding } from './finding.js';
import { pauseDirection } from './pauseFlags.js';
import { THROUGH_BEACON } from './simulationFindings.js';

/** Changes that are evidence: who controls a contract or the Safe, and what code runs. */
const CONTROL = new Set([
  'owner',
  'admin',
  'pending owner',
  'implementation',
  'beacon',
  'Safe singleton',
  'Safe owners',
  'Safe threshold',
  'Safe modules',
  'Safe guard',
  'Safe module guard',
  'Safe fallback handler',
]);

/**
 * A transaction that calls itself a pause, judged by what it does: a contract's `pause()` can be anything its
 * author wrote. Control changing, a role granted or value moving besides the pause is evidence (critical);
 * any other effect (a counter, a timestamp, a write nothing explains) is reported at a severity that does not
 * teach guardians to click through criticals.
 */
export function pauseEffectsFindings(decoded: DecodedTransaction, diff: RiskDiff): Finding[] {
  // A pause is a pause by its calldata (pause()) or by what it does: Optimism's pause(string) sets the same flag.
  const pauses = diff.contracts.some((c) => c.changes.some((change) => pauseDirection(change) === 'pause'));
  if (!decoded.classes.includes('emergency-pause') && !pauses) return [];
  const evidence: string[] = [];
  const other: string[] = [];
  const granted = new Set(diff.roleChanges.filter((r) => r.granted).map((r) => `${r.roleName} of ${r.account}`));
  for (const c of diff.contracts) {
    for (const change of c.changes) {
      if (pauseDirection(change) === 'pause') continue;
      // A proxy behind an upgraded beacon runs new code as surely as one upgraded itself.
      const control = CONTROL.has(change.what) || change.what.startsWith(THROUGH_BEACON);
      (control || granted.has(change.what) ? evidence : other).push(
        `${c.label}: ${change.what} ${change.before} → ${change.after}`,
      );
    }
    // A slot whose variable is the pause flag itself, keyed (isTargetClosed(target)), is the pause, not beside it.
    const pausedHere = new Set(c.changes.filter((ch) => pauseDirection(ch) === 'pause').map((ch) => ch.what));
    for (const slot of c.otherSlots.filter(
      (o) => !o.variable || !o.variable.split(', ').every((v) => pausedHere.has(v)),
    ))
      other.push(
        `${c.label}: ${slot.variable ?? slot.label ?? `storage slot ${slot.slot}`} changes${slot.unexplained ? ' (unexplained)' : ''}`,
      );
  }
  for (const m of diff.tokenMovements) evidence.push(`token ${m.token} held by ${m.holder}: ${m.before} → ${m.after}`);
  for (const m of diff.nativeMovements) evidence.push(`native balance of ${m.address}: ${m.before} → ${m.after}`);
  if (evidence.length > 0)
    return [
      finding(
        'PAUSE_WITH_OTHER_ACTIONS',
        `The simulation shows that besides pausing it changes: ${[...evidence, ...other].join('; ')}.`,
        { effects: [...evidence, ...other], evidence },
      ),
    ];
  if (other.length > 0)
    return [
      finding(
        'PAUSE_WITH_OTHER_EFFECTS',
        `Besides pausing, the simulation shows: ${other.join('; ')}. Nothing the console can read in it moves control or value.`,
        { effects: other },
      ),
    ];
  return [];
}
