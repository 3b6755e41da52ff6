import type { ReviewView } from '../../../electron/ipc/contract.js';

type Finding = ReviewView['findings'][number];
const ORDER = ['critical', 'high', 'medium', 'info'] as const;

/** Worst first, and in the core's order within a severity: the screen never decides which finding leads. */
export function worstFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
}
