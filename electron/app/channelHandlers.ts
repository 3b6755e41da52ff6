import { join } from 'node:path';
import { carryPreState } from '../core/bundle/carryPreState.js';
import { BUILT_IN_SCENARIOS } from '../core/drill/builtInScenarios.js';
import { latestDrillReport } from '../core/drill/latestDrillReport.js';
import type { runDrill } from '../core/drill/runDrill.js';
import { reviewBundle, reviewBundleJson } from '../core/bundle/reviewBundle.js';
import { signaturesFile } from '../core/bundle/signaturesFile.js';
import { AddressBook } from '../core/decode/addressBook.js';
import { checksumAddress } from '../core/primitives/checksumAddress.js';
import { decodeTransaction, type DecodeOptions } from '../core/decode/decodeTransaction.js';
import { storedDecodeOptions } from '../core/store/storedDecodeOptions.js';
import { GuardianError } from '../core/errors.js';
import { damagedRowView } from './damagedRowView.js';
import { LedgerEthApp } from '../core/ledger/ethApp.js';
import { JsonRpcProvider } from 'ethers';
import type { Transport } from '../core/ledger/ledgerLibraries.js';
import { ledgerPath } from '../core/ledger/ledgerPaths.js';
import { postStoredConfirmations } from '../core/signing/postStoredConfirmations.js';
import { pullQueue } from '../core/queue/pullQueue.js';
import { watchSafe } from '../core/queue/watchSafe.js';
import { SAFE_VERSION_RULES } from '../core/safe/safeVersions.js';
import { safeTxHashes } from '../core/safe/safeTxHash.js';
import { executeOnDevice } from '../core/signing/executeOnDevice.js';
import { executionPreview } from '../core/signing/executionPreview.js';
import { signOnDevice } from '../core/signing/signOnDevice.js';
import type { SimulationProgress } from '../core/primitives/simulationTypes.js';
import type { Store } from '../core/store/openStore.js';
import type { Channel } from '../ipc/channels.js';
import type { contract, QueueEntry, Response, WatchedSafeView } from '../ipc/contract.js';
import type { WatchedSafe } from '../core/store/watchedSafe.js';
import { governanceLatency } from '../core/queue/governanceLatency.js';
import { verifiedConfirmations } from '../core/bundle/verifiedConfirmations.js';
import { signatureDepths } from '../core/signing/signatureDepths.js';
import { responseFigures } from '../core/queue/responseFigures.js';
import type { StoredQueueItem } from '../core/store/queueItems.js';
import type { z } from 'zod';
import { auditEntryView } from './auditEntryView.js';
import { exportFile } from './exportFile.js';
import { importedFile } from './importedFile.js';
import { signatureQrView } from './signatureQrView.js';
import { lastReviews } from './lastReviews.js';
import { messageSigning } from './messageSigning.js';
import { messagesList } from './messagesList.js';
import { queueEntry, type QueueReading } from './queueEntry.js';
import { reviewView } from './reviewView.js';
import { ReviewScheduler } from './reviewScheduler.js';
import { reviewStoredItem } from './reviewStoredItem.js';
import { ProgressBoard } from './progressBoard.js';
import { executionStep, type ExecutionStep } from './executionStep.js';
import { signingStep, type SigningStep } from './signingStep.js';
import { DrillSession } from './drillSession.js';
import { DeviceWatch } from './deviceWatch.js';
import { listPluggedLedgers } from '../core/ledger/usbLedgerListing.js';

/** What the main process hands the handlers: real objects in the app, real local ones in the tests. */
export interface MainServices {
  store: Store;
  /** Electron's clipboard in the app; anything with writeText in tests. */
  clipboard: { writeText(text: string): void };
  version: string;
  dataDir: string;
  /** The Ledger to sign with: the one plugged in over USB in the app, a software device in the tests. */
  openLedger(): Promise<Transport>;
  /** Where a failure that is not a GuardianError (a bug) in work the renderer did not wait for is logged. */
  log?: (message: string, error: unknown) => void;
  /** How a drill runs: runDrill in the app; tests may hand in the same function. */
  runDrill?: typeof runDrill;
  /** Plug and unplug: over the USB bus when absent, over a scripted bus in tests. */
  devices?: DeviceWatch;
}

/** The handlers, and the reviews they start unasked (a shutdown, or a test, waits for those). */
export interface MainHandlers {
  handlers: ChannelHandlers;
  backgroundReviews: ReviewScheduler<Awaited<ReturnType<typeof reviewStoredItem>>>;
  /** The drill the app runs, if any (a shutdown, or a test, waits for it and its anvil). */
  drill: DrillSession;
  /** Follows the USB bus once asked; a shutdown stops it. */
  devices: DeviceWatch;
}

/** Each handler receives its request already parsed by the contract (bigints, checksummed addresses). */
export type ChannelHandlers = {
  [C in Channel]: (request: z.output<(typeof contract)[C]['request']>) => Promise<Response<C>> | Response<C>;
};

