import { isAddress } from 'ethers';
import { z } from 'zod';
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

/** A page as the service lists one ({count, next, previous, results}); results are checked one by one. */
export const servicePageFileSchema = z.object({
  count: z.number().int().nonnegative().optional(),
  next: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  results: z.array(z.unknown()).max(10_000, 'more than 10000 transactions is no queue a guardian can review'),
});

/**
 * One multisig transaction in the Transaction Service's JSON shape, or a page of them, as a colleague or an
 * air-gapped workflow hands it over. Each is re-hashed with the Safe's version and checked like a pull; a
 * refused one is named by its position and never becomes an item.
 */
export function parseServiceTransactionsFile(
  json: unknown,
  ctx: ServiceTransactionsFileContext = {},
): ServiceTransactionsFile {
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
  const isPage = typeof json === 'object' && json !== null && 'results' in json;
  let list: unknown[];
  if (isPage) {
    const page = servicePageFileSchema.safeParse(json);
    if (!page.success)
      throw new GuardianError('INVALID_FILE', `${where} is not a page of transactions (${firstIssue(page.error)}).`, {
        cause: page.error,
      });
    list = page.data.results;
  } else {
    list = [json];
  }
  const items: QueueItem[] = [];
  const rejected: FileRejection[] = [];
  const fetchedAt = new Date().toISOString();
  list.forEach((entry, index) => {
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
        source: { kind: 'service-file', path: ctx.path ?? '' },
        claimedBy: where,
        malformedCode: 'INVALID_FILE',
        fetchedAt,
      });
      for (const error of refusedConfirmations) rejected.push({ index, ...claimedLabel(entry), error });
      items.push(item);
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      rejected.push({ index, ...claimedLabel(entry), error });
    }
  });
  return { items, rejected };
}
