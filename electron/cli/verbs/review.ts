import { parseArgs } from 'node:util';
import { tokenAmount } from '../../core/decode/tokenAmount.js';
import { GuardianError } from '../../core/errors.js';
import { readJsonFile } from '../../core/input/jsonFile.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import type { Severity } from '../../core/primitives/severity.js';
import type { SafeTx } from '../../core/safe/safeTx.js';
import { parseCarriedState, type CarriedState } from '../../core/primitives/carriedState.js';
import type { Review } from '../../core/simulate/reviewSafeTx.js';
import { reviewTransaction } from '../../core/simulate/reviewTransaction.js';
import { STAGE_WORDS, type SimulationProgress } from '../../core/primitives/simulationTypes.js';
import { withStore } from '../cliStore.js';
import { loadTarget } from '../loadTarget.js';
import { checkOutputPath, writeOutputFile } from '../outputFile.js';
import { parseHttpUrl } from '../parseSafeRef.js';
import type { Verb } from '../cliContext.js';
import { EXIT } from '../exitCodes.js';
import type { Output } from '../output.js';
import { SAFE_TX_FLAGS, safeTxFromFlags } from '../safeTxFlags.js';

/** The exit code is the worst finding, so scripts and CI can gate on it; a failure exits 4 or more (exitCodes.ts). */
const EXIT_FOR_WORST: Record<Severity | 'none', number> = {
  none: EXIT.OK,
  info: EXIT.OK,
  medium: EXIT.REFUSED,
  high: EXIT.HIGH,
  critical: EXIT.CRITICAL,
};

const flagOptions = {
  json: { type: 'boolean' },
  rpc: { type: 'string' },
  artifacts: { type: 'string' },
  carry: { type: 'string' },
  replay: { type: 'string' },
  ...SAFE_TX_FLAGS,
} as const;

interface Job {
  tx: SafeTx;
  review: Review;
}

