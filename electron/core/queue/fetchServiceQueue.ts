import SafeApiKit from '@safe-global/api-kit';
import { getAddress } from 'ethers';
import { GuardianError, isGuardianError } from '../errors.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { safeVersionRules } from '../safe/safeVersions.js';
import { verifyOwnerSignature } from '../safe/verifySafeSignatures.js';
import type { QueueItem } from './queueItem.js';
import { firstIssue, serviceSafeInfoSchema, servicePageSchema } from './serviceSchemas.js';
import { serviceTransactionToQueueItem } from './serviceTransaction.js';

export interface FetchServiceQueueOptions {
  /** The service's API root, e.g. https://safe-transaction-mainnet.safe.global/api */
  serviceUrl: string;
  chainId: bigint;
  safe: string;
  timeoutMs?: number;
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
}

async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GuardianError('SERVICE_TIMEOUT', `The Transaction Service did not answer ${what} within ${ms / 1000} s.`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function serviceError(what: string, serviceUrl: string, cause: unknown): GuardianError {
  if (isGuardianError(cause)) return cause;
  const e = cause as { code?: string; statusCode?: number; message?: string; name?: string; type?: string };
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ECONNRESET' || e.code === 'EHOSTUNREACH' || e.type === 'system') {
    return new GuardianError('SERVICE_UNREACHABLE', `Cannot reach the Transaction Service at ${serviceUrl} (${e.code ?? e.message}). Stored transactions are still available offline.`, { cause });
  }
  if (typeof e.statusCode === 'number') {
    return new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service answered ${what} with HTTP ${e.statusCode} (${e.message}).`, { cause });
  }
  if (e.name === 'SyntaxError' || e.type === 'invalid-json') {
    return new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service answered ${what} with something that is not JSON.`, { cause });
  }
  return new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service failed ${what}: ${e.message ?? String(cause)}`, { cause });
}

/**
 * Pulls a Safe's state and pending transactions through the real api-kit, re-hashes every transaction on
 * this machine, and sorts what arrived into items that can be reviewed and transactions that were refused.
 */
export async function fetchServiceQueue(options: FetchServiceQueueOptions): Promise<ServiceQueue> {
  const { serviceUrl, chainId } = options;
  const safe = getAddress(options.safe);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const api = new SafeApiKit({ chainId, txServiceUrl: serviceUrl.replace(/\/+$/, '') });

  let rawInfo: unknown;
  try {
    rawInfo = await withTimeout('the Safe info request', timeoutMs, api.getSafeInfo(safe));
  } catch (cause) {
    throw serviceError('the Safe info request', serviceUrl, cause);
  }
  const info = serviceSafeInfoSchema.safeParse(rawInfo);
  if (!info.success) throw new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service sent malformed Safe info (${firstIssue(info.error)}).`);
  if (getAddress(info.data.address) !== safe) {
    throw new GuardianError('WRONG_SAFE', `Asked for Safe ${safe}, the Transaction Service described ${getAddress(info.data.address)}.`);
  }
  safeVersionRules(info.data.version);
  const safeInfo: SafeInfo = {
    chainId,
    address: safe,
    owners: info.data.owners.map((o) => getAddress(o)),
    threshold: info.data.threshold,
    nonce: info.data.nonce,
    version: info.data.version,
  };
  const singleton = info.data.singleton ?? info.data.masterCopy;
  if (singleton) safeInfo.singleton = getAddress(singleton);
  if (info.data.modules) safeInfo.modules = info.data.modules.map((m) => getAddress(m));
  if (info.data.guard) safeInfo.guard = getAddress(info.data.guard);
  if (info.data.fallbackHandler) safeInfo.fallbackHandler = getAddress(info.data.fallbackHandler);

  let rawPage: unknown;
  try {
    rawPage = await withTimeout('the pending transactions request', timeoutMs, api.getPendingTransactions(safe, { currentNonce: Number(safeInfo.nonce) }));
  } catch (cause) {
    throw serviceError('the pending transactions request', serviceUrl, cause);
  }
  const page = servicePageSchema.safeParse(rawPage);
  if (!page.success) throw new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service sent a malformed transaction list (${firstIssue(page.error)}).`);
  const maxTransactions = options.maxTransactions ?? 500;
  if (page.data.results.length > maxTransactions) {
    throw new GuardianError('SERVICE_BAD_RESPONSE', `The Transaction Service listed ${page.data.results.length} pending transactions; more than ${maxTransactions} is refused as hostile or broken.`);
  }

  const items: QueueItem[] = [];
  const rejected: RejectedTransaction[] = [];
  const maxDataBytes = options.maxDataBytes ?? 1_000_000;
  const source = { kind: 'service' as const, url: serviceUrl };
  for (const raw of page.data.results) {
    const r = raw as { safeTxHash?: unknown; nonce?: unknown; data?: unknown };
    const label = { claimedSafeTxHash: typeof r.safeTxHash === 'string' ? r.safeTxHash : undefined, nonce: r.nonce === undefined ? undefined : String(r.nonce) };
    try {
      if (typeof r.data === 'string' && (r.data.length - 2) / 2 > maxDataBytes) {
        throw new GuardianError('SERVICE_BAD_RESPONSE', `Transaction ${label.claimedSafeTxHash ?? '?'} carries ${(r.data.length - 2) / 2} bytes of calldata, over the ${maxDataBytes}-byte limit.`);
      }
      const item = serviceTransactionToQueueItem(raw, { chainId, safe, safeVersion: safeInfo.version, source, claimedBy: 'The Transaction Service' });
      item.confirmations = item.confirmations.filter((c) => {
        // ECDSA confirmations are checked here; approved-hash and contract ones need the chain and stay unproven.
        if (c.signatureType === 'APPROVED_HASH' || c.signatureType === 'CONTRACT_SIGNATURE') return true;
        try {
          verifyOwnerSignature(item.safeTxHash, c.signature, c.owner);
          return true;
        } catch (error) {
          rejected.push({ ...label, error: error as GuardianError });
          return false;
        }
      });
      items.push(item);
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      rejected.push({ ...label, error });
    }
  }
  return { safeInfo, items, rejected };
}
