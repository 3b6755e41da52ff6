import { parseArgs } from 'node:util';
import type { DecodedAction, DecodedTransaction } from '../../core/decode/decodedTransaction.js';
import { decodeTransaction } from '../../core/decode/decodeTransaction.js';
import { storedDecodeOptions } from '../../core/decode/storedDecodeOptions.js';
import { GuardianError } from '../../core/errors.js';
import { withStore } from '../cliStore.js';
import { loadTarget } from '../loadTarget.js';
import type { SafeTx } from '../../core/safe/safeTx.js';
import type { CliContext, Verb } from '../cliContext.js';

function printAction(ctx: CliContext, action: DecodedAction): void {
  const indent = '  '.repeat(action.depth + 1);
  const tag = action.path ? `${action.path}. ` : '';
  ctx.out.line(`${indent}${tag}${action.sentence}  ${ctx.out.dim(`[${action.class}; ${action.source}]`)}`);
  for (const warning of action.warnings) ctx.out.line(`${indent}   ${/NOT|ambiguous|matches \d+ signatures/.test(warning) ? ctx.out.bad(warning) : ctx.out.dim(warning)}`);
  if (ctx.args.includes('--raw')) {
    for (const arg of action.args) ctx.out.line(`${indent}   ${ctx.out.dim(`${arg.name} (${arg.type}) = ${JSON.stringify(arg.value)}`)}`);
  }
  for (const child of action.children) printAction(ctx, child);
}

function print(ctx: CliContext, tx: SafeTx, decoded: DecodedTransaction): void {
  ctx.out.heading(`Safe ${tx.chainId}:${tx.safe} nonce ${tx.nonce}`);
  ctx.out.fields([
    ['Classes', decoded.classes.join(', ')],
    ['Summary', decoded.summary],
  ]);
  if (decoded.flags.delegatecallToUnknown) ctx.out.line(ctx.out.bad('DELEGATECALL to a contract that is not a known MultiSend: it runs as the Safe.'));
  if (decoded.flags.ambiguous) ctx.out.line(ctx.out.bad('A selector matches several functions: see the candidates below.'));
  if (decoded.flags.truncated) ctx.out.line(ctx.out.bad('Part of this transaction was too deep or too large to decode; it is marked below.'));
  for (const action of decoded.actions) printAction(ctx, action);
}

export const decodeVerb: Verb = {
  usage: 'decode <safeTxHash|file> [--raw] [--json] [--chain-id N --safe-version V --nonce N]',
  summary: 'Decode a queued transaction into plain words: every call, batch and nested Safe, with its class',
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, raw: { type: 'boolean' }, 'chain-id': { type: 'string' }, 'safe-version': { type: 'string' }, nonce: { type: 'string' } },
      allowPositionals: true,
    });
    const target = positionals[0];
    if (!target) throw new GuardianError('INVALID_INPUT', 'Give a stored safeTxHash (or a prefix of it) or a file.');
    return withStore(ctx, (store) => {
      const loaded = loadTarget(store, target, values);
      for (const r of loaded.rejected) ctx.streams.stderr.write(`REFUSED transaction ${r.index + 1} of ${target}: ${r.error.message} [${r.error.code}]\n`);
      const txs = loaded.items.map((i) => i.safeTx);
      const decoded = txs.map((tx) => ({ tx, decoded: decodeTransaction(tx, storedDecodeOptions(store, tx.chainId, tx.safe)) }));
      if (ctx.out.json) ctx.out.data(decoded.map((d) => d.decoded));
      else decoded.forEach((d) => print(ctx, d.tx, d.decoded));
      return 0;
    });
  },
};
