import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownersReplacedLine, type BundleDrillOrigin } from './bundleDrillOrigin.js';
import { drillDuration as duration } from './drillDuration.js';
import { escapeHtml as escape, stepTimelineSvg, timelineLegendSvg } from './drillTimelineSvg.js';
import type { DrillEvent } from './drillTimeline.js';
import type { DrillResult } from './runDrill.js';

/** Where a drill from a review bundle came from, and the owners its drill keys replaced: never to be read as the team's chain. */
function bundleOriginHtml(origin: BundleDrillOrigin): string {
  const code = (text: string) => `<code>${escape(text)}</code>`;
  return `<p class="signer">From review bundle ${code(origin.file)}: safeTxHash ${code(origin.safeTxHash)} of Safe ${code(origin.safe)} (${escape(origin.safeVersion)}) on chain ${escape(origin.chainId)}, block ${escape(origin.block)}${origin.blockHash ? ` (${code(origin.blockHash)})` : ''}, exported by ${origin.producer ? `${code(origin.producer)} (owner)` : 'an unknown producer'}. Replayed from its proven pre-state on a fresh local drill chain, where the same fields hash to ${code(origin.drillSafeTxHash)}: <b>${escape(ownersReplacedLine(origin))}</b>. Owners replaced: ${origin.owners.replaced.map(code).join(', ')}; drill keys: ${origin.owners.drillKeys.map(code).join(', ')}. The drill chain's clock started at the carried block's time, ${escape(new Date(Number(origin.clock.carriedTimestamp) * 1000).toISOString())}.</p>`;
}

// Each guardian's drill key is in the table of who did what; a moment names the guardian by number.
const who = (guardian: number | null) => (guardian === null ? 'team' : `guardian ${guardian + 1}`);

/** What one guardian did in one step, in a word or two: the cell of the table of who did what. */
function guardianDid(events: readonly DrillEvent[], guardian: number): string {
  const kinds = events.filter((e) => e.guardian === guardian).map((e) => e.kind);
  if (kinds.includes('refused')) return '<span class="bad">refused</span>';
  const did = [
    kinds.includes('signed') ? 'signed' : null,
    kinds.includes('executed') ? 'executed' : null,
    kinds.includes('failed') ? '<span class="bad">failed</span>' : null,
  ].filter(Boolean);
  if (did.length > 0) return did.join(' · ');
  if (kinds.includes('reviewed')) return 'reviewed';
  return events.some((e) => e.kind === 'threshold') ? '<span class="dim">not needed</span>' : '—';
}

function guardiansTable(result: DrillResult): string {
  const heads = result.steps.map((s, i) => `<th>${i + 1}. ${escape(s.label)}</th>`).join('');
  const rows = result.guardians.map((address, g) => {
    const cells = result.steps.map(
      (_, i) =>
        `<td>${guardianDid(
          result.events.filter((e) => e.step === i),
          g,
        )}</td>`,
    );
    return `<tr><td>guardian ${g + 1}</td><td><code>${escape(address)}</code></td>${cells.join('')}</tr>`;
  });
  return `<h2>Who did what</h2><table><tr><th>guardian</th><th>drill key</th>${heads}</tr>${rows.join('')}</table>`;
}

function eventsTable(events: readonly DrillEvent[]): string {
  const start = events[0]?.atMs ?? 0;
  const rows = events.map(
    (e) =>
      `<tr><td>+${duration(e.atMs - start)}</td><td>${who(e.guardian)}</td><td class="${e.kind === 'refused' || e.kind === 'failed' ? 'bad' : ''}">${e.kind}</td><td>${escape(e.detail)}</td></tr>`,
  );
  return `<table class="events"><tr><th>after proposal</th><th>who</th><th>what</th><th>detail</th></tr>${rows.join('')}</table>`;
}

const met = (ok: boolean) => (ok ? '<span class="ok">met</span>' : '<span class="bad">NOT met</span>');

