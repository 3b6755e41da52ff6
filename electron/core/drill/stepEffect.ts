import type { DrillStepResult } from './drillTimeline.js';
import type { ControlPrediction, ReadBack } from './predictedControls.js';

/** What the step's review predicted of its effect, or why it could not. */
export type StepPrediction = ControlPrediction | { failure: string };

const CONTROL_VALUES =
  'owners, threshold, modules, guard, implementation, admin, owner, paused, roles, delays and the like';

const named = (v: ReadBack) => `${v.what} of ${v.label}`;

function line(v: ReadBack, expect: 'execute' | 'refuse'): string {
  if (expect === 'execute')
    return v.reads === v.after
      ? `${named(v)}: ${v.before} -> ${v.after} read back`
      : `${named(v)}: predicted ${v.before} -> ${v.after}, reads ${v.reads}`;
  return v.reads === v.before
    ? `${named(v)}: still ${v.before} (the trap would have made it ${v.after})`
    : `${named(v)}: reads ${v.reads}, not ${v.before} (the trap would have made it ${v.after})`;
}

/**
 * An honest step is verified when it executed and every control value its review predicted reads back as
 * predicted; a trap when each of them still reads as before. Where the review predicted no change of a control
 * value, or could not run, there is nothing to read back: the Safe's own word (ExecutionSuccess, checked by
 * executeQueueItem) stands for an honest step, and a trap is verified by not having executed. The reading
 * names every value checked, or says that none was.
 */
export async function checkEffect(
  expect: 'execute' | 'refuse',
  outcome: DrillStepResult['outcome'],
  prediction: StepPrediction,
): Promise<{ verifiedOnChain: boolean; reading: string }> {
  const executed = outcome === 'executed';
  if (expect === 'execute' && !executed) return { verifiedOnChain: false, reading: 'not executed' };
  if ('failure' in prediction || prediction.values.length === 0) {
    const why =
      'failure' in prediction
        ? `the review could not predict this call's effect (${prediction.failure})`
        : `the review predicted no change of a control value (${CONTROL_VALUES})`;
    return expect === 'execute'
      ? { verifiedOnChain: true, reading: `${why}; the Safe reported ExecutionSuccess, and nothing was read back` }
      : { verifiedOnChain: !executed, reading: `${executed ? 'executed' : 'not executed'}; ${why}` };
  }
  const values = await prediction.readBack();
  return {
    verifiedOnChain: values.every((v) => v.reads === (expect === 'execute' ? v.after : v.before)),
    reading: values.map((v) => line(v, expect)).join('; '),
  };
}
