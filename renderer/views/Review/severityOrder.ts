import type { ReviewView } from '../../../electron/ipc/contract.js';
import { SEVERITIES } from '../../../electron/ipc/rendererFormatting.js';

type Finding = ReviewView['findings'][number];

/** Worst first, and in the core's order within a severity: the screen never decides which finding leads. */
export function worstFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}
