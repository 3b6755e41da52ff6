import type { DrillStepResult } from './drillTimeline.js';
import type { ControlPrediction, ReadBack } from './predictedControls.js';
import { unpredictedSafeControls, type SafeControlsAround } from './safeControls.js';

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
 * value, or could not run, there is nothing of its own to read back: the Safe's own word (ExecutionSuccess,
 * checked by executeQueueItem) stands for an honest step, and a trap is verified by not having executed. Either
 * way the Safe's own controls (`safeControls`, read before the proposal and after the step) that the review did
 * not predict must read as before. The reading names every value checked, or says that none was.
 */
export async function checkEffect(
  expect: 'execute' | 'refuse',
  outcome: DrillStepResult['outcome'],
  prediction: StepPrediction,
  safeControls?: SafeControlsAround,
): Promise<{ verifiedOnChain: boolean; reading: string }> {
  const executed = outcome === 'executed';
  if (expect === 'execute' && !executed) return { verifiedOnChain: false, reading: 'not executed' };
  const own = (values: readonly { contract: string; what: string }[]) => {
    if (!safeControls) return null;
    const predicted = new Set(
      values.filter((v) => v.contract.toLowerCase() === safeControls.safe.toLowerCase()).map((v) => v.what),
    );
    const held = unpredictedSafeControls(safeControls, predicted);
    return held.checked === 0 ? null : held;
  };
  const withOwn = (result: { verifiedOnChain: boolean; reading: string }, values: readonly ReadBack[] = []) => {
    const held = own(values);
    return held
      ? { verifiedOnChain: result.verifiedOnChain && held.unchanged, reading: `${result.reading}; ${held.reading}` }
      : result;
  };
  if ('failure' in prediction || prediction.values.length === 0) {
    const why =
      'failure' in prediction
        ? `the review could not predict this call's effect (${prediction.failure})`
        : `the review predicted no change of a control value (${CONTROL_VALUES})`;
    return withOwn(
      expect === 'execute'
        ? {
            verifiedOnChain: true,
            reading: `${why}; the Safe reported ExecutionSuccess${own([]) ? '' : ', and nothing was read back'}`,
          }
        : { verifiedOnChain: !executed, reading: `${executed ? 'executed' : 'not executed'}; ${why}` },
    );
  }
  const values = await prediction.readBack();
  return withOwn(
    {
      verifiedOnChain: values.every((v) => v.reads === (expect === 'execute' ? v.after : v.before)),
      reading: values.map((v) => line(v, expect)).join('; '),
    },
    values,
  );
}
