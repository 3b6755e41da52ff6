import { isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError, isGuardianError } from '../errors.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { safeVersionRules } from '../safe/safeVersions.js';
import type { QueueItem } from '../safe/queueItem.js';
import { firstIssue } from './serviceSchemas.js';
import { claimedLabel, serviceTransactionToQueueItem } from './serviceTransaction.js';

export interface ServiceTransactionsFileContext {
  /** The Safe as last pulled: gives the chain (service JSON carries none), the address and the version. */
  safeInfo?: SafeInfo;
  chainId?: bigint;
  safeVersion?: string;
  /** The Safe the transactions must belong to; defaults to safeInfo.address, else each transaction's own `safe`. */
  safe?: string;
  path?: string;
}

export interface FileRejection {
  /** Position in the file (0 for a single transaction). */
  index: number;
  claimedSafeTxHash?: string;
  nonce?: string;
  error: GuardianError;
}

export interface ServiceTransactionsFile {
  items: QueueItem[];
  rejected: FileRejection[];
}

const MAX_PAGE_TRANSACTIONS = 10_000;

/** A page as the service lists one ({count, next, previous, results}); results are checked one by one. */
export const servicePageFileSchema = lazySchema(() =>
  z.object({
    count: z.number().int().nonnegative().optional(),
    next: z.string().nullable().optional(),
    previous: z.string().nullable().optional(),
    results: z
      .array(z.unknown())
      .max(MAX_PAGE_TRANSACTIONS, `more than ${MAX_PAGE_TRANSACTIONS} transactions is no queue a guardian can review`),
  }),
);

/**
 * servicePageFileSchema's results for a page in the plain form the service lists, without zod: zod copied the
 * thousand entries through a check of each that cannot fail (unknown). As zod's int(), a count is a safe integer. Only ever yes; anything else zod decides,
 * with its message.
 */
export function plainPageResults(page: Record<string, unknown>): unknown[] | undefined {
  const { count, next, previous, results } = page;
  const link = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  const counted = count === undefined || (typeof count === 'number' && Number.isSafeInteger(count) && count >= 0);
  if (!counted || !link(next) || !link(previous) || !Array.isArray(results) || results.length > MAX_PAGE_TRANSACTIONS)
    return undefined;
  return results as unknown[];
}

/**
 * One multisig transaction in the Transaction Service's JSON shape, or a page of them, as a colleague or an
 * air-gapped workflow hands it over. Each is re-hashed with the Safe's version and checked like a pull; a
 * refused one is named by its position and never becomes an item.
 */
export function parseServiceTransactionsFile(
  json: unknown,
  ctx: ServiceTransactionsFileContext = {},
): ServiceTransactionsFile {
  const read = serviceTransactionReader(ctx);
  const isPage = typeof json === 'object' && json !== null && 'results' in json;
  let list: unknown[];
  if (isPage) {
    const page = servicePageFileSchema().safeParse(json);
    if (!page.success)
      throw new GuardianError(
        'INVALID_FILE',
        `${read.where} is not a page of transactions (${firstIssue(page.error)}).`,
        {
          cause: page.error,
        },
      );
    list = page.data.results;
  } else {
    list = [json];
  }
  const file: ServiceTransactionsFile = { items: [], rejected: [] };
  list.forEach((entry, index) => read(entry, index, isPage, file));
  return file;
}

/** Checks one entry of a file into `file`: its item, or its refusals, named by `index`. */
export type ServiceTransactionReader = ((
  entry: unknown,
  index: number,
  isPage: boolean,
  file: ServiceTransactionsFile,
) => void) & { where: string };

/**
 * What parseServiceTransactionsFile settles once for a whole file (the chain, the version's rules, the moment it
 * was read), and the check of each entry under it: a queue file of a thousand entries asks once, not a thousand
 * times.
 */
export function serviceTransactionReader(ctx: ServiceTransactionsFileContext = {}): ServiceTransactionReader {
  const where = ctx.path ? `The file ${ctx.path}` : 'The service transaction file';
  const chainId = ctx.chainId ?? ctx.safeInfo?.chainId;
  const safeVersion = ctx.safeVersion ?? ctx.safeInfo?.version;
  if (chainId === undefined || safeVersion === undefined) {
    throw new GuardianError(
      'INVALID_INPUT',
      `${where}: Transaction Service JSON says neither the chain nor the Safe's version, and both go into the hash; give the Safe's info (pull it first) or its chain id and version.`,
    );
  }
  safeVersionRules(safeVersion);
  const fetchedAt = new Date().toISOString();
  const source = { kind: 'service-file' as const, path: ctx.path ?? '' };
  const read = (entry: unknown, index: number, isPage: boolean, file: ServiceTransactionsFile): void => {
    try {
      const own = (entry as { safe?: unknown } | null)?.safe;
      const safe = ctx.safe ?? ctx.safeInfo?.address ?? (typeof own === 'string' && isAddress(own) ? own : undefined);
      if (!safe)
        throw new GuardianError(
          'INVALID_FILE',
          `${where}, transaction ${index + 1}: names no valid Safe address ("safe").`,
          { details: { path: `${isPage ? `results.${index}.` : ''}safe` } },
        );
      const { item, refusedConfirmations } = serviceTransactionToQueueItem(entry, {
        chainId,
        safe,
        safeVersion,
        source,
        claimedBy: where,
        malformedCode: 'INVALID_FILE',
        fetchedAt,
      });
      for (const error of refusedConfirmations) file.rejected.push({ index, ...claimedLabel(entry), error });
      file.items.push(item);
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      file.rejected.push({ index, ...claimedLabel(entry), error });
    }
  };
  return Object.assign(read, { where });
}