/** The main process's side of each channel: thin calls into the core, shaped for the renderer. */
export function createHandlers(services: MainServices): ChannelHandlers {
  return createMainHandlers(services).handlers;
}

export function createMainHandlers(services: MainServices): MainHandlers {
  const { store } = services;
  const devices = services.devices ?? new DeviceWatch(listPluggedLedgers);
  const progress = new ProgressBoard<SimulationProgress>();
  const review = async (safeTxHash: string) => {
    progress.start(safeTxHash);
    try {
      return await reviewStoredItem(store, safeTxHash, (p) => progress.report(safeTxHash, p));
    } finally {
      progress.finish(safeTxHash);
    }
  };
  // Whatever lands here is reviewed before a guardian asks: the queue's first glance carries the simulation's verdict.
  const scheduler = new ReviewScheduler((hash) => review(hash), services.log);
  const background = (hash: string): QueueEntry['background'] => {
    const at = scheduler.state(hash);
    if (!at) return null;
    if (at.state === 'failed') return { state: 'failed', detail: at.message };
    return { state: at.state, detail: at.state === 'reviewing' ? (progress.read(hash)?.at(-1)?.detail ?? null) : null };
  };
  const pendingOnly = (items: StoredQueueItem[]) =>
    // An executed (or replaced) transaction's nonce is behind the Safe's: it is history, not pending work.
    items.filter((item) => {
      const nonce = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe)?.nonce;
      return nonce === undefined || item.safeTx.nonce >= nonce;
    });
  const signing = new ProgressBoard<SigningStep>();
  const executing = new ProgressBoard<ExecutionStep>();
  const threshold = (chainId: bigint, safe: string) => store.getSafeInfo(chainId, safe)?.threshold ?? null;
  // The addresses each transaction's latest review showed: the only ones the renderer may put on the clipboard.
  const shownAddresses = new Map<string, Set<string>>();
  // What this station has never reviewed; one it reviewed keeps its verdict until a guardian reviews it again.
  const unreviewed = (hashes: string[]) => {
    const reviewed = lastReviews(store);
    return hashes.filter((hash) => !reviewed.has(hash.toLowerCase()));
  };
  const safeView = (s: WatchedSafe): WatchedSafeView => {
    const info = store.getSafeInfo(s.chainId, s.address);
    const latency = governanceLatency(store.listExecutedTransactions(s.chainId, s.address), 10);
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
      latency: {
        ...latency,
        last: latency.last.map((l) => ({
          safeTxHash: l.safeTxHash,
          nonce: l.nonce.toString(),
          executedAt: l.executedAt,
          executedAtSource: l.executedAtSource,
          latencyMs: l.latencyMs,
        })),
      },
    };
  };
  const drill = new DrillSession(store, services.dataDir, services.runDrill, services.log);
  const handlers: ChannelHandlers = {
    'app.info': () => ({
      version: services.version,
      dataDir: services.dataDir,
      safeVersions: SAFE_VERSION_RULES.map((r) => r.version),
    }),
    // One damaged row must not hide the other Safes: it is named by safes.damaged instead.
    'safes.list': () => store.readWatchedSafes().safes.map(safeView),
    'safes.damaged': () => store.readWatchedSafes().damaged.map(damagedRowView),
    'safes.watch': async (request) =>
      safeView(
        await watchSafe(store, {
          chainId: BigInt(request.chainId),
          address: request.address,
          serviceUrl: request.serviceUrl,
          rpcUrl: request.rpcUrl,
          label: request.label,
        }),
      ),
    'queue.list': async (request) => {
      const items = pendingOnly(
        store.listQueueItems({
          ...(request.chainId ? { chainId: BigInt(request.chainId) } : {}),
          ...(request.safe ? { safe: request.safe } : {}),
        }),
      );
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
      // Every stored signature verified again as the list is read, as guardian queue does.
      const entries: QueueEntry[] = [];
      const now = new Date();
      for (const item of items) {
        const { verdicts, quorum } = await verifiedConfirmations(store, item.safeTxHash);
        const live = {
          figures: responseFigures(item, verdicts, quorum, now),
          depthOf: signatureDepths(store, item.safeTxHash),
        };
        entries.push(
          queueEntry(
            item,
            threshold(item.safeTx.chainId, item.safeTx.safe),
            read(item),
            verdicts,
            reviewed.get(item.safeTxHash.toLowerCase()) ?? null,
            background(item.safeTxHash),
            live,
          ),
        );
      }
      return entries;
    },
    'queue.pull': async () => {
      // Each Safe lands whole or not at all (pullQueue); one unreachable service costs only its own Safe.
      const { safes, damaged } = store.readWatchedSafes();
      const outcomes = await Promise.all(safes.map((safe) => pullQueue(store, safe)));
      scheduler.enqueue(unreviewed(pendingOnly(store.listQueueItems()).map((i) => i.safeTxHash)));
      return {
        safes: outcomes.map(({ safe, pulled, rejected, failure }) => ({
          chainId: safe.chainId.toString(),
          address: safe.address,
          label: safe.label,
          asked: safe.serviceUrl !== null,
          pulled,
          refused: rejected.map((r) => ({
            claimedSafeTxHash: r.claimedSafeTxHash ?? null,
            nonce: r.nonce ?? null,
            reason: r.error.message,
          })),
          failure: failure?.message ?? null,
        })),
        damaged: damaged.map(damagedRowView),
      };
    },
    'queue.import': async (request) => {
      const result = await importedFile(
        store,
        request.name,
        request.encoding === 'base64' ? Buffer.from(request.text, 'base64') : request.text,
        request.nonce === undefined ? undefined : BigInt(request.nonce),
      );
      scheduler.enqueue(unreviewed(result.imported.map((i) => i.safeTxHash)));
      return result;
    },
    'queue.exportBundle': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      const rpcUrl = store.getWatchedSafe(item.safeTx.chainId, item.safeTx.safe)?.rpcUrl;
      if (!rpcUrl)
        throw new GuardianError(
          'INVALID_INPUT',
          'A review bundle carries the pre-state of a review on a fork: this Safe has no RPC URL here.',
        );
      const carried = await carryPreState(store, item, rpcUrl);
      return {
        path: exportFile(
          services.dataDir,
          `${item.safeTxHash.slice(0, 10)}.bundle.json`,
          reviewBundleJson(await reviewBundle(store, item.safeTxHash, carried)),
        ),
      };
    },
    'queue.exportSignatures': async (request) => {
      const file = await signaturesFile(store, request.safeTxHash);
      return {
        path: exportFile(services.dataDir, `${file.safeTxHash.slice(0, 10)}.signatures.json`, file),
        signatures: file.confirmations.length,
      };
    },
    'queue.signatureQr': (request) => signatureQrView(store, request.safeTxHash),
    'queue.hashes': (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      return { ...safeTxHashes(item.safeTx), storedSafeTxHash: item.safeTxHash };
    },
    'queue.review': async (request) => {
      const item = store.getQueueItem(request.safeTxHash);
      // Asked for by hand: it need not wait its turn behind the reviews the station runs unasked.
      scheduler.withdraw(item.safeTxHash);
      // Already under way unasked: the guardian gets that review, not a second anvil racing it.
      const { review: done, book } = await (scheduler.runningReview(item.safeTxHash) ?? review(item.safeTxHash));
      const { quorum } = await verifiedConfirmations(store, item.safeTxHash);
      const view = reviewView(done, book, item.safeTx.chainId, quorum);
      shownAddresses.set(item.safeTxHash.toLowerCase(), new Set(view.addresses.map((a) => a.address.toLowerCase())));
      return view;
    },
    'queue.reviewProgress': (request) => ({ steps: progress.read(request.safeTxHash) }),
    'queue.retryReview': (request) => {
      scheduler.enqueue([store.getQueueItem(request.safeTxHash).safeTxHash]);
      return { queued: true as const };
    },
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
    'device.check': async () => {
      const transport = await services.openLedger();
      try {
        return await new LedgerEthApp(transport).appInfo();
      } finally {
        await transport.close();
      }
    },
    'audit.list': (request) =>
      store
        .listAudit()
        .reverse()
        .slice(0, request.limit ?? 200)
        .map(auditEntryView),
    'audit.verify': () => store.verifyAudit(),
    'drill.overview': () => {
      const scenarios = Object.entries(BUILT_IN_SCENARIOS).map(([id, s]) => ({
        id,
        name: s.name,
        description: s.description,
        guardians: s.guardians,
        threshold: s.threshold,
        steps: s.steps.map((step) => ({ label: step.label, expect: step.expect })),
      }));
      try {
        const report = latestDrillReport(join(services.dataDir, 'exports'));
        return { scenarios, latest: report ? { ...report, name: report.scenario.name } : null, latestFailure: null };
      } catch (error) {
        if (!(error instanceof GuardianError)) throw error;
        return { scenarios, latest: null, latestFailure: error.message };
      }
    },
    'drill.start': (request) => drill.start(request),
    'drill.progress': () => drill.read(),
    'messages.list': (request) => messagesList(store, request.pull ?? false),
    'messages.sign': (request) =>
      signing.alone(
        request.safeMessageHash,
        'This message is already being signed at this station: finish on the Ledger first.',
        () => messageSigning(store, () => services.openLedger(), request.safeMessageHash, request.acknowledged),
      ),
    'tx.hashes': (request) => safeTxHashes(request.tx),
    'clipboard.writeHash': (request) => {
      if (
        'address' in request &&
        !shownAddresses.get(request.safeTxHash.toLowerCase())?.has(request.address.toLowerCase())
      ) {
        throw new GuardianError('INVALID_INPUT', "Only an address this transaction's review showed can be copied.");
      }
      services.clipboard.writeText('address' in request ? checksumAddress(request.address) : request.text);
      return { written: true as const };
    },
    'devices.changed': (request) => devices.changedAfter(request.after),
  };
  return { handlers, backgroundReviews: scheduler, drill, devices };
}
