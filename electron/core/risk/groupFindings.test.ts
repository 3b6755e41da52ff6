import { describe, expect, it } from 'vitest';
import { finding } from './finding.js';
import { groupFindings } from './groupFindings.js';

describe('groupFindings', () => {
  it('folds repeated findings into one with a count, keeping every explanation and evidence', () => {
    const sends = Array.from({ length: 52 }, (_, i) =>
      finding('VALUE_OUTFLOW', `Transfers ${i + 1} units`, { path: [i] }),
    );
    const grouped = groupFindings([finding('PROTOCOL_PAUSED', 'paused'), ...sends]);
    expect(grouped.map((f) => [f.code, f.count])).toEqual([
      ['PROTOCOL_PAUSED', undefined],
      ['VALUE_OUTFLOW', 52],
    ]);
    const [, outflow] = grouped;
    expect(outflow!.severity).toBe('medium');
    expect(outflow!.explanation).toBe(
      '×52: Transfers 1 units Transfers 2 units And 50 more like them, each listed in the evidence.',
    );
    expect(outflow!.evidence['path']).toEqual([0]);
    expect((outflow!.evidence['items'] as unknown[]).length).toBe(52);
    expect((outflow!.evidence['items'] as Array<{ explanation: string }>)[51]!.explanation).toBe('Transfers 52 units');
  });

  it('leaves a finding that occurs once as it was', () => {
    const once = [finding('SAFE_OUTFLOW', 'out'), finding('VALUE_OUTFLOW', 'sends')];
    expect(groupFindings(once)).toEqual(once);
  });
});
