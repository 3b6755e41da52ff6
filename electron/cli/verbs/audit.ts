import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { GuardianError } from '../../core/errors.js';
import type { AuditEntry } from '../../core/store/auditLog.js';
import { depthOfEntry } from '../../core/signing/signatureDepths.js';
import { refusedBundleFields } from '../../core/bundle/refusedBundleFields.js';
import { describeDepth } from '../../core/signing/verificationDepth.js';
import type { AuditChainVerdict } from '../../core/store/verifyAuditChain.js';
import { withStore } from '../cliStore.js';
import { writeOutputFile } from '../outputFile.js';
import type { CliContext, Verb } from '../cliContext.js';
import { AUDIT_KINDS } from '../auditKinds.js';
import type { Store } from '../../core/store/openStore.js';

const head = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 0x-prefixed 32-byte hash');
/** The last line of an export: the head it was written at. */
const exportTail = z.object({ format: z.literal('guardian-audit-export'), head, entries: z.number().int().min(0) });

/** The head an earlier export recorded: the last line of the file `guardian audit export` wrote. */
function headOfExport(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new GuardianError(
      'INVALID_FILE',
      `Could not read ${path}: ${cause instanceof Error ? cause.message : String(cause)}.`,
      { cause },
    );
  }
  const last = text.trimEnd().split('\n').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    parsed = null;
  }
  const tail = exportTail.safeParse(parsed);
  if (!tail.success)
    throw new GuardianError('INVALID_FILE', `${path} does not end with the head line guardian audit export writes.`);
  return tail.data.head.toLowerCase();
}

/** A kind this console records, or one already in this log (written by another version of it). */
function knownKind(store: Store, kind: string): string {
  if (AUDIT_KINDS.includes(kind)) return kind;
  const known = [...new Set([...AUDIT_KINDS, ...store.listAudit().map((e) => e.kind)])];
  if (known.includes(kind)) return kind;
  throw new GuardianError(
    'INVALID_INPUT',
    `--kind "${kind}" is not a kind of audit entry; the kinds are ${known.join(', ')}.`,
  );
}

function printVerdict(ctx: CliContext, verdict: AuditChainVerdict & { guardsMissing: string[] }): void {
  if (ctx.out.json) return ctx.out.data(verdict);
  if (verdict.intact) ctx.out.line(ctx.out.good(`Audit log intact: ${verdict.entries} entries, every link holds.`));
  else
    ctx.out.line(
      ctx.out.bad(
        `Audit log TAMPERED at entry #${verdict.firstBad!.id} (${verdict.firstBad!.problem}): ${verdict.firstBad!.message}`,
      ),
    );
  // The links may all hold while the guards that keep an honest program from rewriting the log are gone.
  if (verdict.guardsMissing.length > 0)
    ctx.out.line(
      ctx.out.bad(
        `Audit log guards DROPPED: the store no longer refuses to rewrite the log (${verdict.guardsMissing.join(', ')} missing). The console never drops them: someone worked on this file with another SQLite tool.`,
      ),
    );
  ctx.out.fields([
    ['Head', verdict.head],
    ['Head entry', verdict.headId === null ? '(none)' : `#${verdict.headId}`],
  ]);
  if (verdict.intact && verdict.guardsMissing.length === 0)
    ctx.out.line(
      ctx.out.dim(
        'Record the head elsewhere: a later rewrite of this log cannot match it (guardian audit verify --head HASH).',
      ),
    );
}

/**
 * A signature entry with what was checked before it, in words, beside the structured depth its details keep:
 * the line a reader years later understands without this console. Null for a signature from before depths.
 */
function withDepth(entry: AuditEntry): AuditEntry & { verificationDepth?: string | null } {
  if (entry.kind !== 'signature') return entry;
  const depth = depthOfEntry(entry);
  return { ...entry, verificationDepth: depth ? describeDepth(depth) : null };
}

