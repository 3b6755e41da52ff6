import SafeApiKit from '@safe-global/api-kit';
import { getAddress, isAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { safeVersionRules } from '../safe/safeVersions.js';
import type { QueueItem } from '../safe/queueItem.js';
import { firstIssue, serviceChainSchema, servicePageSchema, serviceSafeInfoSchema } from './serviceSchemas.js';
import { startServiceRelay, type ServiceRelay } from './serviceRelay.js';
import { claimedLabel, serviceTransactionToQueueItem } from './serviceTransaction.js';
import { executedHistory, type ExecutedHistory } from './executedHistory.js';

export interface FetchServiceQueueOptions {
  /** The service's API root, e.g. https://safe-transaction-mainnet.safe.global/api */
  serviceUrl: string;
  chainId: bigint;
  safe: string;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** Per response body, after decompression; default 20 MB. */
  maxResponseBytes?: number;
  /** More pending transactions than this is not a queue a guardian can review: refuse, don't churn. */
  maxTransactions?: number;
  /** Calldata larger than this in one transaction is refused (a decoder-exhaustion attempt or a mistake). */
  maxDataBytes?: number;
}

export interface RejectedTransaction {
  claimedSafeTxHash?: string;
  nonce?: string;
  error: GuardianError;
}

export interface ServiceQueue {
  safeInfo: SafeInfo;
  items: QueueItem[];
  rejected: RejectedTransaction[];
  /** Whether the service said which chain it indexes (GET /v1/about/ethereum-rpc/); hosted services may not. */
  chainConfirmedByService: boolean;
  /** The latest executed transactions, for the Safe's governance latency; null when that request failed. */
  history: ExecutedHistory | null;
  /** Why the history could not be had: the pending queue stands without it. */
  historyFailure: GuardianError | null;
}

const PAGE_SIZE = 100;

/** Turns what api-kit threw into the error a guardian reads; the relay's own finding wins, it is the precise one. */
export function serviceError(what: string, serviceUrl: string, relay: ServiceRelay, cause: unknown): GuardianError {
  if (isGuardianError(cause)) return cause;
  const relayed = relay.failure();
  if (relayed) return relayed;
  const e = cause as { statusCode?: number; message?: string; name?: string };
  if (e.statusCode === 404 && what === 'the Safe info request') {
    return new GuardianError(
      'NOT_FOUND',
      `The Transaction Service at ${serviceUrl} does not know this Safe (HTTP 404): is it the service for the Safe's chain, and is the address right?`,
      { cause },
    );
  }
  if (typeof e.statusCode === 'number') {
    return new GuardianError(
      'SERVICE_BAD_RESPONSE',
      `The Transaction Service at ${serviceUrl} answered ${what} with HTTP ${e.statusCode} (${String(e.message).slice(0, 200)}).`,
      {
        cause,
        details: { status: e.statusCode },
      },
    );
  }
  if (e.name === 'SyntaxError') {
    return new GuardianError(
      'SERVICE_BAD_RESPONSE',
      `The Transaction Service at ${serviceUrl} answered ${what} with something that is not JSON.`,
      { cause },
    );
  }
  return new GuardianError(
    'SERVICE_BAD_RESPONSE',
    `The Transaction Service at ${serviceUrl} failed ${what}: ${e.message ?? String(cause)}`,
    { cause },
  );
}

export function toSafeInfo(raw: unknown, chainId: bigint, safe: string): SafeInfo {
  const parsed = serviceSafeInfoSchema.safeParse(raw);
  if (!parsed.success)
    throw new GuardianError(
      'SERVICE_BAD_RESPONSE',
      `The Transaction Service sent malformed Safe info (${firstIssue(parsed.error)}).`,
      { cause: parsed.error },
    );
  const info = parsed.data;
  if (getAddress(info.address.toLowerCase()) !== safe) {
    throw new GuardianError(
      'WRONG_SAFE',
      `Asked for Safe ${safe}, the Transaction Service described ${getAddress(info.address.toLowerCase())}.`,
      {
        details: { expected: safe, served: info.address },
      },
    );
  }
  if (info.version === null) {
    throw new GuardianError(
      'UNSUPPORTED_SAFE_VERSION',
      `The Transaction Service does not know which Safe version ${safe} runs (its singleton is not one it recognises), so no hash can be checked.`,
      {
        details: { singleton: info.singleton ?? info.masterCopy ?? null },
      },
    );
  }
  // One unknown version refuses the whole pull: every hash depends on it.
  safeVersionRules(info.version);
  const safeInfo: SafeInfo = {
    chainId,
    address: safe,
    owners: info.owners.map((o) => getAddress(o.toLowerCase())),
    threshold: info.threshold,
    nonce: info.nonce,
    version: info.version,
  };
  const singleton = info.singleton ?? info.masterCopy;
  if (singleton) safeInfo.singleton = getAddress(singleton.toLowerCase());
  if (info.modules) safeInfo.modules = info.modules.map((m) => getAddress(m.toLowerCase()));
  if (info.guard) safeInfo.guard = getAddress(info.guard.toLowerCase());
  if (info.fallbackHandler) safeInfo.fallbackHandler = getAddress(info.fallbackHandler.toLowerCase());
  return safeInfo;
}

/**
 * The chain the service's node is on, when it says. A service for another chain serves Safe info that looks
 * right (same address, owners) while every hash it claims is for a chain the guardian is not on.
 */
async function checkServiceChain(relay: ServiceRelay, chainId: bigint, serviceUrl: string): Promise<boolean> {
  let body: unknown;
  try {
    const response = await fetch(`${relay.url}/v1/about/ethereum-rpc/`, { headers: { accept: 'application/json' } });
    if (!response.ok) return false;
    body = await response.json();
  } catch {
    return false;
  }
  const parsed = serviceChainSchema.safeParse(body);
  if (!parsed.success) return false;
  if (parsed.data.chainId !== chainId) {
    throw new GuardianError(
      'WRONG_CHAIN',
      `The Transaction Service at ${serviceUrl} indexes chain ${parsed.data.chainId}, not chain ${chainId}. Check the Safe's service URL.`,
      {
        details: { served: parsed.data.chainId.toString(), expected: chainId.toString() },
      },
    );
  }
  return true;
}

async function pendingTransactions(
  api: SafeApiKit,
  safe: string,
  nonce: bigint,
  maxTransactions: number,
  call: <T>(what: string, work: () => Promise<T>) => Promise<T>,
): Promise<unknown[]> {
  const all: unknown[] = [];
  // The service pages with limit/offset (default 100, max 200) and says `next` while more remain.
  for (let offset = 0; ;) {
    const raw = await call('the pending transactions request', () =>
      api.getPendingTransactions(safe, { currentNonce: Number(nonce), limit: PAGE_SIZE, offset }),
    );
    const page = servicePageSchema.safeParse(raw);
    if (!page.success)
      throw new GuardianError(
        'SERVICE_BAD_RESPONSE',
        `The Transaction Service sent a malformed transaction list (${firstIssue(page.error)}).`,
        { cause: page.error },
      );
    all.push(...page.data.results);
    if (all.length > maxTransactions || page.data.count > maxTransactions) {
      throw new GuardianError(
        'SERVICE_BAD_RESPONSE',
        `The Transaction Service lists ${Math.max(all.length, page.data.count)} pending transactions; more than ${maxTransactions} is refused as hostile or broken.`,
      );
    }
    if (!page.data.next || page.data.results.length === 0) return all;
    offset += page.data.results.length;
  }
}

/**
 * Pulls a Safe's state and pending transactions through the real api-kit, re-hashes every transaction on
 * this machine, and sorts what arrived into items that can be reviewed and transactions that were refused.
 */
export async function fetchServiceQueue(options: FetchServiceQueueOptions): Promise<ServiceQueue> {
  const { serviceUrl, chainId } = options;
  if (!/^https?:\/\/[^/]/.test(serviceUrl))
    throw new GuardianError('INVALID_INPUT', `"${serviceUrl}" is not an http(s) URL of a Transaction Service.`);
  if (!isAddress(options.safe)) throw new GuardianError('INVALID_INPUT', `"${options.safe}" is not a Safe address.`);
  const safe = getAddress(options.safe.toLowerCase());
  const relay = await startServiceRelay({
    serviceUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxResponseBytes: options.maxResponseBytes ?? 20_000_000,
  });
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (cause) {
      throw serviceError(what, serviceUrl, relay, cause);
    }
  };
  try {
    const api = new SafeApiKit({ chainId, txServiceUrl: relay.url });
    const safeInfo = toSafeInfo(await call('the Safe info request', () => api.getSafeInfo(safe)), chainId, safe);
    const raws = await pendingTransactions(api, safe, safeInfo.nonce, options.maxTransactions ?? 500, call);
    const chainConfirmedByService = await checkServiceChain(relay, chainId, serviceUrl);

    const items: QueueItem[] = [];
    const rejected: RejectedTransaction[] = [];
    const seen = new Set<string>();
    const maxDataBytes = options.maxDataBytes ?? 1_000_000;
    const source = { kind: 'service' as const, url: serviceUrl };
    const fetchedAt = new Date().toISOString();
    for (const raw of raws) {
      const label = claimedLabel(raw);
      try {
        const data = (raw as { data?: unknown } | null)?.data;
        if (typeof data === 'string' && (data.length - 2) / 2 > maxDataBytes) {
          throw new GuardianError(
            'SERVICE_BAD_RESPONSE',
            `Transaction ${label.claimedSafeTxHash ?? '?'} carries ${(data.length - 2) / 2} bytes of calldata, over the ${maxDataBytes}-byte limit.`,
          );
        }
        const { item, served, refusedConfirmations } = serviceTransactionToQueueItem(raw, {
          chainId,
          safe,
          safeVersion: safeInfo.version,
          source,
          claimedBy: 'The Transaction Service',
          fetchedAt,
        });
        // The query asked for executed=false and nonce >= current; a service that ignores it is not trusted to.
        if (served.isExecuted === true || item.safeTx.nonce < safeInfo.nonce) {
          throw new GuardianError(
            'SERVICE_BAD_RESPONSE',
            `The Transaction Service listed ${item.safeTxHash} (nonce ${item.safeTx.nonce}) as pending, but ${served.isExecuted ? 'it is marked executed' : `the Safe's nonce is already ${safeInfo.nonce}`}.`,
          );
        }
        if (seen.has(item.safeTxHash))
          throw new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service listed ${item.safeTxHash} twice.`);
        seen.add(item.safeTxHash);
        for (const error of refusedConfirmations) rejected.push({ ...label, error });
        items.push(item);
      } catch (error) {
        if (!isGuardianError(error)) throw error;
        rejected.push({ ...label, error });
      }
    }
    // The service lists newest nonce first; a guardian reviews in the order the Safe would execute.
    items.sort((a, b) => (a.safeTx.nonce < b.safeTx.nonce ? -1 : a.safeTx.nonce > b.safeTx.nonce ? 1 : 0));
    // Asked last, and apart: a service that fails it costs the latency figures, never the queue.
    let history: ExecutedHistory | null = null;
    let historyFailure: GuardianError | null = null;
    try {
      history = await executedHistory(api, safeInfo, source, call);
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      historyFailure = error;
    }
    return { safeInfo, items, rejected, chainConfirmedByService, history, historyFailure };
  } finally {
    await relay.close();
  }
}
