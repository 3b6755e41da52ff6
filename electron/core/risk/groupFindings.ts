import type { Finding } from './finding.js';

/** How many of a group's explanations are spelled out; the rest are counted, and every one is in the evidence. */
const SPELLED_OUT = 2;

/**
 * Repeated findings as one, with a count: a 55-call batch that sends value 52 times reads as one medium "×52",
 * not 52 lines a guardian scrolls past (and with them, past the one line that matters). The first finding's
 * evidence stays at the top; `count` and `items` keep every one of them. Order is kept: each group sits where
 * its first finding was.
 */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.code}:${f.severity}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [Finding, ...Finding[]];
    if (group.length === 1) return first;
    const spelled = group.slice(0, SPELLED_OUT).map((f) => f.explanation);
    const rest = group.length - spelled.length;
    const explanation = `×${group.length}: ${spelled.join(' ')}${rest > 0 ? ` And ${rest} more like ${rest === 1 ? 'it' : 'them'}, each listed in the evidence.` : ''}`;
    return {
      ...first,
      explanation,
      count: group.length,
      evidence: {
        ...first.evidence,
        count: group.length,
        items: group.map((f) => ({ explanation: f.explanation, ...f.evidence })),
      },
    };
  });
}
