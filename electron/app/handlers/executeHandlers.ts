import { JsonRpcProvider } from 'ethers';
import { GuardianError } from '../../core/errors.js';
import { LedgerEthApp } from '../../core/ledger/ethApp.js';
import { ledgerPath } from '../../core/ledger/ledgerPaths.js';
import { executeOnDevice } from '../../core/signing/executeOnDevice.js';
import { executionPreview } from '../../core/signing/executionPreview.js';
import type { executeContract } from '../../ipc/executeContract.js';
import { executionStep } from '../executionStep.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function executeHandlers({
  services,
  store,
  executing,
}: Pick<HandlerContext, 'services' | 'store' | 'executing'>): HandlersOf<typeof executeContract> {
  return {
    'queue.execute': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      return executing.alone(
        item.safeTxHash,
        'This transaction is already being executed from this station.',
        (report) =>
          executeOnDevice({
            store,
            openDevice: () => services.openLedger(),
            safeTxHash: item.safeTxHash,
            path: ledgerPath('ledger-live', request.account),
            onProgress: (p) => report(executionStep(p)),
          }),
      );
    },
    'queue.executePreview': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
      if (!rpcUrl)
        throw new GuardianError('INVALID_INPUT', 'No RPC URL for this Safe here: an execution needs the chain.');
      const provider = new JsonRpcProvider(rpcUrl, Number(item.safeTx.chainId), { staticNetwork: true });
      try {
        const transport = await services.openLedger();
        try {
          const path = ledgerPath('ledger-live', request.account);
          const p = await executionPreview({
            store,
            app: new LedgerEthApp(transport),
            provider,
            safeTxHash: item.safeTxHash,
            path,
          });
          return { ...p, balance: p.balance.toString(), gasEstimate: p.gasEstimate?.toString() ?? null };
        } finally {
          await transport.close();
        }
      } finally {
        provider.destroy();
      }
    },
    'queue.executeProgress': (request) => ({ steps: executing.read(request.safeTxHash) }),
  };
}
