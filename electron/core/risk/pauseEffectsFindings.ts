import type { DecodedTransaction } from '../decode/decodedTransaction.js';
import type { RiskDiff } from '../simulate/riskDiff.js';
import { finding, type Finding } from './finding.js';

/**
 * A transaction that calls itself a pause, judged by what it does: a contract's `pause()` can be anything its
 * author wrote. Anything besides flipping paused to true (another variable, an owner, a balance, a role) is
 * what a signer in a hurry would miss.
 */
export function pauseEffectsFindings(decoded: DecodedTransaction, diff: RiskDiff): Finding[] {
  if (!decoded.classes.includes('emergency-pause')) return [];
  const effects: string[] = [];
  for (const c of diff.contracts) {
    for (const change of c.changes) if (!(change.what === 'paused' && change.after === 'true')) effects.push(`${c.label}: ${change.what} ${change.before} → ${change.after}`);
    for (const slot of c.otherSlots) effects.push(`${c.label}: ${slot.variable ?? slot.label ?? `storage slot ${slot.slot}`} changes`);
  }
  for (const m of diff.tokenMovements) effects.push(`token ${m.token} held by ${m.holder}: ${m.before} → ${m.after}`);
  for (const m of diff.nativeMovements) effects.push(`native balance of ${m.address}: ${m.before} → ${m.after}`);
  if (effects.length === 0) return [];
  return [finding('PAUSE_WITH_OTHER_ACTIONS', `The simulation shows that besides pausing it changes: ${effects.join('; ')}.`, { effects })];
}
