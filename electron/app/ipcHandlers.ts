import { GuardianError } from '../core/errors.js';
import { safeTxHashes } from '../core/safe/safeTxHash.js';
import { reviewSafeTx } from '../core/simulate/reviewSafeTx.js';
import { storedReviewInput } from '../core/simulate/storedReviewInput.js';
import { withFork } from '../core/simulate/withFork.js';
import type { Store } from '../core/store/openStore.js';
import { isChannel, type Channel, type IpcResult } from '../ipc/channels.js';
import { contract, type QueueEntry, type Response } from '../ipc/contract.js';

export interface MainServices {
  store: Store;
  version: string;
  dataDir: string;
}

type Handlers = { [C in Channel]: (request: never) => Promise<Response<C>> | Response<C> };

/** The main process's side of each channel: thin calls into the core, shaped for the renderer. */
export function createHandlers(services: MainServices): Handlers {
  const { store } = services;
  return {
    'app.info': () => ({ version: services.version, dataDir: services.dataDir }),
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
    'queue.list': (request: { chainId?: string; safe?: string }) =>
      store.listQueueItems({ ...(request.chainId ? { chainId: BigInt(request.chainId) } : {}), ...(request.safe ? { safe: request.safe } : {}) }).map(
        (item): QueueEntry => ({
          safeTxHash: item.safeTxHash,
          claimedSafeTxHash: item.claimedSafeTxHash,
          // Items are stored only after their claim matched, so a stored claim is a match by construction.
          hashVerdict: item.claimedSafeTxHash ? 'match' : 'unclaimed',
          chainId: item.safeTx.chainId.toString(),
          safe: item.safeTx.safe,
          nonce: item.safeTx.nonce.toString(),
          to: item.safeTx.to,
          value: item.safeTx.value.toString(),
          operation: item.safeTx.operation,
          dataBytes: (item.safeTx.data.length - 2) / 2,
          source: item.source.kind,
          confirmations: item.confirmations.map((c) => ({ owner: c.owner, origin: c.origin })),
          threshold: store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe)?.threshold ?? null,
        }),
      ),
    'queue.hashes': (request: { safeTxHash: string }) => {
      const item = store.getQueueItem(request.safeTxHash);
      return { ...safeTxHashes(item.safeTx), storedSafeTxHash: item.safeTxHash };
    },
    'queue.review': async (request: { safeTxHash: string }) => {
      const item = store.getQueueItem(request.safeTxHash);
      const { chainId, safe } = item.safeTx;
      const rpcUrl = store.getWatchedSafe(chainId, safe)?.rpcUrl;
      if (!rpcUrl) throw new GuardianError('INVALID_INPUT', `No RPC URL for Safe ${chainId}:${safe}: add it with guardian safe add --rpc to simulate.`);
      // The main process owns the network: it forks the chain, the renderer only receives the result.
      const review = await withFork(rpcUrl, chainId, (provider) => reviewSafeTx(storedReviewInput(store, item.safeTx, provider)));
      return {
        summary: review.decoded.summary,
        simulation: { success: review.simulation.success, revertReason: review.simulation.revertReason, gasUsed: review.simulation.gasUsed.toString(), block: BigInt(review.simulation.block.number).toString() },
        contracts: review.diff.contracts.map((c) => ({
          label: c.label,
          changes: [...c.changes, ...c.otherSlots.filter((o) => o.variable).map((o) => ({ what: o.variable!, before: BigInt(o.before).toString(), after: BigInt(o.after).toString() }))],
        })),
        findings: review.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title, explanation: f.explanation })),
        worst: review.worst,
      };
    },
    'tx.hashes': (request: { tx: Parameters<typeof safeTxHashes>[0] }) => safeTxHashes(request.tx),
  };
}

/**
 * The gate every renderer call passes: an allow-listed channel, a payload its schema accepts, and a result
 * its schema accepts. Anything else is answered with a typed error, never with a thrown object or a stack.
 */
export async function invokeChannel(handlers: Handlers, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel "${String(channel)}".` } };
  const parsed = contract[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid ${channel} request: ${issue.path.join('.') || '(root)'}: ${issue.message}` } };
  }
  try {
    const value = await (handlers[channel] as (r: unknown) => unknown)(parsed.data);
    return { ok: true, value: contract[channel].response.parse(value) };
  } catch (error) {
    if (error instanceof GuardianError) return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: { code: 'INTERNAL', message: `The console failed on ${channel}; see its log.` } };
  }
}
