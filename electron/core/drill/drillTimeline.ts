import type { Severity } from '../primitives/severity.js';

export type DrillEventKind =
  'proposed' | 'reviewed' | 'signed' | 'refused' | 'threshold' | 'executed' | 'verified' | 'failed';

/** One moment of a drill, in milliseconds since it started; `guardian` is the owner's index, null for the team. */
export interface DrillEvent {
  step: number;
  kind: DrillEventKind;
  guardian: number | null;
  atMs: number;
  detail: string;
}

export interface DrillStepResult {
  label: string;
  action: string;
  expect: 'execute' | 'refuse';
  safeTxHash: string;
  /** What the console said at first glance: the worst finding's severity and title. */
  worst: Severity | null;
  headline: string | null;
  outcome: 'executed' | 'refused' | 'stalled';
  /**
   * Every control value the step's review predicted read back from the chain: as predicted after an honest
   * step's execution, as before for a trap.
   */
  verifiedOnChain: boolean;
  /** What was read back, value by value ("Safe threshold of …: 2 -> 3 read back"), or why nothing was. */
  reading: string;
  /** Proposal to the threshold's last signature, and proposal to execution. */
  quorumMs: number | null;
  executionMs: number | null;
  /** The step did what the scenario expects: an honest action executed and took effect, a trap refused. */
  passed: boolean;
}

export interface DrillFigures {
  steps: number;
  passed: number;
  trapsRefused: number;
  trapsSigned: number;
  /** The slowest quorum and execution among honest steps, against the scenario's targets. */
  worstQuorumMs: number | null;
  worstExecutionMs: number | null;
  quorumTargetMs: number;
  executionTargetMs: number | null;
  targetsMet: boolean;
}

export function drillFigures(
  steps: readonly DrillStepResult[],
  targets: { quorumMinutes: number; executionMinutes?: number | undefined },
): DrillFigures {
  const traps = steps.filter((s) => s.expect === 'refuse');
  const honest = steps.filter((s) => s.expect === 'execute');
  const max = (values: Array<number | null>) =>
    values.some((v) => v === null) || values.length === 0 ? null : Math.max(...(values as number[]));
  const worstQuorumMs = max(honest.map((s) => s.quorumMs));
  const worstExecutionMs = max(honest.map((s) => s.executionMs));
  const quorumTargetMs = targets.quorumMinutes * 60_000;
  const executionTargetMs = targets.executionMinutes === undefined ? null : targets.executionMinutes * 60_000;
  const targetsMet =
    steps.every((s) => s.passed) &&
    (honest.length === 0 || (worstQuorumMs !== null && worstQuorumMs <= quorumTargetMs)) &&
    (executionTargetMs === null ||
      honest.length === 0 ||
      (worstExecutionMs !== null && worstExecutionMs <= executionTargetMs));
  return {
    steps: steps.length,
    passed: steps.filter((s) => s.passed).length,
    trapsRefused: traps.filter((s) => s.outcome !== 'executed').length,
    trapsSigned: traps.filter((s) => s.outcome === 'executed').length,
    worstQuorumMs,
    worstExecutionMs,
    quorumTargetMs,
    executionTargetMs,
    targetsMet,
  };
}
