import type SafeApiKit from '@safe-global/api-kit';
import { GuardianError, isGuardianError } from '../errors.js';
import type { ExecutedTransaction } from '../safe/executedTransaction.js';
import type { SafeInfo } from '../safe/safeInfo.js';
import { claimedTime } from './claimedTime.js';
import type { QueueSource } from '../safe/queueItem.js';
import { firstIssue, servicePageSchema } from './serviceSchemas.js';
import { serviceTransactionToQueueItem } from './serviceTransaction.js';

export interface ExecutedHistory {
  executions: ExecutedTransaction[];
  /** Entries not taken, each with why: a hash that is not its fields', not executed, no readable date. */
  refused: string[];
}

/** The latest executions are what a team's latency is judged on; older history is kept from earlier pulls. */
const HISTORY_PAGE = 100;

/**
 * The Safe's most recent executed transactions, each re-hashed here like a pending one, so a service cannot
 * invent history for transactions the Safe never had. Executed transactions from before a Safe upgrade
 * whose hash depended on the older version are refused like any mismatch; they only cost the history a row.
 */
export async function executedHistory(
  api: SafeApiKit,
  safeInfo: SafeInfo,
  source: QueueSource,
  call: <T>(what: string, work: () => Promise<T>) => Promise<T>,
): Promise<ExecutedHistory> {
  const page = await call('the executed transactions request', () =>
    api.getMultisigTransactions(safeInfo.address, { executed: true, ordering: '-nonce', limit: HISTORY_PAGE }),
  );
  const parsed = servicePageSchema.safeParse(page);
  if (!parsed.success)
    throw new GuardianError(
      'SERVICE_BAD_RESPONSE',
      `The Transaction Service sent a malformed list of executed transactions (${firstIssue(parsed.error)}).`,
      { cause: parsed.error },
    );
  const results = parsed.data.results.slice(0, HISTORY_PAGE);
  const executions: ExecutedTransaction[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  for (const raw of results) {
    try {
      const { item, served } = serviceTransactionToQueueItem(raw, {
        chainId: safeInfo.chainId,
        safe: safeInfo.address,
        safeVersion: safeInfo.version,
        source,
        claimedBy: 'The Transaction Service',
      });
      const label = `${item.safeTxHash} (nonce ${item.safeTx.nonce})`;
      // The Safe's own nonce is the chain's word on what has run: a transaction at or past it has not.
      if (served.isExecuted !== true || item.safeTx.nonce >= safeInfo.nonce)
        refused.push(
          `${label} is listed as executed but the Safe's nonce is ${safeInfo.nonce}, or it is not marked executed.`,
        );
      else if (claimedTime(served.executionDate) === null) refused.push(`${label} has no readable execution date.`);
      else if (seen.has(item.safeTxHash)) refused.push(`${label} is listed twice.`);
      else {
        seen.add(item.safeTxHash);
        executions.push({
          chainId: safeInfo.chainId,
          safe: safeInfo.address,
          safeTxHash: item.safeTxHash,
          nonce: item.safeTx.nonce,
          proposedAt: item.submittedAt ?? null,
          executedAt: served.executionDate!,
          executedAtSource: 'service',
          transactionHash: served.transactionHash?.toLowerCase() ?? null,
        });
      }
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      refused.push(error.message);
    }
  }
  return { executions, refused };
}
