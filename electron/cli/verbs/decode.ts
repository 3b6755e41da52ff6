import { parseArgs } from 'node:util';
import { readArtifactAbis } from '../../core/decode/artifactAbis.js';
import type { DecodedAction, DecodedTransaction } from '../../core/decode/decodedTransaction.js';
import { decodeTransaction, type DecodeInput } from '../../core/decode/decodeTransaction.js';
import { storedDecodeOptions } from '../../core/store/storedDecodeOptions.js';
import { reviewedMultiSends } from '../../core/simulate/reviewedMultiSends.js';
import { GuardianError } from '../../core/errors.js';
import { withStore } from '../cliStore.js';
import { loadTarget } from '../loadTarget.js';
import { parseAddress, parseBigint, parseHexData, parseOperation } from '../parseFlags.js';
import type { CliContext, Verb } from '../cliContext.js';

function printAction(ctx: CliContext, action: DecodedAction, raw: boolean): void {
  const indent = '  '.repeat(action.depth + 1);
  const tag = action.path ? `${action.path}. ` : '';
  ctx.out.line(`${indent}${tag}${action.sentence}  ${ctx.out.dim(`[${action.class}; ${action.source}]`)}`);
  if (action.clearSigning) {
    ctx.out.line(`${indent}   ${ctx.out.dim(`described by ${action.clearSigning.source}`)}`);
    ctx.out.line(`${indent}   ${ctx.out.dim(`in the console's words: ${action.clearSigning.ownWords}`)}`);
  }
  for (const warning of action.warnings)
    ctx.out.line(
      `${indent}   ${/NOT|ambiguous|matches \d+ signatures|not shown|does not decode/.test(warning) ? ctx.out.bad(warning) : ctx.out.dim(warning)}`,
    );
  if (raw) {
    for (const arg of action.args)
      ctx.out.line(`${indent}   ${ctx.out.dim(`${arg.name} (${arg.type}) = ${JSON.stringify(arg.value)}`)}`);
  }
  for (const child of action.children) printAction(ctx, child, raw);
}

function print(ctx: CliContext, heading: string, decoded: DecodedTransaction, raw: boolean): void {
  ctx.out.heading(heading);
  ctx.out.fields([
    ['Classes', decoded.classes.join(', ')],
    ['Summary', decoded.summary],
  ]);
  if (decoded.flags.delegatecallToUnknown)
    ctx.out.line(ctx.out.bad('DELEGATECALL to a contract that is not a known MultiSend: it runs as the Safe.'));
  if (decoded.flags.ambiguous)
    ctx.out.line(ctx.out.bad('A selector matches several functions: see the candidates below.'));
  if (decoded.flags.truncated)
    ctx.out.line(ctx.out.bad('Part of this transaction was too deep or too large to decode; it is marked below.'));
  for (const action of decoded.actions) printAction(ctx, action, raw);
}

/** A bare call given by flags: what a guardian pastes from a proposal that is not queued anywhere yet. */
function callFromFlags(values: Record<string, string | boolean | undefined>): DecodeInput {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const chainId = text('chain-id');
  const to = text('to');
  const safe = text('safe');
  if (!chainId || !to || !safe)
    throw new GuardianError(
      'INVALID_INPUT',
      'Give a stored safeTxHash or a file, or a call as --chain-id N --safe ADDRESS --to ADDRESS [--data HEX --value WEI --operation 0|1].',
    );
  return {
    chainId: parseBigint(chainId, '--chain-id'),
    safe: parseAddress(safe, '--safe'),
    to: parseAddress(to, '--to'),
    value: parseBigint(text('value') ?? '0', '--value'),
    data: parseHexData(text('data') ?? '0x', '--data'),
    operation: parseOperation(text('operation') ?? '0', '--operation'),
  };
}

export const decodeVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: {
        json: { type: 'boolean' },
        raw: { type: 'boolean' },
        'chain-id': { type: 'string' },
        'safe-version': { type: 'string' },
        nonce: { type: 'string' },
        'multi-send': { type: 'string' },
        safe: { type: 'string' },
        to: { type: 'string' },
        data: { type: 'string' },
        value: { type: 'string' },
        operation: { type: 'string' },
        artifacts: { type: 'string' },
      },
      allowPositionals: true,
    });
    const artifacts = values.artifacts ? readArtifactAbis(values.artifacts) : [];
    const target = positionals[0];
    return withStore(ctx, (store) => {
      const txs: Array<{ heading: string; input: DecodeInput; safeTxHash?: string }> = [];
      if (target) {
        const loaded = loadTarget(store, target, values);
        for (const r of loaded.rejected)
          ctx.streams.stderr.write(
            `REFUSED transaction ${r.index + 1} of ${target}: ${r.error.message} [${r.error.code}]\n`,
          );
        for (const { safeTx, safeTxHash } of loaded.items)
          txs.push({
            heading: `Safe ${safeTx.chainId}:${safeTx.safe} nonce ${safeTx.nonce}`,
            input: safeTx,
            safeTxHash,
          });
      } else {
        const input = callFromFlags(values);
        txs.push({ heading: `Call from Safe ${input.chainId}:${input.safe}`, input });
      }
      // A MultiSend the latest review recognised by its code decodes as the batch it is, as the queue reads it.
      const byCode = target ? reviewedMultiSends(store) : new Map<string, string[]>();
      const decoded = txs.map(({ safeTxHash, ...t }) => {
        const options = storedDecodeOptions(store, t.input.chainId, t.input.safe, artifacts);
        const recognised = (safeTxHash && byCode.get(safeTxHash.toLowerCase())) || [];
        const extraMultiSend = [...(options.extraMultiSend ?? []), ...recognised];
        return { ...t, decoded: decodeTransaction(t.input, { ...options, extraMultiSend }) };
      });
      if (ctx.out.json) ctx.out.data(decoded.map((d) => d.decoded));
      else decoded.forEach((d) => print(ctx, d.heading, d.decoded, values.raw === true));
      return 0;
    });
  },
};
