import { carryPreState } from '../core/bundle/carryPreState.js';
import { replayCarriedReview } from '../core/bundle/replayCarriedReview.js';
import { reviewBundle, reviewBundleJson } from '../core/bundle/reviewBundle.js';
import { signaturesFile } from '../core/bundle/signaturesFile.js';
import { AddressBook } from '../core/decode/addressBook.js';
import { checksumAddress } from '../core/decode/checksumAddress.js';
import { decodeTransaction, type DecodeOptions } from '../core/decode/decodeTransaction.js';
import { storedDecodeOptions } from '../core/decode/storedDecodeOptions.js';
import { GuardianError } from '../core/errors.js';
import { LedgerEthApp } from '../core/ledger/ethApp.js';
import { JsonRpcProvider } from 'ethers';
import type { Transport } from '../core/ledger/ledgerLibraries.js';
import { ledgerPath } from '../core/ledger/ledgerPaths.js';
import { pullQueue } from '../core/queue/pullQueue.js';
import { SAFE_VERSION_RULES } from '../core/safe/safeVersions.js';
import { safeTxHashes } from '../core/safe/safeTxHash.js';
import { executeOnDevice } from '../core/signing/executeOnDevice.js';
import { executionPreview } from '../core/signing/executionPreview.js';
import { quorumStatus } from '../core/signing/quorum.js';
import { signOnDevice } from '../core/signing/signOnDevice.js';
import { recordReview } from '../core/simulate/recordReview.js';
import { reviewSafeTx, type Review } from '../core/simulate/reviewSafeTx.js';
import type { SimulationProgress } from '../core/simulate/simulationTypes.js';
import { storedReviewInput } from '../core/simulate/storedReviewInput.js';
import { withFork } from '../core/simulate/withFork.js';
import type { Store } from '../core/store/openStore.js';
import type { Channel } from '../ipc/channels.js';
import type { contract, Response } from '../ipc/contract.js';
import type { z } from 'zod';
import { exportFile } from './exportFile.js';
import { importedFile } from './importedFile.js';
import { lastReviews } from './lastReviews.js';
import { queueEntry, type QueueReading } from './queueEntry.js';
import { reviewView } from './reviewView.js';
import { ProgressBoard } from './progressBoard.js';
import { executionStep, type ExecutionStep } from './executionStep.js';
import { signingStep, type SigningStep } from './signingStep.js';

/** What the main process hands the handlers: real objects in the app, real local ones in the tests. */
export interface MainServices {
  store: Store;
  /** Electron's clipboard in the app; anything with writeText in tests. */
  clipboard: { writeText(text: string): void };
  version: string;
  dataDir: string;
  /** The Ledger to sign with: the one plugged in over USB in the app, a software device in the tests. */
  openLedger(): Promise<Transport>;
}

/** Each handler receives its request already parsed by the contract (bigints, checksummed addresses). */
export type ChannelHandlers = {
  [C in Channel]: (request: z.output<(typeof contract)[C]['request']>) => Promise<Response<C>> | Response<C>;
};

