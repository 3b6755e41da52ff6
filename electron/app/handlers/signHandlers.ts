import { LedgerEthApp } from '../../core/ledger/ethApp.js';
import { postStoredConfirmations } from '../../core/signing/postStoredConfirmations.js';
import { signOnDevice } from '../../core/signing/signOnDevice.js';
import type { signContract } from '../../ipc/signContract.js';
import { signingStep } from '../signingStep.js';
import type { HandlersOf } from './channelHandlerTypes.js';
import type { HandlerContext } from './handlerContext.js';

export function signHandlers({
  services,
  store,
  signing,
}: Pick<HandlerContext, 'services' | 'store' | 'signing'>): HandlersOf<typeof signContract> {
  return {
    'queue.sign': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const { result, posted, postFailure, quorum } = await signing.alone(
        item.safeTxHash,
        'This transaction is already being signed at this station: finish on the Ledger first.',
        (report) =>
          signOnDevice({
            store,
            openDevice: () => services.openLedger(),
            safeTxHash: item.safeTxHash,
            mode: request.mode,
            acknowledged: request.acknowledged,
            ...request.account,
            post: true,
            onProgress: (p) => report(signingStep(p)),
          }),
      );
      return {
        signer: result.signer,
        mode: result.mode,
        path: result.path,
        posted,
        postFailure: postFailure?.message ?? null,
        quorum: {
          threshold: quorum.threshold,
          signed: quorum.signed,
          missing: quorum.missing,
          refused: quorum.refused,
          unverified: quorum.unverified,
          met: quorum.met,
        },
      };
    },
    'queue.signProgress': (request) => ({ steps: signing.read(request.safeTxHash) }),
    'queue.postAgain': async (request) => {
      const outcomes = await postStoredConfirmations(store, {
        safeTxHash: store.getQueueItem(request.safeTxHash).safeTxHash,
      });
      return {
        outcomes: outcomes.map((o) => ({
          owner: o.owner,
          posted: o.posted,
          failure: o.posted ? null : o.failure.message,
        })),
      };
    },
    'device.check': async () => {
      const transport = await services.openLedger();
      try {
        return await new LedgerEthApp(transport).appInfo();
      } finally {
        await transport.close();
      }
    },
  };
}
