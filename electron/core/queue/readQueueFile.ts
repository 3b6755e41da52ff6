import { GuardianError, isGuardianError } from '../errors.js';
import { readJsonFile } from '../input/jsonFile.js';
import { parseJsonText } from '../input/jsonText.js';
import type { QueueItem } from '../safe/queueItem.js';
import {
  plainPageResults,
  servicePageFileSchema,
  serviceTransactionReader,
  type FileRejection,
  type ServiceTransactionReader,
  type ServiceTransactionsFile,
} from './serviceTransactionsFile.js';
import { firstIssue } from './serviceSchemas.js';
import { parseTxBuilderFile } from './txBuilderFile.js';

/**
 * What a file cannot say about its Safe: the chain (service JSON has none), the version, and for a Transaction
 * Builder batch the nonce (service JSON carries each transaction's own).
 */
export interface SafeContext {
  chainId: bigint;
  safeVersion: string;
  nonce?: bigint;
  multiSendCallOnly?: string;
}

/**
 * Finds the context of a Safe named in a file (from the store, or from flags); throws a clear error if unknown,
 * the nonce only when `needs.nonce`. `chainId` is the file's own claim when it makes one (Transaction Builder
 * batches do).
 */
export type ResolveSafe = (safe: string, chainId: bigint | undefined, needs: { nonce: boolean }) => SafeContext;

export interface QueueFile {
  kind: 'tx-builder-file' | 'service-file';
  items: QueueItem[];
  rejected: FileRejection[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readServiceEntries(list: unknown[], path: string, resolveSafe: ResolveSafe): QueueFile {
  const file: QueueFile = { kind: 'service-file', items: [], rejected: [] };
  // One reader for each Safe the file names, under the context resolved for it: a page is one Safe's.
  const readers = new Map<string, { ctx: SafeContext; read: ServiceTransactionReader }>();
  const one: ServiceTransactionsFile = { items: [], rejected: [] };
  list.forEach((entry, index) => {
    try {
      const safe = isObject(entry) && typeof entry['safe'] === 'string' ? entry['safe'] : '';
      const ctx = resolveSafe(safe, undefined, { nonce: false });
      let reader = readers.get(safe);
      if (reader?.ctx !== ctx) {
        reader = {
          ctx,
          read: serviceTransactionReader({ chainId: ctx.chainId, safeVersion: ctx.safeVersion, safe, path }),
        };
        readers.set(safe, reader);
      }
      // Read as a file of this one entry, as each was before: its position is the file's, given below.
      reader.read(entry, 0, false, one);
      // Indexed: a thousand entries run this before it is compiled, and each for-of made an iterator.
      for (let i = 0; i < one.items.length; i++) file.items.push(one.items[i]!);
      for (let i = 0; i < one.rejected.length; i++) file.rejected.push({ ...one.rejected[i]!, index });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      file.rejected.push({ index, error });
    } finally {
      one.items.length = 0;
      one.rejected.length = 0;
    }
  });
  return file;
}

/**
 * Reads a queue file and tells its shape: a Safe Transaction Builder batch (meta, transactions), one multisig
 * transaction in the Transaction Service's JSON shape (safeTxHash), or a page of them (results). Service
 * transactions carry a claimed safeTxHash and are checked like a pull; a batch is hashed here from scratch.
 */
export function readQueueFile(path: string, resolveSafe: ResolveSafe): QueueFile {
  return parseQueueJson(readJsonFile(path), path, resolveSafe);
}

/**
 * The same, from a file's text already in hand (the app's renderer reads the file a guardian picks; only its
 * text crosses to the main process). `path` is the file's path or name, as messages and the stored source say it.
 */
export function parseQueueFile(text: string, path: string, resolveSafe: ResolveSafe): QueueFile {
  return parseQueueJson(parseJsonText(text, path), path, resolveSafe);
}

/** The same, from the file's JSON already parsed by the one JSON reader (parseJsonText, readJsonFile). */
export function parseQueueJson(json: unknown, path: string, resolveSafe: ResolveSafe): QueueFile {
  if (!isObject(json))
    throw new GuardianError(
      'INVALID_FILE',
      `${path} holds JSON, but not an object: neither a Transaction Builder batch nor Transaction Service JSON.`,
    );

  if ('transactions' in json && 'meta' in json) {
    const meta = isObject(json['meta']) ? json['meta'] : {};
    const chainId =
      typeof json['chainId'] === 'string' && /^[0-9]+$/.test(json['chainId']) ? BigInt(json['chainId']) : undefined;
    const safe = typeof meta['createdFromSafeAddress'] === 'string' ? meta['createdFromSafeAddress'] : '';
    const ctx = resolveSafe(safe, chainId, { nonce: true });
    if (ctx.nonce === undefined)
      throw new GuardianError(
        'INVALID_INPUT',
        `${path} is a Transaction Builder batch, which carries no nonce: give the nonce it is for (--nonce).`,
      );
    const item = parseTxBuilderFile(json, {
      chainId: ctx.chainId,
      safeVersion: ctx.safeVersion,
      nonce: ctx.nonce,
      path,
      ...(ctx.multiSendCallOnly ? { multiSendAddress: ctx.multiSendCallOnly } : {}),
    });
    return { kind: 'tx-builder-file', items: [item], rejected: [] };
  }
  if ('results' in json) {
    const plain = plainPageResults(json);
    if (plain) return readServiceEntries(plain, path, resolveSafe);
    const page = servicePageFileSchema().safeParse(json);
    if (!page.success)
      throw new GuardianError(
        'INVALID_FILE',
        `${path} looks like a page of Transaction Service transactions but is not one (${firstIssue(page.error)}).`,
        { cause: page.error },
      );
    return readServiceEntries(page.data.results, path, resolveSafe);
  }
  if ('safeTxHash' in json) return readServiceEntries([json], path, resolveSafe);
  throw new GuardianError(
    'INVALID_FILE',
    `${path} is neither a Transaction Builder batch (needs meta and transactions) nor Transaction Service JSON (needs safeTxHash, or a page with results); it has ${Object.keys(json).slice(0, 8).join(', ') || 'no fields'}.`,
  );
}
