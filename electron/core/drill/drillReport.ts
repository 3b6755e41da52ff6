import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownersReplacedLine, type BundleDrillOrigin } from './bundleDrillOrigin.js';
import type { DrillEvent } from './drillTimeline.js';
import type { DrillResult } from './runDrill.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const duration = (ms: number | null) =>
  ms === null
    ? '—'
    : ms < 1000
      ? `${ms} ms`
      : ms < 120_000
        ? `${(ms / 1000).toFixed(1)} s`
        : `${(ms / 60_000).toFixed(1)} min`;

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

function marker(kind: DrillEvent['kind'], x: number, y: number): string {
  const { colour, shape } = MARK[kind];
  if (shape === 'circle') return `<circle cx="${x}" cy="${y}" r="6" fill="${colour}"/>`;
  if (shape === 'square') return `<rect x="${x - 6}" y="${y - 6}" width="12" height="12" fill="${colour}"/>`;
  if (shape === 'cross')
    return `<path d="M${x - 6} ${y - 6}L${x + 6} ${y + 6}M${x + 6} ${y - 6}L${x - 6} ${y + 6}" stroke="${colour}" stroke-width="3"/>`;
  return `<path d="M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z" fill="${colour}"/>`;
}

/** One lane per guardian and one for the team, time running left to right from the step's proposal. */
export function stepTimelineSvg(result: DrillResult, step: number): string {
  const events = result.events.filter((e) => e.step === step);
  const start = events[0]?.atMs ?? 0;
  const span = Math.max(1, ...events.map((e) => e.atMs - start));
  const lanes = ['team', ...result.guardians.map((_, i) => `guardian ${i + 1}`)];
  const left = 110;
  const width = 720;
  const laneHeight = 30;
  const height = lanes.length * laneHeight + 30;
  const x = (ms: number) => left + ((ms - start) / span) * (width - left - 20);
  const rows = lanes.map(
    (name, i) =>
      `<text x="8" y="${i * laneHeight + 24}" font-size="12" fill="#24292f">${name}</text><line x1="${left}" x2="${width - 10}" y1="${i * laneHeight + 20}" y2="${i * laneHeight + 20}" stroke="#d0d7de"/>`,
  );
  const marks = events.map((e) => {
    const y = (e.guardian === null ? 0 : e.guardian + 1) * laneHeight + 20;
    return `<g><title>${escape(`${e.kind} at +${duration(e.atMs - start)}: ${e.detail}`)}</title>${marker(e.kind, x(e.atMs), y)}</g>`;
  });
  const axis = `<text x="${left}" y="${height - 4}" font-size="11" fill="#57606a">proposal</text><text x="${width - 10}" y="${height - 4}" font-size="11" fill="#57606a" text-anchor="end">+${duration(span)}</text>`;
  const description = events
    .map(
      (e) => `${e.guardian === null ? 'team' : `guardian ${e.guardian + 1}`} ${e.kind} at +${duration(e.atMs - start)}`,
    )
    .join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(description)}">${rows.join('')}${marks.join('')}${axis}</svg>`;
}

/** Where a drill from a review bundle came from, and the owners its drill keys replaced: never to be read as the team's chain. */
function bundleOriginHtml(origin: BundleDrillOrigin): string {
  const code = (text: string) => `<code>${escape(text)}</code>`;
  return `<p class="signer">From review bundle ${code(origin.file)}: safeTxHash ${code(origin.safeTxHash)} of Safe ${code(origin.safe)} (${escape(origin.safeVersion)}) on chain ${escape(origin.chainId)}, block ${escape(origin.block)}${origin.blockHash ? ` (${code(origin.blockHash)})` : ''}, exported by ${origin.producer ? `${code(origin.producer)} (owner)` : 'an unknown producer'}. Replayed from its proven pre-state on a fresh local drill chain, where the same fields hash to ${code(origin.drillSafeTxHash)}: <b>${escape(ownersReplacedLine(origin))}</b>. Owners replaced: ${origin.owners.replaced.map(code).join(', ')}; drill keys: ${origin.owners.drillKeys.map(code).join(', ')}. The drill chain's clock started at the carried block's time, ${escape(new Date(Number(origin.clock.carriedTimestamp) * 1000).toISOString())}.</p>`;
}