/** The main process's side of each channel: thin calls into the core, shaped for the renderer. */
export function createHandlers(services: MainServices): ChannelHandlers {
  const { store } = services;
  const progress = new ProgressBoard<SimulationProgress>();
  const signing = new ProgressBoard<SigningStep>();
  const executing = new ProgressBoard<ExecutionStep>();
  const threshold = (chainId: bigint, safe: string) => store.getSafeInfo(chainId, safe)?.threshold ?? null;
  // The addresses each transaction's latest review showed: the only ones the renderer may put on the clipboard.
  const shownAddresses = new Map<string, Set<string>>();
  return {
    'app.info': () => ({ version: services.version, dataDir: services.dataDir, safeVersions: SAFE_VERSION_RULES.map((r) => r.version) }),
    'safes.list': () =>
      store.listWatchedSafes().map((s) => {
        const info = store.getSafeInfo(s.chainId, s.address);
        return {
          chainId: s.chainId.toString(),
          address: s.address,
          label: s.label,
          serviceUrl: s.serviceUrl,
          rpcUrl: s.rpcUrl,
          owners: info?.owners ?? null,
          threshold: info?.threshold ?? null,
          nonce: info?.nonce.toString() ?? null,
          version: info?.version ?? null,
        };
      }),
    'queue.list': (request) => {
      const items = store.listQueueItems({ ...(request.chainId ? { chainId: BigInt(request.chainId) } : {}), ...(request.safe ? { safe: request.safe } : {}) });
      // One set of decode options per Safe, not per row: they come from the store (ABIs, owners, labels).
      const options = new Map<string, DecodeOptions>();
      const read = (item: (typeof items)[number]): QueueReading => {
        const { chainId, safe } = item.safeTx;
        const key = `${chainId}:${safe.toLowerCase()}`;
        try {
          if (!options.has(key)) options.set(key, storedDecodeOptions(store, chainId, safe));
          return { decoded: decodeTransaction(item.safeTx, options.get(key)!) };
        } catch (error) {
          // One unreadable transaction costs its own row its sentence, never the list.
          return { failure: error instanceof GuardianError ? error.message : 'the decoder failed' };
        }
      };
      const reviewed = lastReviews(store);
      return items.map((item) => queueEntry(item, threshold(item.safeTx.chainId, item.safeTx.safe), read(item), reviewed.get(item.safeTxHash.toLowerCase()) ?? null));
    },
    'queue.pull': async () => {
      // Each Safe lands whole or not at all (pullQueue); one unreachable service costs only its own Safe.
      const outcomes = await Promise.all(store.listWatchedSafes().map((safe) => pullQueue(store, safe)));
      return {
        safes: outcomes.map(({ safe, pulled, rejected, failure }) => ({
          chainId: safe.chainId.toString(),
          address: safe.address,
          label: safe.label,
          asked: safe.serviceUrl !== null,
          pulled,
          refused: rejected.map((r) => ({ claimedSafeTxHash: r.claimedSafeTxHash ?? null, nonce: r.nonce ?? null, reason: r.error.message })),
          failure: failure?.message ?? null,
        })),
      };
    },
    'queue.import': (request) => importedFile(store, request.name, request.text),
    'queue.exportBundle': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
      if (!rpcUrl) throw new GuardianError('INVALID_INPUT', 'A review bundle carries the pre-state of a review on a fork: this Safe has no RPC URL here.');
      const carried = await carryPreState(store, item, rpcUrl);
      return { path: exportFile(services.dataDir, `${item.safeTxHash.slice(0, 10)}.bundle.json`, reviewBundleJson(reviewBundle(store, item.safeTxHash, carried))) };
    },
    'queue.exportSignatures': (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      return { path: exportFile(services.dataDir, `${item.safeTxHash.slice(0, 10)}.signatures.json`, signaturesFile(store, item.safeTxHash)), signatures: item.confirmations.length };
    },
    'queue.hashes': (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      return { ...safeTxHashes(item.safeTx), storedSafeTxHash: item.safeTxHash };
    },
    'queue.review': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const { chainId, safe } = item.safeTx;
      const rpcUrl = store.getWatchedSafe(chainId, safe)?.rpcUrl;
      // Air-gapped: no chain here, but the pre-state a bundle brought, replayed in a fresh anvil.
      const carried = rpcUrl ? null : store.getCarriedState(item.safeTxHash);
      if (!rpcUrl && !carried) throw new GuardianError('INVALID_INPUT', `No RPC URL for Safe ${chainId}:${safe}, and no review bundle imported for this transaction: add the RPC with guardian safe add --rpc, or import its bundle.`);
      // The main process owns the network: it forks the chain, the renderer only receives the result.
      progress.start(item.safeTxHash);
      const onProgress = (p: SimulationProgress) => progress.report(item.safeTxHash, p);
      let review: Review;
      let book = new AddressBook();
      try {
        if (carried) {
          const replayed = await replayCarriedReview(store, item.safeTx, carried, onProgress);
          review = replayed.review;
          book = replayed.input.decodeOptions?.addressBook ?? book;
        } else {
          review = await withFork(
            rpcUrl!,
            chainId,
            (provider) => {
              const input = storedReviewInput(store, item.safeTx, provider);
              book = input.decodeOptions?.addressBook ?? book;
              return reviewSafeTx({ ...input, onProgress });
            },
            onProgress,
          );
        }
      } finally {
        progress.finish(item.safeTxHash);
      }
      recordReview(store, review, { replayed: carried !== null });
      const info = store.getSafeInfo(chainId, safe);
      const view = reviewView(review, book, chainId, info ? quorumStatus(info.owners, info.threshold, store.getQueueItem(item.safeTxHash).confirmations) : null);
      shownAddresses.set(item.safeTxHash.toLowerCase(), new Set(view.addresses.map((a) => a.address.toLowerCase())));
      return view;
    },
    'queue.reviewProgress': (request) => ({ steps: progress.read(request.safeTxHash) }),
    'queue.sign': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const { result, posted, postFailure, quorum } = await signing.alone(item.safeTxHash, 'This transaction is already being signed at this station: finish on the Ledger first.', (report) =>
        signOnDevice({ store, openDevice: () => services.openLedger(), safeTxHash: item.safeTxHash, mode: request.mode, acknowledged: request.acknowledged, post: true, onProgress: (p) => report(signingStep(p)) }),
      );
      return { signer: result.signer, mode: result.mode, path: result.path, posted, postFailure: postFailure?.message ?? null, quorum: { threshold: quorum.threshold, signed: quorum.signed, missing: quorum.missing, met: quorum.met } };
    },
    'queue.signProgress': (request) => ({ steps: signing.read(request.safeTxHash) }),
    'queue.execute': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      return executing.alone(item.safeTxHash, 'This transaction is already being executed from this station.', (report) =>
        executeOnDevice({ store, openDevice: () => services.openLedger(), safeTxHash: item.safeTxHash, path: ledgerPath('ledger-live', request.account), onProgress: (p) => report(executionStep(p)) }),
      );
    },
    'queue.executePreview': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
      if (!rpcUrl) throw new GuardianError('INVALID_INPUT', 'No RPC URL for this Safe here: an execution needs the chain.');
      const provider = new JsonRpcProvider(rpcUrl, Number(item.safeTx.chainId), { staticNetwork: true });
      try {
        const transport = await services.openLedger();
        try {
          const path = ledgerPath('ledger-live', request.account);
          const p = await executionPreview({ store, app: new LedgerEthApp(transport), provider, safeTxHash: item.safeTxHash, path });
          return { ...p, balance: p.balance.toString(), gasEstimate: p.gasEstimate?.toString() ?? null };
        } finally {
          await transport.close();
        }
      } finally {
        provider.destroy();
      }
    },
    'queue.executeProgress': (request) => ({ steps: executing.read(request.safeTxHash) }),
    'device.check': async () => {
      const transport = await services.openLedger();
      try {
        return await new LedgerEthApp(transport).appInfo();
      } finally {
        await transport.close();
      }
    },
    'tx.hashes': (request) => safeTxHashes(request.tx),
    'clipboard.writeHash': (request) => {
      if ('address' in request && !shownAddresses.get(request.safeTxHash.toLowerCase())?.has(request.address.toLowerCase())) {
        throw new GuardianError('INVALID_INPUT', "Only an address this transaction's review showed can be copied.");
      }
      services.clipboard.writeText('address' in request ? checksumAddress(request.address) : request.text);
      return { written: true as const };
    },
  };
}
