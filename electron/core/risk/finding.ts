import type { Severity } from '../primitives/severity.js';
import { SEVERITY_POLICY, type FindingCode } from './severityPolicy.js';

/** One thing a guardian should know before signing, with the evidence that raised it. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  title: string;
  explanation: string;
  evidence: Record<string, unknown>;
  /** How many findings this one stands for, when repeated ones were grouped (groupFindings). */
  count?: number;
}

/** A finding whose severity and title come from the policy (severityPolicy.ts), never from the caller. */
export function finding(code: FindingCode, explanation: string, evidence: Record<string, unknown> = {}): Finding {
  const { severity, title } = SEVERITY_POLICY[code];
  return { code, severity, title, explanation, evidence };
}

const RANK: Record<Severity, number> = { info: 0, medium: 1, high: 2, critical: 3 };

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  return findings.reduce<Severity | null>(
    (worst, f) => (worst === null || RANK[f.severity] > RANK[worst] ? f.severity : worst),
    null,
  );
}

export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}
