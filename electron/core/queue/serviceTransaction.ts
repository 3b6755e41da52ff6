import { checksumAddress } from '../primitives/checksumAddress.js';
import { asLowerCase } from '../input/asLowerCase.js';
import { GuardianError } from '../errors.js';
import { createSafeTx, type SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { verifyClaimedHash } from '../safe/verifyClaimedHash.js';
import type { QueueItem, QueueSource } from '../safe/queueItem.js';
import { checkServiceConfirmations } from './serviceConfirmations.js';
import { plainServiceTransaction } from './plainServiceTransaction.js';
import { firstIssue, serviceMultisigTransactionSchema, type ServiceMultisigTransaction } from './serviceSchemas.js';

/** Chains a tampered or misrouted transaction most likely came from, to say so rather than only "mismatch". */
const WELL_KNOWN_CHAINS = [1n, 10n, 56n, 100n, 137n, 324n, 8453n, 42161n, 43114n, 59144n, 11155111n, 31337n];

export interface ServiceTransactionContext {
  chainId: bigint;
  safe: string;
  safeVersion: string;
  source: QueueSource;
  /** Who is making the claim, for messages: "The Transaction Service", "The file q.json". */
  claimedBy: string;
  /** The code for a shape the schema refuses: SERVICE_BAD_RESPONSE from the network, INVALID_FILE from a file. */
  malformedCode?: 'SERVICE_BAD_RESPONSE' | 'INVALID_FILE';
  fetchedAt?: string;
}

export interface ServiceTransactionResult {
  item: QueueItem;
  /** The service transaction as validated, for checks only the caller can make (executed, nonce). */
  served: ServiceMultisigTransaction;
  /** Confirmations dropped because their signature does not name their owner over this hash. */
  refusedConfirmations: GuardianError[];
}

/** The safeTxHash and nonce a raw entry claims, for naming it in a refusal even when it is malformed. */
export function claimedLabel(raw: unknown): { claimedSafeTxHash?: string; nonce?: string } {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { safeTxHash?: unknown; nonce?: unknown };
  const label: { claimedSafeTxHash?: string; nonce?: string } = {};
  if (typeof r.safeTxHash === 'string') label.claimedSafeTxHash = r.safeTxHash.slice(0, 66);
  if (typeof r.nonce === 'string' || typeof r.nonce === 'number') label.nonce = String(r.nonce).slice(0, 80);
  return label;
}

function hashMismatch(
  tx: SafeTx,
  t: ServiceMultisigTransaction,
  ctx: ServiceTransactionContext,
  mismatch: unknown,
): GuardianError {
  const otherChain = WELL_KNOWN_CHAINS.find(
    (id) => id !== ctx.chainId && safeTxHash({ ...tx, chainId: id }).toLowerCase() === t.safeTxHash.toLowerCase(),
  );
  if (otherChain === undefined) return mismatch as GuardianError;
  return new GuardianError(
    'WRONG_CHAIN',
    `${ctx.claimedBy} sent transaction ${t.safeTxHash} (nonce ${t.nonce}) hashed for chain ${otherChain}, not chain ${ctx.chainId}. Do not sign it.`,
    {
      details: { claimed: t.safeTxHash, chainId: otherChain.toString(), expected: ctx.chainId.toString() },
      cause: mismatch,
    },
  );
}

/**
 * Turns one multisig transaction in the service's JSON shape into a QueueItem, or refuses it with an error
 * naming what is wrong: malformed, for another Safe, for another chain, or a hash that its fields do not
 * produce. A refused transaction is never stored and never offered for signing.
 */
export function serviceTransactionToQueueItem(json: unknown, ctx: ServiceTransactionContext): ServiceTransactionResult {
  // The plain form is checked without zod (plainServiceTransaction.ts); anything else zod checks and names.
  const plain = plainServiceTransaction(json);
  const parsed = plain ? { success: true as const, data: plain } : serviceMultisigTransactionSchema.safeParse(json);
  if (!parsed.success) {
    throw new GuardianError(
      ctx.malformedCode ?? 'SERVICE_BAD_RESPONSE',
      `${ctx.claimedBy} sent a malformed transaction (${firstIssue(parsed.error)}).`,
      {
        cause: parsed.error,
        details: { path: parsed.error.issues[0]?.path.join('.') },
      },
    );
  }
  const t = parsed.data;
  // The same address is the same lowercase hex (a checksum is a function of it): the checksums only to show.
  const safe = asLowerCase(ctx.safe);
  if (asLowerCase(t.safe) !== safe) {
    throw new GuardianError(
      'WRONG_SAFE',
      `${ctx.claimedBy} listed transaction ${t.safeTxHash} (nonce ${t.nonce}) of Safe ${checksumAddress(t.safe.toLowerCase())} under Safe ${checksumAddress(ctx.safe.toLowerCase())}.`,
      {
        details: { claimed: t.safeTxHash, safe: t.safe, expected: ctx.safe },
      },
    );
  }
  const tx: SafeTx = createSafeTx({
    chainId: ctx.chainId,
    safe,
    safeVersion: ctx.safeVersion,
    to: asLowerCase(t.to),
    value: t.value,
    data: t.data ?? '0x',
    operation: t.operation,
    safeTxGas: t.safeTxGas,
    baseGas: t.baseGas,
    gasPrice: t.gasPrice,
    gasToken: asLowerCase(t.gasToken),
    refundReceiver: asLowerCase(t.refundReceiver),
    nonce: t.nonce,
  });
  let computed: string;
  try {
    computed = verifyClaimedHash(tx, t.safeTxHash, ctx.claimedBy).safeTxHash;
  } catch (mismatch) {
    throw hashMismatch(tx, t, ctx, mismatch);
  }
  const { confirmations, refused } = checkServiceConfirmations(computed, t.confirmations ?? [], ctx.claimedBy);
  const item: QueueItem = {
    safeTx: tx,
    safeTxHash: computed,
    claimedSafeTxHash: asLowerCase(t.safeTxHash),
    source: ctx.source,
    confirmations,
    fetchedAt: ctx.fetchedAt ?? new Date().toISOString(),
  };
  if (t.proposer) item.proposer = checksumAddress(t.proposer.toLowerCase());
  if (t.submissionDate) item.submittedAt = t.submissionDate;
  return { item, served: t, refusedConfirmations: refused };
}
