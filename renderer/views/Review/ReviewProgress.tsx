import {
  SIMULATION_STAGES,
  STAGE_WORDS,
  type SimulationProgress,
  type SimulationStage,
} from '../../../electron/ipc/rendererFormatting.js';

/** The steps a review on a fork walks through, drawn as a row: done, the one running, and those to come. */
const SHOWN: readonly SimulationStage[] = SIMULATION_STAGES.filter((s) => s !== 'done');

export function ReviewProgress({ steps }: { steps: SimulationProgress[] }) {
  const latest = steps.at(-1);
  const reached = !latest ? -1 : latest.stage === 'done' ? SHOWN.length : SHOWN.indexOf(latest.stage);
  return (
    <div className="review-progress" data-testid="review-progress" aria-live="polite">
      <ol className="stepper">
        {SHOWN.map((stage, i) => (
          <li
            key={stage}
            data-stage={stage}
            className={i < reached ? 'step done' : i === reached ? 'step current' : 'step'}
          >
            <span className="dot" aria-hidden="true" />
            {STAGE_WORDS[stage]}
          </li>
        ))}
      </ol>
      <p className="muted" data-testid="review-progress-detail">
        {latest ? latest.detail : 'Starting the review…'}
      </p>
    </div>
  );
}
