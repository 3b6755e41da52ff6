import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { asLowerCase } from '../../core/input/asLowerCase.js';
import { ledgerHashFormat } from '../../core/ledger/ledgerHashFormat.js';
import type { SafeTx } from '../../core/safe/safeTx.js';
import { safeTxHashes } from '../../core/safe/safeTxHash.js';
import { keccakReady } from '../../core/safe/wasmKeccak.js';
import { versionList, versionsMatchingHash } from '../../core/safe/versionsMatchingHash.js';
import { SAFE_TX_FLAGS, safeTxFromFlags } from '../safeTxFlags.js';
import type { CliContext, Verb } from '../cliContext.js';
import { printedAtOnce } from '../output.js';
import type { confirmationsJson } from '../confirmationsJson.js';
import { guardianErrorJson } from '../../core/errorCauses.js';

const flagOptions = {
  json: { type: 'boolean' },
  ...SAFE_TX_FLAGS,
  claimed: { type: 'string' },
} as const;

export interface HashReport {
  tx: SafeTx;
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
  claimedSafeTxHash: string | null;
  /** "match" when a claim was checked and holds, "mismatch" when it does not, "unclaimed" when nobody claimed one. */
  verdict: 'match' | 'mismatch' | 'unclaimed';
  /** On a mismatch, the other Safe versions under which the fields give the claimed hash: the version may be wrong. */
  matchingVersions: string[];
  /** A stored transaction's confirmations, each verified again here, and the quorum they make. */
  signatures?: ReturnType<typeof confirmationsJson>;
}

export function hashReport(tx: SafeTx, claimed: string | null): HashReport {
  const hashes = safeTxHashes(tx);
  const verdict =
    claimed === null ? 'unclaimed' : asLowerCase(claimed) === asLowerCase(hashes.safeTxHash) ? 'match' : 'mismatch';
  return {
    tx,
    ...hashes,
    claimedSafeTxHash: claimed,
    verdict,
    matchingVersions: verdict === 'mismatch' && claimed !== null ? versionsMatchingHash(tx, claimed) : [],
  };
}

export function printHashReport(ctx: CliContext, report: HashReport, source: string): void {
  const { out } = ctx;
  const { tx } = report;
  out.heading(`Safe transaction (${source})`);
  out.fields([
    ['Chain id', tx.chainId.toString()],
    ['Safe', tx.safe],
    ['Safe version', tx.safeVersion],
    ['Nonce', tx.nonce.toString()],
    ['To', tx.to],
    ['Value', `${tx.value.toString()} wei`],
    ['Data', tx.data.length > 130 ? `${tx.data.slice(0, 130)}… (${(tx.data.length - 2) / 2} bytes)` : tx.data],
    ['Operation', tx.operation === 1 ? out.bad('1 DELEGATECALL') : '0 CALL'],
    ['safeTxGas', tx.safeTxGas.toString()],
    ['baseGas', tx.baseGas.toString()],
    ['gasPrice', tx.gasPrice.toString()],
    ['gasToken', tx.gasToken],
    ['refundReceiver', tx.refundReceiver],
  ]);
  out.line();
  out.heading('Hashes, as your Ledger shows them');
  out.fields([
    ['Domain hash', ledgerHashFormat(report.domainHash)],
    ['Message hash', ledgerHashFormat(report.messageHash)],
    ['safeTxHash', report.safeTxHash],
  ]);
  out.line();
  if (report.verdict === 'match') out.line(out.good(`Verdict: the claimed safeTxHash matches the one computed here.`));
  else if (report.verdict === 'mismatch' && report.matchingVersions.length > 0)
    out.line(
      out.bad(
        `Verdict: MISMATCH under Safe version ${tx.safeVersion}. The claimed ${report.claimedSafeTxHash} is what these fields give under version ${versionList(report.matchingVersions)}: the Safe version may be wrong. Do not sign until the hashes agree.`,
      ),
    );
  else if (report.verdict === 'mismatch')
    out.line(
      out.bad(`Verdict: MISMATCH. Claimed ${report.claimedSafeTxHash}, computed ${report.safeTxHash}. Do not sign.`),
    );
  else
    out.line(out.dim('Verdict: no hash was claimed; compare the hashes above with your device and your colleagues.'));
  if (report.signatures) printSignatures(ctx, report.signatures);
}

