/**
 * A drill's times as a guardian reads them against a target: milliseconds for the rehearsal's own moments, hours
 * for the targets the team set ("under 2 h", not "7200.00 s" or "120.0 min").
 */
export function drillDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 2 * 3_600_000 && ms % 3_600_000 !== 0) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}

const trim = (n: number) => n.toFixed(1).replace(/\.0$/, '');