/** A carried state from a file, checked field by field before anything trusts it. */
function readCarried(file: string): CarriedState {
  try {
    return parseCarriedState(readJsonFile(file));
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError('INVALID_FILE', `Cannot read the carried state ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** A review as a guardian reads it: hashes to compare with the device, what it does, what changes, findings. */
function printReview(out: Output, tx: SafeTx, review: Review): void {
  const sim = review.simulation;
  out.heading(`Safe ${tx.chainId}:${tx.safe} nonce ${tx.nonce}`);
  out.fields([
    ['Domain hash', ledgerHashFormat(review.hashes.domainHash)],
    ['Message hash', ledgerHashFormat(review.hashes.messageHash)],
    ['safeTxHash', review.hashes.safeTxHash],
    ...(sim.executedSafeTxHash
      ? [['', out.good('the same hash the Safe computed from the simulated calldata')] as const]
      : []),
    // What the calldata reads as is only a claim once the simulation shows otherwise, and then the reasons say why.
    ...(review.contradictions.length === 0
      ? [['Does', review.decoded.summary] as const]
      : [
          ['Claims', review.decoded.summary] as const,
          ...review.contradictions.map((c) => ['', out.bad(`the simulation says otherwise: ${c.reason}`)] as const),
        ]),
    [
      'Simulation',
      sim.success
        ? `succeeds, ${sim.gasUsed} gas, at block ${BigInt(sim.block.number)}`
        : out.bad(`REVERTS: ${sim.revertReason ?? 'no reason'}`),
    ],
    ...(sim.success && sim.innerFailure ? [['Inner call', out.bad(`fails: ${sim.innerFailure.reason}`)] as const] : []),
  ]);
  out.line();
  out.heading('Calls');
  for (const call of review.calls.lines) {
    const value = call.value > 0n ? ` sending ${call.value} wei` : '';
    const failed = call.error ? ` ${out.bad(`FAILED: ${call.error}`)}` : '';
    out.line(`  ${'  '.repeat(call.depth)}${call.type} ${call.toLabel ?? '(no address)'} ${call.fn}${value}${failed}`);
  }
  if (review.calls.omitted > 0) out.line(out.dim(`  and ${review.calls.omitted} more call(s), not listed`));
  out.line();
  out.heading('State before → after');
  if (review.diff.contracts.length === 0) out.line(out.dim('  nothing a guardian tracks changes'));
  for (const c of review.diff.contracts) {
    out.line(`  ${c.label}`);
    for (const change of c.changes) out.line(`    ${change.what.padEnd(24)} ${change.before} → ${change.after}`);
    for (const slot of c.otherSlots.filter((o) => o.variable || o.label))
      out.line(`    ${(slot.variable ?? slot.label)!.padEnd(24)} ${BigInt(slot.before)} → ${BigInt(slot.after)}`);
    const unnamed = c.otherSlots.filter((o) => !o.variable && !o.label).length;
    if (unnamed > 0) out.line(out.dim(`    and ${unnamed} other storage slot(s)`));
  }
  for (const m of review.diff.tokenMovements) {
    const token = review.tokens.get(m.token.toLowerCase());
    out.line(
      `  token ${m.token} held by ${m.holder}: ${tokenAmount(m.before, token)} → ${tokenAmount(m.after, token)}`,
    );
  }
  for (const m of review.diff.nativeMovements)
    out.line(`  native balance of ${m.address}: ${m.before} → ${m.after} wei`);
  if (review.diff.events.length > 0)
    out.line(
      out.dim(
        `  events: ${review.diff.events.map((e) => e.name ?? e.topics[0]?.slice(0, 10) ?? 'anonymous').join(', ')}`,
      ),
    );
  out.line();
  out.heading('Findings');
  if (review.findings.length === 0) out.line(out.good('  none'));
  for (const f of review.findings) {
    const tag = f.severity.toUpperCase().padEnd(8);
    out.line(`  ${f.severity === 'critical' || f.severity === 'high' ? out.bad(tag) : tag} ${f.title} [${f.code}]`);
    out.line(out.dim(`           ${f.explanation}`));
  }
}

export const reviewVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({ args: ctx.args, options: flagOptions, allowPositionals: true });
    const target = positionals[0];
    const onProgress = (p: SimulationProgress) => ctx.streams.stderr.write(`${STAGE_WORDS[p.stage]}: ${p.detail}\n`);
    if (values.carry && values.replay)
      throw new GuardianError(
        'INVALID_INPUT',
        '--carry and --replay cannot go together: carry on the machine with the network, replay on the one without.',
      );
    // Where the pre-state goes is checked before the fork is started, so a mistyped folder costs no review.
    if (values.carry) checkOutputPath(values.carry, '--carry', { replace: true });
    // A transaction spelled out by flags is checked before the store is opened: a typo is a usage error wherever.
    const fromFlags = target ? null : safeTxFromFlags(values);
    return await withStore(ctx, async (store) => {
      let txs: SafeTx[];
      if (fromFlags) txs = [fromFlags];
      else {
        const loaded = loadTarget(store, target!, values);
        for (const r of loaded.rejected)
          ctx.streams.stderr.write(
            `REFUSED transaction ${r.index + 1} of ${target}: ${r.error.message} [${r.error.code}]\n`,
          );
        txs = loaded.items.map((i) => i.safeTx);
        // Only a file can come back empty, and an empty file is bad data, not a wrong command line.
        if (txs.length === 0)
          throw new GuardianError(
            'INVALID_FILE',
            loaded.rejected.length === 0
              ? `${target} holds no transactions: there is nothing to review.`
              : `${target} holds no transaction that could be reviewed: all ${loaded.rejected.length} were refused.`,
          );
      }
      if ((values.carry || values.replay) && txs.length > 1)
        throw new GuardianError(
          'INVALID_INPUT',
          `${target} holds ${txs.length} transactions; --carry and --replay take one.`,
        );
      const replay = values.replay ? readCarried(values.replay) : undefined;
      const rpcUrl = values.rpc ? parseHttpUrl(values.rpc, '--rpc') : undefined;
      const jobs: Job[] = [];
      for (const tx of txs) {
        const { review, carried } = await reviewTransaction({
          store,
          tx,
          ...(rpcUrl ? { rpcUrl } : {}),
          ...(replay ? { replay } : {}),
          ...(values.artifacts ? { artifactsDir: values.artifacts } : {}),
          carry: values.carry !== undefined,
          onProgress,
        });
        if (values.carry && carried) {
          writeOutputFile(values.carry, '--carry', JSON.stringify(carried, null, 1), { replace: true });
          onProgress({
            stage: 'done',
            detail: `pre-state carried to ${values.carry}${carried.proofs ? ' with state proofs' : ' (the chain gave no state proofs)'}`,
          });
        }
        jobs.push({ tx, review });
      }
      if (ctx.out.json) ctx.out.data(jobs.map(({ review }) => reviewJson(review)));
      else jobs.forEach(({ tx, review }) => printReview(ctx.out, tx, review));
      return Math.max(...jobs.map(({ review }) => EXIT_FOR_WORST[review.worst ?? 'none']));
    });
  },
};

/** The review for scripts: everything but the raw traces, which a script can get by replaying. */
function reviewJson(review: Review) {
  const {
    callTree: _callTree,
    prestate: _prestate,
    diff: _diff,
    preStateCalls: _preStateCalls,
    preStateCodes: _preStateCodes,
    guessedCalls: _guessedCalls,
    ...simulation
  } = review.simulation;
  const calls = {
    lines: review.calls.lines.map((c) => ({ ...c, value: c.value.toString() })),
    omitted: review.calls.omitted,
  };
  return {
    hashes: review.hashes,
    decoded: review.decoded,
    simulation,
    calls,
    diff: review.diff,
    findings: review.findings,
    worst: review.worst,
  };
}