/** A drill's entry in a few words: which drill, how its steps went, whether it met its targets. */
function drillSummary(entry: AuditEntry): string {
  if (entry.kind !== 'drill' || !entry.details) return '';
  const { scenario, figures } = entry.details as {
    scenario?: unknown;
    figures?: {
      passed?: unknown;
      steps?: unknown;
      trapsRefused?: unknown;
      trapsSigned?: unknown;
      targetsMet?: unknown;
    };
  };
  if (typeof scenario !== 'string' || !figures) return '';
  return ` "${scenario}": ${String(figures.passed)} of ${String(figures.steps)} steps as expected, traps refused ${String(figures.trapsRefused)} (signed ${String(figures.trapsSigned)}), targets ${figures.targetsMet === true ? 'met' : 'NOT met'}`;
}

function printEntries(ctx: CliContext, entries: readonly AuditEntry[]): void {
  if (ctx.out.json) return ctx.out.data(entries.map(withDepth));
  // Columns as wide as what they hold: kinds like nested-message-signature-refused are longer than a fixed pad.
  const width = (cells: string[]) => Math.max(0, ...cells.map((c) => c.length));
  const idWidth = width(entries.map((e) => `#${e.id}`));
  const kindWidth = width(entries.map((e) => e.kind));
  const hashWidth = width(entries.map((e) => e.safeTxHash ?? '-'));
  for (const e of entries) {
    const verdict = e.details && 'worst' in e.details ? ` worst ${String(e.details['worst'] ?? 'none')}` : '';
    const fields = e.kind === 'bundle-refused' ? refusedBundleFields(e.details) : null;
    const rest = `${e.actor ? ` by ${e.actor}` : ''}${verdict}${drillSummary(e)}${fields ? ` ${fields}` : ''}`;
    const hash = (e.safeTxHash ?? '-').padEnd(rest ? hashWidth : 0);
    ctx.out.line(`${`#${e.id}`.padEnd(idWidth)}  ${e.at}  ${e.kind.padEnd(kindWidth)}  ${hash}${rest}`.trimEnd());
    const { verificationDepth } = withDepth(e);
    if (verificationDepth !== undefined)
      ctx.out.line(
        `${' '.repeat(idWidth + 2)}${ctx.out.dim(`checked: ${verificationDepth ?? 'not recorded (signed before depths were kept)'}`)}`,
      );
  }
}

export const auditVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: {
        json: { type: 'boolean' },
        tx: { type: 'string' },
        kind: { type: 'string' },
        head: { type: 'string' },
        against: { type: 'string' },
        out: { type: 'string' },
      },
      allowPositionals: true,
    });
    const [action] = positionals;
    return withStore(ctx, (store) => {
      if (action === 'list') {
        printEntries(
          ctx,
          store.listAudit({
            ...(values.tx ? { safeTxHash: values.tx } : {}),
            ...(values.kind !== undefined ? { kind: knownKind(store, values.kind) } : {}),
          }),
        );
        return 0;
      }
      if (action === 'verify') {
        if (values.head !== undefined && !head.safeParse(values.head).success)
          throw new GuardianError('INVALID_INPUT', `--head ${values.head} is not a 0x-prefixed 32-byte hash.`);
        const expected = values.against ? headOfExport(values.against) : values.head?.toLowerCase();
        const verdict = store.verifyAudit(expected);
        printVerdict(ctx, verdict);
        return verdict.intact && verdict.guardsMissing.length === 0 ? 0 : 1;
      }
      if (action === 'export') {
        if (!values.out) throw new GuardianError('INVALID_INPUT', 'guardian audit export writes a file: give --out.');
        const verdict = store.verifyAudit();
        const lines = store.listAudit().map((e) => JSON.stringify(withDepth(e)));
        lines.push(
          JSON.stringify({
            format: 'guardian-audit-export',
            head: verdict.head,
            entries: verdict.entries,
            intact: verdict.intact,
            exportedAt: new Date().toISOString(),
          }),
        );
        writeOutputFile(values.out, '--out', `${lines.join('\n')}\n`, { replace: false });
        if (ctx.out.json) ctx.out.data({ out: values.out, ...verdict });
        else
          ctx.out.line(
            ctx.out.good(
              `Wrote ${values.out}: ${verdict.entries} entries, head ${verdict.head}${verdict.intact ? '' : ` (the log is NOT intact: ${verdict.firstBad!.message})`}.`,
            ),
          );
        return verdict.intact ? 0 : 1;
      }
      throw new GuardianError(
        'INVALID_INPUT',
        'Use "guardian audit list", "guardian audit verify" or "guardian audit export --out file".',
      );
    });
  },
};
