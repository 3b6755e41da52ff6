import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT_IN_SCENARIOS } from '../../core/drill/builtInScenarios.js';
import { parseDrillScenario, type DrillScenario } from '../../core/drill/drillScenario.js';
import { drillAuditDetails } from '../../core/drill/drillAuditDetails.js';
import { writeDrillReport } from '../../core/drill/drillReport.js';
import { ownersReplacedLine } from '../../core/drill/bundleDrillOrigin.js';
import type { DrillEvent } from '../../core/drill/drillTimeline.js';
import { drillDuration } from '../../core/drill/drillDuration.js';
import { runBundleDrill } from '../../core/drill/runBundleDrill.js';
import { runDrill, type DrillResult } from '../../core/drill/runDrill.js';
import { GuardianError } from '../../core/errors.js';
import { defaultDataDir } from '../../core/store/dataDir.js';
import { auditedReviewBundle } from '../../core/bundle/importStationFile.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { readJsonFile } from '../../core/input/jsonFile.js';

function scenarioNamed(nameOrFile: string): DrillScenario {
  const builtIn = BUILT_IN_SCENARIOS[nameOrFile];
  if (builtIn) return builtIn;
  if (!nameOrFile.endsWith('.json'))
    throw new GuardianError(
      'INVALID_INPUT',
      `No built-in drill "${nameOrFile}". Built in: ${Object.keys(BUILT_IN_SCENARIOS).join(', ')}; or give a scenario file (.json).`,
    );
  return parseDrillScenario(readJsonFile(nameOrFile), nameOrFile);
}

const seconds = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(2)} s`);

function checkReportFolder(exportsDir: string): void {
  try {
    mkdirSync(exportsDir, { recursive: true });
    accessSync(exportsDir, constants.W_OK);
  } catch (cause) {
    throw new GuardianError(
      'STORE_READ_ONLY',
      `A drill writes its report to ${exportsDir}, which this user may not write; make the data folder writable or point GUARDIAN_DATA_DIR at one that is.`,
      { cause, details: { path: exportsDir } },
    );
  }
}

export const drillVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, from: { type: 'string' } },
      allowPositionals: true,
    });
    const [action, target] = positionals;
    if (action === 'list') {
      if (values.json) ctx.out.data(BUILT_IN_SCENARIOS);
      // One block of fields, so the descriptions line up under each other.
      else ctx.out.fields(Object.entries(BUILT_IN_SCENARIOS).map(([name, s]) => [name, `${s.name}: ${s.description}`]));
      return 0;
    }
    if (action !== 'run' || !target === (values.from === undefined))
      throw new GuardianError(
        'INVALID_INPUT',
        'Use "guardian drill list", "guardian drill run <scenario|file.json>" or "guardian drill run --from <bundle.json>".',
      );
    // The report and the audit entry are written at the end: a folder this user may not write is said before the
    // drill chain starts, not as a stack after the whole rehearsal.
    const exportsDir = join(defaultDataDir(ctx.env, process.platform, homedir()), 'exports');
    checkReportFolder(exportsDir);
    const show = (e: DrillEvent) => {
      if (values.json) return;
      const who = e.guardian === null ? 'team' : `guardian ${e.guardian + 1}`;
      ctx.streams.stderr.write(
        `${seconds(e.atMs).padStart(9)}  step ${e.step + 1}  ${who.padEnd(11)} ${e.kind.padEnd(9)} ${e.detail}\n`,
      );
    };
    const say = (line: string) => void (values.json || ctx.streams.stderr.write(`${line}\n`));
    let result: DrillResult;
    if (values.from !== undefined) {
      const file = values.from;
      const json = readJsonFile(file);
      // A refused bundle is recorded as an import's refusal is; the store is open only for that check.
      const check = (bundleJson: unknown, name: string) =>
        withStore(ctx, (store) => auditedReviewBundle(store, bundleJson, name));
      result = await runBundleDrill(json, file, {
        check,
        onEvent: show,
        // Said before anything is proposed, with --json too: the Safe on the drill chain is the team's, its owners are not.
        onPrepared: (origin) =>
          ctx.streams.stderr.write(
            `Drill from review bundle ${file}: its Safe ${origin.safe} (chain ${origin.chainId}, block ${origin.block}) on a fresh local drill chain, from its proven pre-state; ${ownersReplacedLine(origin)}. DRILL software signers stand in for the guardians' Ledgers.\n`,
          ),
      });
    } else {
      const scenario = scenarioNamed(target!);
      say(
        `Drill "${scenario.name}": a local drill chain, its Safe ${scenario.threshold} of ${scenario.guardians}, DRILL software signers standing in for the guardians' Ledgers.`,
      );
      result = await runDrill(scenario, show);
    }
    const report = writeDrillReport(result, exportsDir);
    await withStore(ctx, (store) =>
      store.appendAudit({
        kind: 'drill',
        details: drillAuditDetails(result, report.json),
      }),
    );
    const f = result.figures;
    if (values.json) ctx.out.data({ ...result, report });
    else {
      ctx.out.line(
        f.targetsMet
          ? ctx.out.good('Drill passed: every step as expected, within the targets.')
          : ctx.out.bad('Drill did NOT meet its targets.'),
      );
      ctx.out.fields(
        result.steps.map((s) => [
          s.label,
          `${s.passed ? 'ok' : 'NOT AS EXPECTED'}: ${s.outcome} (expected ${s.expect}); first glance ${s.worst ?? 'none'}${s.headline ? ` (${s.headline})` : ''}; quorum ${drillDuration(s.quorumMs)}`,
        ]),
      );
      if (result.bundle)
        ctx.out.fields([
          [
            'Bundle',
            `${result.bundle.file} (safeTxHash ${result.bundle.safeTxHash} on chain ${result.bundle.chainId})`,
          ],
          ['Drill Safe', ownersReplacedLine(result.bundle)],
        ]);
      ctx.out.fields([
        ['Traps refused', `${f.trapsRefused} (signed and executed: ${f.trapsSigned})`],
        ['Slowest quorum', `${drillDuration(f.worstQuorumMs)} (target under ${drillDuration(f.quorumTargetMs)})`],
        ...(f.executionTargetMs === null
          ? []
          : [
              [
                'Slowest execution',
                `${drillDuration(f.worstExecutionMs)} (target under ${drillDuration(f.executionTargetMs)})`,
              ] as [string, string],
            ]),
        ['Report', report.html],
        ['Report JSON', report.json],
      ]);
    }
    return f.targetsMet ? 0 : 1;
  },
};
