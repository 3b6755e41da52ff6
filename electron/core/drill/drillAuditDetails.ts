import type { DrillResult } from './runDrill.js';

/** What the audit log keeps of a drill, the same from `guardian drill run` and the app's Drill screen. */
export function drillAuditDetails(result: DrillResult, report: string) {
  return {
    scenario: result.scenario.name,
    ...(result.bundle
      ? {
          bundle: {
            file: result.bundle.file,
            safeTxHash: result.bundle.safeTxHash,
            chainId: result.bundle.chainId,
            ownersReplaced: result.bundle.owners.replaced,
          },
        }
      : {}),
    figures: result.figures,
    steps: result.steps.map((s) => ({
      label: s.label,
      expect: s.expect,
      outcome: s.outcome,
      passed: s.passed,
      worst: s.worst,
    })),
    report,
  };
}