function figuresTable(result: DrillResult): string {
  const f = result.figures;
  const honest = result.steps.some((s) => s.expect === 'execute');
  const traps = result.steps.some((s) => s.expect === 'refuse');
  const within = (measured: number | null, target: number) => measured !== null && measured <= target;
  const rows = [
    ['steps as expected', `${f.passed} of ${f.steps}`, 'all', met(f.passed === f.steps)],
    ...(traps
      ? [
          [
            'traps refused',
            `${f.trapsRefused} (signed and executed: ${f.trapsSigned})`,
            'every trap',
            met(f.trapsSigned === 0),
          ],
        ]
      : []),
    ...(honest
      ? [
          [
            `slowest quorum (${result.scenario.emergency ? 'emergency' : 'routine'})`,
            duration(f.worstQuorumMs),
            `under ${duration(f.quorumTargetMs)}`,
            met(within(f.worstQuorumMs, f.quorumTargetMs)),
          ],
          [
            'slowest execution',
            duration(f.worstExecutionMs),
            f.executionTargetMs === null ? 'none set' : `under ${duration(f.executionTargetMs)}`,
            f.executionTargetMs === null ? '—' : met(within(f.worstExecutionMs, f.executionTargetMs)),
          ],
        ]
      : []),
  ];
  return `<table><tr><th>figure</th><th>measured</th><th>target</th><th></th></tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}

function stepSection(result: DrillResult, i: number): string {
  const s = result.steps[i]!;
  const events = result.events.filter((e) => e.step === i);
  const trap = s.expect === 'refuse';
  const outcome = trap
    ? s.outcome === 'executed'
      ? '<b class="bad">signed and executed: the trap got through</b>'
      : `<b class="ok">refused</b> by ${events.filter((e) => e.kind === 'refused').length} of ${result.guardians.length} guardians`
    : `<b>${s.outcome}</b>`;
  return `<section><h2>${i + 1}. ${escape(s.label)} <span class="${s.passed ? 'ok' : 'bad'}">${s.passed ? 'as expected' : 'NOT as expected'}</span></h2>
<p>${trap ? 'A trap: expected refused' : 'Expected: executed'}. Outcome: ${outcome}${s.verifiedOnChain ? ', checked on chain' : ''}. First glance: ${escape(s.worst ?? 'no finding')}${s.headline ? ` — ${escape(s.headline)}` : ''}.</p>
<p>Read back from the chain: ${escape(s.reading)}.</p>
<p>Quorum ${duration(s.quorumMs)} · execution ${duration(s.executionMs)} after the proposal · safeTxHash <code>${s.safeTxHash}</code></p>
${stepTimelineSvg(events, result.guardians.length)}
${eventsTable(events)}</section>`;
}

/** The report a team keeps: self-contained HTML (no script, no network) with a timeline per step, and its figures. */
export function drillReportHtml(result: DrillResult): string {
  const f = result.figures;
  const verdict = f.targetsMet ? 'Targets met' : 'Targets NOT met';
  const contracts = (result.contracts ?? []).map((c) => `${escape(c.name)} <code>${escape(c.address)}</code>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Drill: ${escape(result.scenario.name)}</title>
<style>body{font:14px system-ui,sans-serif;color:#24292f;max-width:900px;margin:24px auto}code{font-size:12px}.ok{color:#1a7f37}.bad{color:#cf222e}.dim{color:#57606a}table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 10px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}.events td{font-size:12px}.events td:last-child{word-break:break-word}.signer{background:#fff8c5;padding:6px 10px;border:1px solid #d4a72c}</style></head><body>
<h1>Drill: ${escape(result.scenario.name)} <span class="${f.targetsMet ? 'ok' : 'bad'}">${verdict}</span></h1>
<p>${escape(result.scenario.description)}</p>
<p class="signer">Signed by: ${escape(result.signer)}. Chain ${result.chainId}, Safe <code>${result.safe}</code>, ${result.scenario.threshold} of ${result.guardians.length}. Started ${result.startedAt}.</p>
${result.bundle ? `${bundleOriginHtml(result.bundle)}\n` : ''}${contracts.length > 0 ? `<p>The drill's contracts, named as in every guardian's console: ${contracts.join(', ')}.</p>\n` : ''}${figuresTable(result)}
${guardiansTable(result)}
<p>Timelines, one lane per guardian: ${timelineLegendSvg()}<br>Hover a mark for its time and detail; the table under each timeline lists every moment.</p>
${result.steps.map((_, i) => stepSection(result, i)).join('\n')}
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
