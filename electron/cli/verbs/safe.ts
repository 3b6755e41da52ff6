import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { watchSafe } from '../../core/queue/watchSafe.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { parseHttpUrl, parseSafeRef } from '../parseSafeRef.js';

export const safeVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, service: { type: 'string' }, rpc: { type: 'string' }, label: { type: 'string' } },
      allowPositionals: true,
    });
    const [action, ref] = positionals;
    if (action === 'list') {
      const safes = await withStore(ctx, (store) => store.listWatchedSafes());
      if (ctx.out.json) ctx.out.data(safes);
      else if (safes.length === 0) ctx.out.line('No watched Safes. Add one with: guardian safe add <chainId>:<address> --service <url> --rpc <url>');
      else for (const s of safes) ctx.out.fields([[`${s.chainId}:${s.address}`, `${s.label ?? ''} service ${s.serviceUrl ?? '-'}  rpc ${s.rpcUrl ?? '-'}`]]);
      return 0;
    }
    if (action !== 'add') throw new GuardianError('INVALID_INPUT', 'Use "guardian safe add <chainId>:<address> ..." or "guardian safe list".');
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