function printSignatures(ctx: CliContext, signatures: ReturnType<typeof confirmationsJson>): void {
  const { out } = ctx;
  const { quorum } = signatures;
  out.line();
  out.heading(
    `Signatures${quorum ? `: ${quorum.signed.length} of ${quorum.threshold} counted` : ": the Safe's owners are not known here"}`,
  );
  if (signatures.confirmations.length === 0) out.line(out.dim('  none yet'));
  for (const c of signatures.confirmations) {
    const label =
      c.status === 'valid' ? out.good('valid') : c.status === 'refused' ? out.bad('REFUSED') : out.dim('unverified');
    out.line(`  ${label} ${c.owner} ${c.kind ?? ''}${c.reason ? `: ${c.reason}` : ''}`);
  }
}

/** A report as --json writes it: the transaction's numbers as the decimal strings toJson would give them. */
function reportJson(report: HashReport): Omit<HashReport, 'tx'> & { tx: Record<string, unknown> } {
  // A copy in the transaction's own shape, its bigints then replaced in place: the same fields in the same order,
  // without an entry array for each field, and an object JSON.stringify still writes on its fast path.
  const tx: Record<string, unknown> = { ...report.tx };
  for (const field in tx) {
    const value = tx[field];
    if (typeof value === 'bigint') tx[field] = value.toString();
  }
  return { ...report, tx };
}

/** Prints reports and refusals; exit 1 when any hash disagrees or any transaction was refused. */
function finish(
  ctx: CliContext,
  reports: HashReport[],
  source: string,
  rejected: Array<{ index: number; error: GuardianError }>,
): number {
  if (ctx.out.json) {
    const json = reports.map(reportJson);
    ctx.out.data(
      rejected.length > 0
        ? { reports: json, rejected: rejected.map((r) => ({ index: r.index, error: guardianErrorJson(r.error) })) }
        : json,
    );
  } else {
    printedAtOnce(ctx.streams, false, (out) =>
      reports.forEach((report, i) => {
        if (i > 0) out.line();
        printHashReport({ ...ctx, out }, report, source);
      }),
    );
    for (const r of rejected)
      ctx.streams.stderr.write(
        `REFUSED transaction ${r.index + 1} of ${source}: ${r.error.message} [${r.error.code}]\n`,
      );
  }
  return reports.some((r) => r.verdict === 'mismatch') || rejected.length > 0 ? 1 : 0;
}

export const hashesVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: flagOptions,
      allowPositionals: true,
      strict: true,
    });
    const target = positionals[0];
    if (positionals.length > 1) throw new GuardianError('INVALID_INPUT', 'Give one safeTxHash or one file.');
    if (target === undefined) {
      return finish(ctx, [hashReport(safeTxFromFlags(values), values.claimed ?? null)], 'from flags', []);
    }
    // Only a file or a stored transaction needs the store: hashing from flags starts without loading it.
    const [{ withStore }, { loadTarget }] = await Promise.all([import('../cliStore.js'), import('../loadTarget.js')]);
    // A file may hold a page of hundreds: the WebAssembly Keccak repays its start-up after a few dozen.
    await keccakReady();
    return withStore(ctx, async (store) => {
      const loaded = loadTarget(store, target, values);
      if (!loaded.stored)
        return finish(
          ctx,
          loaded.items.map((i) => hashReport(i.safeTx, i.claimedSafeTxHash)),
          loaded.source,
          loaded.rejected,
        );
      // Only a stored transaction has confirmations kept here to verify; a file's are checked on import.
      const [{ confirmationsJson }, { verifiedConfirmations }] = await Promise.all([
        import('../confirmationsJson.js'),
        import('../../core/bundle/verifiedConfirmations.js'),
      ]);
      const reports = await Promise.all(
        loaded.items.map(async (i) => ({
          ...hashReport(i.safeTx, i.claimedSafeTxHash),
          signatures: confirmationsJson(await verifiedConfirmations(store, i.safeTxHash)),
        })),
      );
      return finish(ctx, reports, loaded.source, loaded.rejected);
    });
  },
};
