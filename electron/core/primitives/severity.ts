/**
 * Every severity, worst first: the one scale that findings, message warnings, the signing gate, the CLI's exit
 * codes and the screens all rank by, so no two places can disagree on what "high" outranks.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
