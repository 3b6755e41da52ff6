import { corpusScenarios } from '../../test/corpus/corpusScenarios.js';
import { deployCorpus } from '../../test/corpus/deployCorpus.js';
import { reviewScenario, verdictOf, type Verdict } from '../../test/corpus/reviewScenario.js';

interface Row {
  scenario: string;
  kind: string;
  worst: string;
  codes: string;
  verdict: Verdict;
}

/** Deploys the corpus, reviews every scenario as a guardian without artifacts would, and prints the verdicts. */
async function main(): Promise<number> {
  const started = performance.now();
  const corpus = await deployCorpus();
  const deployed = performance.now();
  const rows: Row[] = [];
  try {
    for (const scenario of await corpusScenarios(corpus)) {
      const review = await reviewScenario(corpus, scenario);
      const codes = review.findings.map((f) => `${f.code}(${f.severity})`);
      const reverts = review.simulation.success ? '' : ' REVERTS';
      rows.push({
        scenario: scenario.name,
        kind: scenario.kind,
        worst: (review.worst ?? 'none') + reverts,
        codes: codes.join(' ') || '-',
        verdict: verdictOf(scenario, review),
      });
    }
  } finally {
    await corpus.stop();
  }
  const header: Row = {
    scenario: 'scenario',
    kind: 'kind',
    worst: 'worst',
    codes: 'findings (code, severity)',
    verdict: 'verdict' as Verdict,
  };
  const width = (k: keyof Row) => Math.max(...[header, ...rows].map((r) => r[k].length));
  const line = (r: Row) =>
    `${r.scenario.padEnd(width('scenario'))}  ${r.kind.padEnd(width('kind'))}  ${r.worst.padEnd(width('worst'))}  ${r.verdict.padEnd(width('verdict'))}  ${r.codes}`;
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  const falseAlarms = rows.filter((r) => r.verdict === 'FALSE ALARM').length;
  const misses = rows.filter((r) => r.verdict === 'MISS').length;
  console.log(
    `\nactions ${rows.length} (${rows.filter((r) => r.kind === 'honest').length} honest, ${rows.filter((r) => r.kind === 'trap').length} traps, ${rows.filter((r) => r.kind === 'change').length} real changes), false alarms ${falseAlarms}, misses ${misses}`,
  );
  console.log(
    `deployed in ${((deployed - started) / 1000).toFixed(1)} s, reviewed in ${((performance.now() - deployed) / 1000).toFixed(1)} s`,
  );
  return falseAlarms + misses === 0 ? 0 : 1;
}

process.exitCode = await main();
