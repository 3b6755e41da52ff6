import { drillDuration } from './drillDuration.js';
import type { DrillEvent } from './drillTimeline.js';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const MARK: Record<DrillEvent['kind'], { colour: string; shape: 'circle' | 'square' | 'cross' | 'diamond' }> = {
  proposed: { colour: '#57606a', shape: 'diamond' },
  reviewed: { colour: '#0969da', shape: 'circle' },
  signed: { colour: '#1a7f37', shape: 'square' },
  refused: { colour: '#cf222e', shape: 'cross' },
  threshold: { colour: '#1a7f37', shape: 'diamond' },
  executed: { colour: '#8250df', shape: 'diamond' },
  verified: { colour: '#1a7f37', shape: 'circle' },
  failed: { colour: '#cf222e', shape: 'cross' },
};

export function marker(kind: DrillEvent['kind'], x: number, y: number): string {
  const { colour, shape } = MARK[kind];
  if (shape === 'circle') return `<circle cx="${x}" cy="${y}" r="6" fill="${colour}"/>`;
  if (shape === 'square') return `<rect x="${x - 6}" y="${y - 6}" width="12" height="12" fill="${colour}"/>`;
  if (shape === 'cross')
    return `<path d="M${x - 6} ${y - 6}L${x + 6} ${y + 6}M${x + 6} ${y - 6}L${x - 6} ${y + 6}" stroke="${colour}" stroke-width="3"/>`;
  return `<path d="M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z" fill="${colour}"/>`;
}

/** The legend, drawn with the timeline's own marks so a printed report reads without colour names. */
export function timelineLegendSvg(): string {
  const kinds: Array<[DrillEvent['kind'], string]> = [
    ['proposed', 'proposed'],
    ['reviewed', 'reviewed'],
    ['signed', 'signed'],
    ['refused', 'refused'],
    ['threshold', 'threshold reached'],
    ['executed', 'executed'],
    ['verified', 'checked on chain'],
  ];
  let x = 10;
  const items = kinds.map(([kind, words]) => {
    const item = `${marker(kind, x, 12)}<text x="${x + 12}" y="16" font-size="12" fill="#24292f">${words}</text>`;
    x += 24 + words.length * 7;
    return item;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${x} 24" width="${x}" height="24" role="img" aria-label="legend">${items.join('')}</svg>`;
}

const LANE_NAME = (guardian: number | null) => (guardian === null ? 'team' : `guardian ${guardian + 1}`);

/**
 * One lane per guardian and one for the team, time running left to right from the step's proposal. Marks of one
 * lane that would overlap (a review and the refusal it led to come within a millisecond) are set apart, in order,
 * so each one shows; the axis says how long the step took.
 */
export function stepTimelineSvg(events: readonly DrillEvent[], guardians: number): string {
  const start = events[0]?.atMs ?? 0;
  const span = Math.max(1, ...events.map((e) => e.atMs - start));
  const lanes = ['team', ...Array.from({ length: guardians }, (_, i) => `guardian ${i + 1}`)];
  const left = 110;
  const width = 720;
  const laneHeight = 30;
  const height = lanes.length * laneHeight + 34;
  const x = (ms: number) => left + ((ms - start) / span) * (width - left - 40);
  const rows = lanes.map(
    (name, i) =>
      `<text x="8" y="${i * laneHeight + 24}" font-size="12" fill="#24292f">${name}</text><line x1="${left}" x2="${width - 10}" y1="${i * laneHeight + 20}" y2="${i * laneHeight + 20}" stroke="#d0d7de"/>`,
  );
  const lastX = new Map<number | null, number>();
  const marks = events.map((e) => {
    const y = (e.guardian === null ? 0 : e.guardian + 1) * laneHeight + 20;
    const at = Math.max(x(e.atMs), (lastX.get(e.guardian) ?? -Infinity) + 16);
    lastX.set(e.guardian, at);
    return `<g><title>${escapeHtml(`${LANE_NAME(e.guardian)} ${e.kind} at +${drillDuration(e.atMs - start)}: ${e.detail}`)}</title>${marker(e.kind, at, y)}</g>`;
  });
  const axisY = lanes.length * laneHeight + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => {
    const tx = left + t * (width - left - 40);
    const label = t === 0 ? 'proposal' : `+${drillDuration(Math.round(t * span))}`;
    return `<line x1="${tx}" x2="${tx}" y1="${axisY - 4}" y2="${axisY + 2}" stroke="#8c959f"/><text x="${tx}" y="${axisY + 16}" font-size="11" fill="#57606a" text-anchor="${t === 0 ? 'start' : 'middle'}">${label}</text>`;
  });
  const axis = `<line x1="${left}" x2="${width - 40}" y1="${axisY}" y2="${axisY}" stroke="#8c959f"/>${ticks.join('')}`;
  const description = events.map((e) => `${LANE_NAME(e.guardian)} ${e.kind} at +${drillDuration(e.atMs - start)}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(description.join('; '))}">${rows.join('')}${marks.join('')}${axis}</svg>`;
}
