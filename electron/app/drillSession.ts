import { basename, join } from 'node:path';
import { auditedReviewBundle } from '../core/bundle/importStationFile.js';
import { BUILT_IN_SCENARIOS } from '../core/drill/builtInScenarios.js';
import { drillAuditDetails } from '../core/drill/drillAuditDetails.js';
import { DRILL_SIGNER_LABEL } from '../core/drill/drillDevice.js';
import { writeDrillReport } from '../core/drill/drillReport.js';
import { parseDrillScenario, type DrillScenario } from '../core/drill/drillScenario.js';
import type { DrillEvent } from '../core/drill/drillTimeline.js';
import { runBundleDrill } from '../core/drill/runBundleDrill.js';
import { runDrill, type DrillPlanSummary, type DrillResult } from '../core/drill/runDrill.js';
import { GuardianError, isGuardianError } from '../core/errors.js';
import { parseJsonText } from '../core/input/jsonText.js';
import type { Store } from '../core/store/openStore.js';
import { bundleDrillSummary, type BundleDrillSummary } from './bundleDrillSummary.js';

/**
 * Where the drill comes from: one that ships, a team's own scenario file, or a review bundle (the transaction it
 * carries rehearsed on its own Safe's proven state); a file's text is read by the renderer.
 */
export type DrillSource =
  { scenario: string } | { file: { name: string; text: string } } | { bundle: { name: string; text: string } };

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
  /** A drill from a review bundle: where it came from, and that its owners were replaced by drill keys. */
  bundle: BundleDrillSummary | null;
}

function scenarioFrom(source: { scenario: string } | { file: { name: string; text: string } }): DrillScenario {
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

function runningProgress(
  plan: Pick<DrillPlanSummary, 'name' | 'guardians' | 'threshold' | 'steps'>,
  events: DrillEvent[],
  bundle: BundleDrillSummary | null,
): DrillProgress {
  return {
    state: 'running',
    name: plan.name,
    signer: DRILL_SIGNER_LABEL,
    guardians: plan.guardians,
    threshold: plan.threshold,
    steps: plan.steps.map((s) => ({ label: s.label, expect: s.expect })),
    events,
    report: null,
    failure: null,
    bundle,
  };
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
    bundle: null,
  };
  private running: { name: string; done: Promise<void> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly run: (
      scenario: DrillScenario,
      onEvent: (event: DrillEvent) => void,
    ) => Promise<DrillResult> = runDrill,
    private readonly log?: (message: string, error: unknown) => void,
  ) {}

  /**
   * A scenario's drill is running when this returns. A bundle's is checked first: this returns once the bundle
   * held and the drill chain is ready, or rejects with the refusal's code, the progress left as it was.
   */
  async start(source: DrillSource): Promise<DrillProgress> {
    if (this.running)
      throw new GuardianError(
        'INVALID_INPUT',
        `The drill "${this.running.name}" is still running: wait for its report before starting another.`,
      );
    if ('bundle' in source) return this.startBundle(source.bundle);
    const scenario = scenarioFrom(source);
    const events: DrillEvent[] = [];
    const progress = runningProgress(scenario, events, null);
    this.progress = progress;
    this.follow(
      scenario.name,
      this.run(scenario, (event) => void events.push(event)),
      () => progress,
    );
    return this.read();
  }

  private async startBundle(file: { name: string; text: string }): Promise<DrillProgress> {
    const json = parseJsonText(file.text, file.name);
    const events: DrillEvent[] = [];
    let progress: DrillProgress | null = null;
    let ready = () => {};
    const prepared = new Promise<void>((resolve) => (ready = resolve));
    const result = runBundleDrill(json, file.name, {
      check: (bundleJson, name) => auditedReviewBundle(this.store, bundleJson, name),
      onEvent: (event) => void events.push(event),
      onPrepared: (origin, plan) => {
        progress = runningProgress(plan, events, bundleDrillSummary(origin));
        this.progress = progress;
        ready();
      },
    });
    this.follow(`Review bundle ${basename(file.name)}`, result, () => progress);
    // Until the drill chain is ready nothing shows as running: a refused bundle is the start's own failure,
    // answered once the session is free again, so the guardian can pick another file at once.
    try {
      await Promise.race([result, prepared]);
    } catch (error) {
      await this.settled();
      throw error;
    }
    return this.read();
  }

  /** Records the drill once it ends (report, audit entry), or why it stopped, in the progress it was started with. */
  private follow(name: string, result: Promise<DrillResult>, started: () => DrillProgress | null): void {
    const done = result
      .then((result) => {
        const report = writeDrillReport(result, join(this.dataDir, 'exports'));
        this.store.appendAudit({ kind: 'drill', details: drillAuditDetails(result, report.json) });
        Object.assign(started()!, { state: 'done', report });
      })
      .catch((error: unknown) => {
        const progress = started();
        // Refused before it started: the start itself answers with the error, and no progress changes.
        if (!progress) return;
        // A bug's details stay in the main process's log; the screen gets a sentence either way.
        if (!isGuardianError(error)) this.log?.('The drill failed', error);
        Object.assign(progress, {
          state: 'failed',
          failure: isGuardianError(error)
            ? `${error.message} [${error.code}]`
            : 'The drill stopped on an internal error; see the log.',
        });
      })
      .finally(() => {
        this.running = null;
      });
    this.running = { name, done };
  }

  read(): DrillProgress {
    return { ...this.progress, events: [...this.progress.events] };
  }

  /** A shutdown, or a test, waits for the drill (and its anvil) to end. */
  async settled(): Promise<void> {
    await this.running?.done;
  }
}
