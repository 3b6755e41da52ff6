import { parseArgs } from 'node:util';
import { JsonRpcProvider } from 'ethers';
import { GuardianError } from '../../core/errors.js';
import { openLedgerDevice } from '../../core/ledger/devices.js';
import { LedgerEthApp } from '../../core/ledger/ethApp.js';
import { ledgerPath, parseLedgerPath } from '../../core/ledger/ledgerPaths.js';
import { executeQueueItem } from '../../core/signing/executeQueueItem.js';
import { withStore } from '../cliStore.js';
import type { Verb } from '../cliContext.js';
import { parseHttpUrl } from '../parseSafeRef.js';

export const executeVerb: Verb = {
  usage: 'execute <safeTxHash> [--path "44\'/60\'/0\'/0/0"] [--rpc url]',
  summary: 'Execute a transaction whose threshold is met, sent from a Ledger account after a final simulation',
  async run(ctx) {
    const { values, positionals } = parseArgs({ args: ctx.args, options: { json: { type: 'boolean' }, path: { type: 'string' }, rpc: { type: 'string' } }, allowPositionals: true });
    const target = positionals[0];
    if (!target) throw new GuardianError('INVALID_INPUT', 'Give the safeTxHash (or a prefix of it) to execute.');
    return withStore(ctx, async (store) => {
      const item = store.getQueueItem(target);
      const rpcUrl = values.rpc ? parseHttpUrl(values.rpc, '--rpc') : store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
      if (!rpcUrl) throw new GuardianError('INVALID_INPUT', 'No RPC URL for this Safe: give --rpc, or add it with guardian safe add.');
      const provider = new JsonRpcProvider(rpcUrl, Number(item.safeTx.chainId), { staticNetwork: true });
      const transport = await openLedgerDevice();
      try {
        const result = await executeQueueItem({
          store,
          app: new LedgerEthApp(transport),
          provider,
          safeTxHash: item.safeTxHash,
          path: values.path ? parseLedgerPath(values.path) : ledgerPath('ledger-live', 0),
          onProgress: (p) => ctx.streams.stderr.write(`${p.stage === 'awaiting-approval' ? 'Approve the execution on your Ledger…' : p.stage}\n`),
        });
        if (ctx.out.json) ctx.out.data(result);
        else ctx.out.line(result.success ? ctx.out.good(`Executed in ${result.transactionHash}.`) : ctx.out.bad(`Mined in ${result.transactionHash}, but the Safe reported the inner call failed.`));
        return result.success ? 0 : 1;
      } finally {
        await transport.close();
        provider.destroy();
      }
    });
  },
};
