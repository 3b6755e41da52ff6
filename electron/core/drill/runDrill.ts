import type { BundleDrillOrigin } from './bundleDrillOrigin.js';
import { startDrillChain, type DrillChain } from './drillChain.js';
import { drillContractNames } from './drillContractNames.js';
import { DRILL_CHAIN_ID, DRILL_SIGNER_LABEL } from './drillDevice.js';
import type { DrillScenario } from './drillScenario.js';
import { drillFigures, type DrillEvent, type DrillFigures, type DrillStepResult } from './drillTimeline.js';
import { drillSafeTx } from './drillTransactions.js';
import { runDrillSteps, type PlannedStep } from './runDrillSteps.js';

/** What a report says of the drill it ran: a scenario's shape, or that of a drill planned from a review bundle. */
export type DrillPlanSummary = Pick<
  DrillScenario,
  'name' | 'description' | 'emergency' | 'guardians' | 'threshold' | 'targets'
> & { steps: Array<{ label: string; action: string; expect: 'execute' | 'refuse' }> };

export interface DrillResult {
  scenario: DrillPlanSummary;
  startedAt: string;
  chainId: string;
  safe: string;
  /** The drill's own contracts by the names every guardian's console knew them by. */
  contracts?: Array<{ address: string; name: string }>;
  guardians: string[];
  signer: string;
  events: DrillEvent[];
  steps: DrillStepResult[];
  figures: DrillFigures;
  /** Where a drill from a review bundle came from, and what of the team's Safe it changed (its owners). */
  bundle?: BundleDrillOrigin;
}

export interface RunDrillOptions {
  /** See DrillStepsOptions.afterExecution: here with the drill chain, its Vault and its Safe, to act on. */
  afterExecution?: (step: number, chain: DrillChain) => Promise<void>;
}

/** The clock and event log every drill keeps: milliseconds since it started, each moment passed to `onEvent`. */
export function drillClock(onEvent: (event: DrillEvent) => void) {
  const started = Date.now();
  const events: DrillEvent[] = [];
  const emit = (step: number, kind: DrillEvent['kind'], guardian: number | null, detail: string) => {
    const event = { step, kind, guardian, atMs: Date.now() - started, detail };
    events.push(event);
    onEvent(event);
    return event.atMs;
  };
  return { startedAt: new Date(started).toISOString(), events, emit };
}

/**
 * A rehearsal with drill signers standing in for the guardians: each step is proposed through a local
 * Transaction Service; each guardian, at a console of their own (own store), pulls it, reviews it on the drill
 * chain and signs or refuses as the console's verdict says (refused on any critical finding, as the gate
 * demands an explicit acknowledgement); the threshold's last signer executes; every control value the step's review
 * predicted is read back from the chain. Every moment is timed, and the result says which traps were refused and how long quorum took.
 */
export async function runDrill(
  scenario: DrillScenario,
  onEvent: (event: DrillEvent) => void = () => {},
  options: RunDrillOptions = {},
): Promise<DrillResult> {
  const { startedAt, events, emit } = drillClock(onEvent);
  const chain = await startDrillChain({ guardians: scenario.guardians, threshold: scenario.threshold });
  try {
    const plan = scenario.steps.map((step): PlannedStep => ({
      ...step,
      safeTx: (nonce) => drillSafeTx(chain, step.action, nonce, DRILL_CHAIN_ID),
    }));
    const contracts = drillContractNames(chain);
    const stage = { ...chain, safeVersion: '1.4.1', abis: contracts };
    const { afterExecution } = options;
    const steps = await runDrillSteps(
      stage,
      plan,
      emit,
      afterExecution ? { afterExecution: (step) => afterExecution(step, chain) } : {},
    );
    return {
      scenario,
      startedAt,
      chainId: DRILL_CHAIN_ID.toString(),
      safe: chain.safe,
      contracts: contracts.map(({ address, name }) => ({ address, name })),
      guardians: chain.guardians,
      signer: DRILL_SIGNER_LABEL,
      events,
      steps,
      figures: drillFigures(steps, scenario.targets),
    };
  } finally {
    await chain.stop();
  }
}
