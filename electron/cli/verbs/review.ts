import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import type { Severity } from '../../core/risk/finding.js';
import type { SafeTx } from '../../core/safe/safeTx.js';
import { reviewSafeTx, type Review } from '../../core/simulate/reviewSafeTx.js';
import { withFork } from '../../core/simulate/withFork.js';
import { withStore } from '../cliStore.js';
import { loadTarget } from '../loadTarget.js';
import { storedReviewInput } from '../../core/simulate/storedReviewInput.js';
import type { CliContext, Verb } from '../cliContext.js';
import { parseHttpUrl } from '../parseSafeRef.js';

/** The exit code is the worst finding, so scripts and CI can gate on it. */
const EXIT: Record<Severity | 'none', number> = { none: 0, info: 0, medium: 1, high: 2, critical: 3 };
const COULD_NOT_REVIEW = 4;

function print(ctx: CliContext, tx: SafeTx, review: Review): void {
  const { out } = ctx;
  out.heading(`Safe ${tx.chainId}:${tx.safe} nonce ${tx.nonce}`);
  out.fields([
    ['Domain hash', ledgerHashFormat(review.hashes.domainHash)],
    ['Message hash', ledgerHashFormat(review.hashes.messageHash)],
    ['safeTxHash', review.hashes.safeTxHash],
    ['Does', review.decoded.summary],
    ['Simulation', review.simulation.success ? `succeeds, ${review.simulation.gasUsed} gas, at block ${BigInt(review.simulation.block.number)}` : out.bad(`REVERTS: ${review.simulation.revertReason ?? 'no reason'}`)],
  ]);
  out.line();
  out.heading('State before → after');
  if (review.diff.contracts.length === 0) out.line(out.dim('  nothing a guardian tracks changes'));
  for (const c of review.diff.contracts) {
    out.line(`  ${c.label}`);
    for (const change of c.changes) out.line(`    ${change.what.padEnd(22)} ${change.before} → ${change.after}`);
    for (const slot of c.otherSlots.filter((o) => o.variable)) out.line(`    ${slot.variable!.padEnd(22)} ${BigInt(slot.before)} → ${BigInt(slot.after)}`);
    const unnamed = c.otherSlots.filter((o) => !o.variable).length;
    if (unnamed > 0) out.line(out.dim(`    and ${unnamed} other storage slot(s)`));
  }
  for (const m of review.diff.tokenMovements) out.line(`  token ${m.token} of ${m.holder}: ${m.before} → ${m.after}`);
  out.line();
  out.heading('Findings');
  if (review.findings.length === 0) out.line(out.good('  none'));
  for (const f of review.findings) {
    const tag = `${f.severity.toUpperCase().padEnd(8)}`;
    out.line(`  ${f.severity === 'critical' || f.severity === 'high' ? out.bad(tag) : tag} ${f.title} [${f.code}]`);
    out.line(out.dim(`           ${f.explanation}`));
  }
}

export const reviewVerb: Verb = {
  usage: 'review <safeTxHash|file> [--rpc url] [--json] [--chain-id N --safe-version V --nonce N]',
  summary: 'Simulate on a local fork and show hashes, actions, the state diff and findings; exit code = worst finding',
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, rpc: { type: 'string' }, 'chain-id': { type: 'string' }, 'safe-version': { type: 'string' }, nonce: { type: 'string' } },
      allowPositionals: true,
    });
    const target = positionals[0];
    try {
      if (!target) throw new GuardianError('INVALID_INPUT', 'Give a stored safeTxHash (or a prefix of it) or a file.');
      return await withStore(ctx, async (store) => {
        const loaded = loadTarget(store, target, values);
        for (const r of loaded.rejected) ctx.streams.stderr.write(`REFUSED transaction ${r.index + 1} of ${target}: ${r.error.message} [${r.error.code}]\n`);
        const txs = loaded.items.map((i) => i.safeTx);
        let worst = 0;
        const reviews = [];
        for (const tx of txs) {
          const rpcUrl = values.rpc ? parseHttpUrl(values.rpc, '--rpc') : store.getWatchedSafe(tx.chainId, tx.safe)?.rpcUrl;
          if (!rpcUrl) throw new GuardianError('INVALID_INPUT', `No RPC URL for Safe ${tx.chainId}:${tx.safe}: give --rpc, or add it with guardian safe add.`);
          const review = await withFork(rpcUrl, tx.chainId, (provider) =>
            reviewSafeTx({
              ...storedReviewInput(store, tx, provider),
              onProgress: (p) => ctx.streams.stderr.write(`${p.stage === 'tracing' ? 'simulating' : p.stage}: ${p.detail}\n`),
            }),
          );
          store.appendAudit({ kind: 'review', safeTxHash: review.hashes.safeTxHash, details: { worst: review.worst, findings: review.findings.map((f) => f.code), block: review.simulation.block.number } });
          worst = Math.max(worst, EXIT[review.worst ?? 'none']);
          reviews.push({ tx, review });
        }
        if (ctx.out.json) ctx.out.data(reviews.map(({ review }) => ({ hashes: review.hashes, decoded: review.decoded, simulation: { success: review.simulation.success, revertReason: review.simulation.revertReason, gasUsed: review.simulation.gasUsed, block: review.simulation.block }, diff: review.diff, findings: review.findings, worst: review.worst })));
        else reviews.forEach(({ tx, review }) => print(ctx, tx, review));
        return worst;
      });
    } catch (error) {
      if (!(error instanceof GuardianError)) throw error;
      ctx.streams.stderr.write(`guardian review: could not review: ${error.message} [${error.code}]\n`);
      return COULD_NOT_REVIEW;
    }
  },
};
