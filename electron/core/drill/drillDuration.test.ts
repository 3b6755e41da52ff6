import { describe, expect, it } from 'vitest';
import { drillDuration } from './drillDuration.js';

describe('a drill time in words', () => {
  it('gives the emergency target in hours, and a rehearsal’s moments in ms, s and min', () => {
    expect(drillDuration(120 * 60_000)).toBe('2 h');
    expect(drillDuration(90 * 60_000)).toBe('90 min');
    expect(drillDuration(36 * 3_600_000)).toBe('36 h');
    expect(drillDuration(228)).toBe('228 ms');
    expect(drillDuration(2_345)).toBe('2.3 s');
    expect(drillDuration(null)).toBe('—');
  });
});
