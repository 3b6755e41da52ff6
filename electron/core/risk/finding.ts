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

/** Where each code stands in the policy table, which reads from who controls the Safe down to when it runs. */
const POLICY_ORDER = new Map(Object.keys(SEVERITY_POLICY).map((code, i) => [code, i]));

/**
 * Worst first; within a severity in the policy table's order, so what the transaction does (upgrades a proxy,
 * sends tokens) leads before where it stands in the queue (not the next nonce): the first finding is the
 * headline a guardian reads in the queue, and every transaction behind the next one is "not the next".
 */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => RANK[b.severity] - RANK[a.severity] || POLICY_ORDER.get(a.code)! - POLICY_ORDER.get(b.code)!,
  );
}
