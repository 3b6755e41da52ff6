import { readFileSync, statSync } from 'node:fs';
import { GuardianError } from '../errors.js';
import type { QueueItem } from './queueItem.js';
import { serviceTransactionToQueueItem } from './serviceTransaction.js';
import { txBuilderBatchToQueueItem } from './txBuilderFile.js';

/** What a file cannot say about its Safe: the chain (service JSON has none), the version and the next nonce. */
export interface SafeContext {
  chainId: bigint;
  safeVersion: string;
  nonce: bigint;
  multiSendCallOnly?: string;
}

/** Finds the context of a Safe named in a file (from the store, or from flags); throws a clear error if unknown. */
export type ResolveSafe = (safe: string, chainId: bigint | undefined) => SafeContext;

export interface QueueFile {
  kind: 'tx-builder-file' | 'service-file';
  items: QueueItem[];
  rejected: Array<{ index: number; error: GuardianError }>;
}

const MAX_FILE_BYTES = 20_000_000;

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new GuardianError('INVALID_FILE', `${path} is not valid JSON (${(cause as Error).message}).`, { cause });
  }
}

/**
 * Reads a queue file: a Safe Transaction Builder batch, one multisig transaction in the Transaction Service's
 * JSON shape, or a page of them. Service transactions carry a claimed safeTxHash and are checked like a pull.
 */
export function readQueueFile(path: string, resolveSafe: ResolveSafe): QueueFile {
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) throw new GuardianError('INVALID_FILE', `${path} is larger than ${MAX_FILE_BYTES / 1e6} MB; that is no queue file.`);
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (cause instanceof GuardianError) throw cause;
    throw new GuardianError('INVALID_FILE', `Cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const json = parseJson(text, path);
  if (typeof json !== 'object' || json === null) throw new GuardianError('INVALID_FILE', `${path} holds JSON, but not a transaction, a page of them, or a batch.`);
  const obj = json as Record<string, unknown>;

  if (Array.isArray(obj['transactions']) && typeof obj['meta'] === 'object') {
    const meta = obj['meta'] as Record<string, unknown>;
    const chainId = typeof obj['chainId'] === 'string' && /^[0-9]+$/.test(obj['chainId']) ? BigInt(obj['chainId']) : undefined;
    const safe = typeof meta['createdFromSafeAddress'] === 'string' ? meta['createdFromSafeAddress'] : '';
    const ctx = resolveSafe(safe, chainId);
    const withContext = { safeVersion: ctx.safeVersion, nonce: ctx.nonce, path, ...(ctx.multiSendCallOnly ? { multiSendCallOnly: ctx.multiSendCallOnly } : {}) };
    return { kind: 'tx-builder-file', items: [txBuilderBatchToQueueItem(json, withContext)], rejected: [] };
  }

  const list = Array.isArray(obj['results']) ? (obj['results'] as unknown[]) : typeof obj['safeTxHash'] === 'string' ? [json] : null;
  if (!list) {
    throw new GuardianError('INVALID_FILE', `${path} is neither a Transaction Builder batch (meta, transactions) nor Transaction Service JSON (safeTxHash, or a page with results).`);
  }
  const items: QueueItem[] = [];
  const rejected: QueueFile['rejected'] = [];
  list.forEach((entry, index) => {
    try {
      const safe = typeof (entry as Record<string, unknown>)?.['safe'] === 'string' ? ((entry as Record<string, unknown>)['safe'] as string) : '';
      const ctx = resolveSafe(safe, undefined);
      items.push(
        serviceTransactionToQueueItem(entry, { chainId: ctx.chainId, safe, safeVersion: ctx.safeVersion, source: { kind: 'service-file', path }, claimedBy: `The file ${path}` }),
      );
    } catch (error) {
      if (!(error instanceof GuardianError)) throw error;
      rejected.push({ index, error });
    }
  });
  return { kind: 'service-file', items, rejected };
}
