import { parseArgs } from 'node:util';
import { GuardianError } from '../../core/errors.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { executeOnDevice } from '../../core/signing/executeOnDevice.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { parseHttpUrl } from '../parseSafeRef.js';

export const executeVerb: Verb = {
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { json: { type: 'boolean' }, path: { type: 'string' }, rpc: { type: 'string' } },
      allowPositionals: true,
    });
    const target = positionals[0];
    if (!target) throw new GuardianError('INVALID_INPUT', 'Give the safeTxHash (or a prefix of it) to execute.');
    return withStore(ctx, async (store) => {
      const result = await executeOnDevice({
        store,
        openDevice: () => openLedgerDevice(),
        safeTxHash: store.getQueueItem(target).safeTxHash,
        ...(values.rpc ? { rpcUrl: parseHttpUrl(values.rpc, '--rpc') } : {}),
        ...(values.path ? { path: values.path } : {}),
        onProgress: (p) =>
          ctx.streams.stderr.write(
            `${p.stage === 'awaiting-approval' ? 'Approve the execution on your Ledger…' : p.stage}\n`,
          ),
      });
      if (ctx.out.json) ctx.out.data(result);
      else
        ctx.out.line(
          result.success
            ? ctx.out.good(`Executed in ${result.transactionHash}.`)
            : ctx.out.bad(`Mined in ${result.transactionHash}, but the Safe reported the inner call failed.`),
        );
      return result.success ? 0 : 1;
    });
  },
};
