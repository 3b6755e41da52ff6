import { join } from 'node:path';
import { BUILT_IN_SCENARIOS } from '../../core/drill/builtInScenarios.js';
import { latestDrillReport } from '../../core/drill/latestDrillReport.js';
import { GuardianError } from '../../core/errors.js';
import type { drillContract } from '../../ipc/drillContract.js';
import type { drillOverviewContract } from '../../ipc/drillOverviewContract.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function drillHandlers({
  services,
  drill,
}: Pick<HandlerContext, 'services' | 'drill'>): HandlersOf<typeof drillOverviewContract & typeof drillContract> {
  return {
    'drill.overview': () => {
      const scenarios = Object.entries(BUILT_IN_SCENARIOS).map(([id, s]) => ({
        id,
        name: s.name,
        description: s.description,
        guardians: s.guardians,
        threshold: s.threshold,
        steps: s.steps.map((step) => ({ label: step.label, expect: step.expect })),
      }));
      try {
        const report = latestDrillReport(join(services.dataDir, 'exports'));
        return { scenarios, latest: report ? { ...report, name: report.scenario.name } : null, latestFailure: null };
      } catch (error) {
        if (!(error instanceof GuardianError)) throw error;
        return { scenarios, latest: null, latestFailure: error.message };
      }
    },
    'drill.start': (request) => drill.start(request),
    'drill.progress': () => drill.read(),
  };
}
