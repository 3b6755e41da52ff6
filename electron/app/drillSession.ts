import { join } from 'node:path';
import { BUILT_IN_SCENARIOS } from '../core/drill/builtInScenarios.js';
import { DRILL_SIGNER_LABEL } from '../core/drill/drillDevice.js';
import { writeDrillReport } from '../core/drill/drillReport.js';
import { parseDrillScenario, type DrillScenario } from '../core/drill/drillScenario.js';
import type { DrillEvent } from '../core/drill/drillTimeline.js';
import { runDrill, type DrillResult } from '../core/drill/runDrill.js';
import { GuardianError, isGuardianError } from '../core/errors.js';
import { parseJsonText } from '../core/input/jsonText.js';
import type { Store } from '../core/store/openStore.js';

/** Where the scenario comes from: one that ships, or a team's own file, its text read by the renderer. */
export type DrillSource = { scenario: string } | { file: { name: string; text: string } };

export interface DrillProgress {
  state: 'idle' | 'running' | 'done' | 'failed';
  name: string | null;
  /** Who signs in this drill: never a guardian's Ledger, and every screen of the drill says so. */
  signer: string;
  guardians: number;
  threshold: number;
  steps: Array<{ label: string; expect: 'execute' | 'refuse' }>;
  events: DrillEvent[];
  report: { html: string; json: string } | null;
  failure: string | null;
}

function scenarioFrom(source: DrillSource): DrillScenario {
  if ('scenario' in source) {
    const builtIn = BUILT_IN_SCENARIOS[source.scenario];
    if (!builtIn)
      throw new GuardianError(
        'INVALID_INPUT',
        `No built-in drill "${source.scenario}". Built in: ${Object.keys(BUILT_IN_SCENARIOS).join(', ')}.`,
      );
    return builtIn;
  }
  return parseDrillScenario(parseJsonText(source.file.text, source.file.name), source.file.name);
}

/**
 * The drill the app runs in its main process (which owns anvil): one at a time, started and then read as it
 * goes, through the same event callback the CLI prints; at the end its report lands in exports/ and the audit
 * log records it, as `guardian drill run` does.
 */
export class DrillSession {
  private progress: DrillProgress = {
    state: 'idle',
    name: null,
    signer: DRILL_SIGNER_LABEL,
    guardians: 0,
    threshold: 0,
    steps: [],
    events: [],
    report: null,
    failure: null,
  };
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly run: (
      scenario: DrillScenario,
      onEvent: (event: DrillEvent) => void,
    ) => Promise<DrillResult> = runDrill,
    private readonly log?: (message: string, error: unknown) => void,
  ) {}

  start(source: DrillSource): DrillProgress {
    if (this.running)
      throw new GuardianError(
        'INVALID_INPUT',
        `The drill "${this.progress.name}" is still running: wait for its report before starting another.`,
      );
    const scenario = scenarioFrom(source);
    const events: DrillEvent[] = [];
    this.progress = {
      state: 'running',
      name: scenario.name,
      signer: DRILL_SIGNER_LABEL,
      guardians: scenario.guardians,
      threshold: scenario.threshold,
      steps: scenario.steps.map((s) => ({ label: s.label, expect: s.expect })),
      events,
      report: null,
      failure: null,
    };
    const progress = this.progress;
    this.running = this.run(scenario, (event) => void events.push(event))
      .then((result) => {
        const report = writeDrillReport(result, join(this.dataDir, 'exports'));
        this.store.appendAudit({
          kind: 'drill',
          details: {
            scenario: scenario.name,
            figures: result.figures,
            steps: result.steps.map((s) => ({
              label: s.label,
              expect: s.expect,
              outcome: s.outcome,
              passed: s.passed,
              worst: s.worst,
            })),
            report: report.json,
          },
        });
        Object.assign(progress, { state: 'done', report });
      })
      .catch((error: unknown) => {
        // A bug's details stay in the main process's log; the screen gets a sentence either way.
        if (!isGuardianError(error)) this.log?.('The drill failed', error);
        Object.assign(progress, {
          state: 'failed',
          failure: isGuardianError(error) ? error.message : 'The drill stopped on an internal error; see the log.',
        });
      })
      .finally(() => {
        this.running = null;
      });
    return this.read();
  }

  read(): DrillProgress {
    return { ...this.progress, events: [...this.progress.events] };
  }

  /** A shutdown, or a test, waits for the drill (and its anvil) to end. */
  async settled(): Promise<void> {
    await this.running;
  }
}
