import { afterAll, beforeAll } from 'vitest';
import type { Review } from '../../electron/core/simulate/reviewSafeTx.js';
import { corpusScenarios, type Scenario } from './corpusScenarios.js';
import { deployCorpus, type Corpus } from './deployCorpus.js';
import { reviewScenario } from './reviewScenario.js';

/**
 * The corpus as one test file deploys and reviews it, shared by the per-family verdict modules that file imports:
 * deploying every protocol takes long enough that each family cannot have its own chain.
 */
export const run = {
  corpus: undefined as unknown as Corpus,
  scenarios: [] as Scenario[],
  reviews: new Map<string, Review>(),
};

/** Deploys the corpus and reviews every scenario before the file's tests, and stops the chain after them. */
export function deployAndReviewCorpus(): void {
  beforeAll(async () => {
    run.corpus = await deployCorpus();
    run.scenarios = await corpusScenarios(run.corpus);
    // Every review reads the same deployed state (a simulation changes nothing), so they run once, up front.
    for (const scenario of run.scenarios) run.reviews.set(scenario.name, await reviewScenario(run.corpus, scenario));
  });
  afterAll(async () => run.corpus?.stop());
}

export const reviewOf = (name: string): Review => {
  const review = run.reviews.get(name);
  if (!review) throw new Error(`no scenario named ${name}`);
  return review;
};

export const scenarioNamed = (name: string): Scenario => run.scenarios.find((s) => s.name === name)!;

/** The critical and high findings of a review, each as "CODE: explanation": what a verdict test compares. */
export const alarms = (r: Review) =>
  r.findings
    .filter((f) => f.severity === 'critical' || f.severity === 'high')
    .map((f) => `${f.code}: ${f.explanation}`);

export const events = (r: Review) => r.diff.events.map((e) => e.name);

/** The control handover the simulation saw at `contract` (not the calldata's claim): what, from whom, to whom. */
export const simulatedHandover = (r: Review, contract: string) => {
  const found = r.findings.find((f) => f.code === 'CONTROL_TO_UNKNOWN_ADDRESS' && f.evidence['contract'] === contract);
  return found && { what: found.evidence['what'], before: found.evidence['before'], after: found.evidence['after'] };
};