/** The report a team keeps: self-contained HTML (no script, no network) with a timeline per step, and its figures. */
export function drillReportHtml(result: DrillResult): string {
  const f = result.figures;
  const verdict = f.targetsMet ? 'Targets met' : 'Targets NOT met';
  const steps = result.steps
    .map(
      (
        s,
        i,
      ) => `<section><h2>${i + 1}. ${escape(s.label)} <span class="${s.passed ? 'ok' : 'bad'}">${s.passed ? 'as expected' : 'NOT as expected'}</span></h2>
<p>Expected: ${s.expect === 'execute' ? 'executed' : 'refused'}. Outcome: <b>${s.outcome}</b>${s.verifiedOnChain ? ', checked on chain' : ''}. First glance: ${escape(s.worst ?? 'no finding')}${s.headline ? ` — ${escape(s.headline)}` : ''}.</p>
<p>Read back from the chain: ${escape(s.reading)}.</p>
<p>Quorum ${duration(s.quorumMs)} · execution ${duration(s.executionMs)} after the proposal · safeTxHash <code>${s.safeTxHash}</code></p>
${stepTimelineSvg(result, i)}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Drill: ${escape(result.scenario.name)}</title>
<style>body{font:14px system-ui,sans-serif;color:#24292f;max-width:800px;margin:24px auto}code{font-size:12px}.ok{color:#1a7f37}.bad{color:#cf222e}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #d0d7de;text-align:left}.signer{background:#fff8c5;padding:6px 10px;border:1px solid #d4a72c}</style></head><body>
<h1>Drill: ${escape(result.scenario.name)} <span class="${f.targetsMet ? 'ok' : 'bad'}">${verdict}</span></h1>
<p>${escape(result.scenario.description)}</p>
<p class="signer">Signed by: ${escape(result.signer)}. Chain ${result.chainId}, Safe <code>${result.safe}</code>, ${result.scenario.threshold} of ${result.guardians.length}. Started ${result.startedAt}.</p>
${result.bundle ? `${bundleOriginHtml(result.bundle)}\n` : ''}<table><tr><th>figure</th><th>measured</th><th>target</th></tr>
<tr><td>steps as expected</td><td>${f.passed} of ${f.steps}</td><td>all</td></tr>
<tr><td>traps refused</td><td>${f.trapsRefused} (signed and executed: ${f.trapsSigned})</td><td>every trap</td></tr>
<tr><td>slowest quorum (${result.scenario.emergency ? 'emergency' : 'routine'})</td><td>${duration(f.worstQuorumMs)}</td><td>under ${duration(f.quorumTargetMs)}</td></tr>
<tr><td>slowest execution</td><td>${duration(f.worstExecutionMs)}</td><td>${f.executionTargetMs === null ? '—' : `under ${duration(f.executionTargetMs)}`}</td></tr></table>
<p>Timelines: ◆ proposed, threshold reached (green), executed (purple) · ● reviewed (blue), verified on chain (green) · ■ signed · ✕ refused or failed. Hover a mark for its time and detail.</p>
${steps}
</body></html>
`;
}

/** Writes drill-<time>.html and .json under `exportsDir`; returns their paths. */
export function writeDrillReport(result: DrillResult, exportsDir: string): { html: string; json: string } {
  mkdirSync(exportsDir, { recursive: true });
  const base = join(exportsDir, `drill-${result.startedAt.replace(/[:.]/g, '-')}`);
  const paths = { html: `${base}.html`, json: `${base}.json` };
  writeFileSync(paths.json, `${JSON.stringify(result, null, 1)}\n`, { flag: 'wx' });
  writeFileSync(paths.html, drillReportHtml(result), { flag: 'wx' });
  return paths;
}
