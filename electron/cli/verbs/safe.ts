import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { watchSafe } from '../../core/queue/watchSafe.js';
import { durationWords } from '../../core/queue/durationWords.js';
import { governanceLatency } from '../../core/queue/governanceLatency.js';
import { guardianErrorJson } from '../../core/errorCauses.js';
import { withStore } from '../cliStore.js';
import { EXIT, EXIT_FOR_ERROR } from '../exitCodes.js';
import type { Verb } from '../cliContext.js';
import { parseHttpUrl, parseSafeRef } from '../parseSafeRef.js';

export const safeVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: {
        json: { type: 'boolean' },
        service: { type: 'string' },
        rpc: { type: 'string' },
        label: { type: 'string' },
        last: { type: 'string' },
      },
      allowPositionals: true,
    });
    const [action, ref] = positionals;
    if (action === 'list') {
      // A row that does not read back is named by itself, on stderr; every other Safe is still listed.
      const { safes, damaged } = await withStore(ctx, (store) => store.readWatchedSafes());
      if (ctx.out.json) {
        ctx.out.data(safes);
        for (const e of damaged) ctx.streams.stderr.write(`${JSON.stringify({ damaged: guardianErrorJson(e) })}\n`);
      } else {
        if (safes.length === 0 && damaged.length === 0)
          ctx.out.line(
            'No watched Safes. Add one with: guardian safe add <chainId>:<address> --service <url> --rpc <url>',
          );
        for (const s of safes)
          ctx.out.fields([
            [`${s.chainId}:${s.address}`, `${s.label ?? ''} service ${s.serviceUrl ?? '-'}  rpc ${s.rpcUrl ?? '-'}`],
          ]);
        for (const e of damaged) ctx.streams.stderr.write(`${ctx.out.bad('DAMAGED')} ${e.message} [${e.code}]\n`);
      }
      return damaged[0] ? EXIT_FOR_ERROR[damaged[0].code] : EXIT.OK;
    }
    if (action === 'latency') {
      const { chainId, address } = parseSafeRef(ref);
      if (values.last !== undefined && !/^[1-9][0-9]{0,3}$/.test(values.last))
        throw new GuardianError('INVALID_INPUT', `--last ${values.last} is not a count from 1 to 9999.`);
      // From what pulls kept: it reads offline, and a service that forgets its history does not erase it here.
      const latency = governanceLatency(
        await withStore(ctx, (store) => store.listExecutedTransactions(chainId, address)),
        Number(values.last ?? 10),
      );
      if (ctx.out.json) {
        ctx.out.data({ safe: `${chainId}:${address}`, ...latency });
        return 0;
      }
      const words = (ms: number | null) => (ms === null ? '-' : durationWords(ms));
      ctx.out.heading(`Governance latency of ${chainId}:${address} (proposal to execution)`);
      ctx.out.fields([
        [
          'Executed',
          `${latency.executed} known here, ${latency.measured} measured, ${latency.checkedOnChain} timed by their block (the rest by the service's word)`,
        ],
        ['Median', words(latency.medianMs)],
        ['p90', words(latency.p90Ms)],
      ]);
      for (const s of latency.last)
        ctx.out.line(
          `  nonce ${s.nonce.toString().padEnd(5)} ${s.safeTxHash.slice(0, 18)}…  ${words(s.latencyMs).padEnd(8)} executed ${s.executedAt}${s.executedAtSource === 'chain' ? '' : ctx.out.dim(" (service's word)")}`,
        );
      for (const u of latency.unmeasured)
        ctx.out.line(ctx.out.dim(`  not measured ${u.safeTxHash.slice(0, 18)}…: ${u.reason}`));
      if (latency.executed === 0)
        ctx.out.line(ctx.out.dim('  No executed transactions kept yet: "guardian queue" pulls them with the queue.'));
      return 0;
    }
    if (action !== 'add')
      throw new GuardianError(
        'INVALID_INPUT',
        'Use "guardian safe add <chainId>:<address> ...", "guardian safe list" or "guardian safe latency <chainId>:<address>".',
      );
    const { chainId, address } = parseSafeRef(ref);
    const saved = await withStore(ctx, (store) =>
      watchSafe(store, {
        chainId,
        address,
        serviceUrl: values.service ? parseHttpUrl(values.service, '--service') : null,
        rpcUrl: values.rpc ? parseHttpUrl(values.rpc, '--rpc') : null,
        label: values.label ?? null,
      }),
    );
    if (ctx.out.json) ctx.out.data(saved);
    else {
      ctx.out.line(ctx.out.good(`Watching Safe ${saved.chainId}:${saved.address}`));
      ctx.out.fields([
        ['Service', saved.serviceUrl ?? '(none: files only)'],
        ['RPC', saved.rpcUrl ?? '(none: no simulation)'],
      ]);
      ctx.out.line(ctx.out.dim('Next: guardian queue'));
    }
    return 0;
  },
};
