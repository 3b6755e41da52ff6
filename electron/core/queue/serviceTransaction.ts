import { getAddress } from 'ethers';
import { GuardianError } from '../errors.js';
import { createSafeTx, type SafeTx } from '../safe/safeTx.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { verifyClaimedHash } from '../safe/verifyClaimedHash.js';
import type { QueueItem, QueueSource } from './queueItem.js';
import { firstIssue, serviceMultisigTransactionSchema } from './serviceSchemas.js';

/** Chains a tampered or misrouted transaction most likely came from, to say so rather than only "mismatch". */
const WELL_KNOWN_CHAINS = [1n, 10n, 56n, 100n, 137n, 324n, 8453n, 42161n, 43114n, 59144n, 11155111n, 31337n];

export interface ServiceTransactionContext {
  chainId: bigint;
  safe: string;
  safeVersion: string;
  source: QueueSource;
  claimedBy: string;
  fetchedAt?: string;
}

/**
 * Turns one multisig transaction in the service's JSON shape into a QueueItem, or refuses it with an error
 * naming what is wrong: malformed, for another Safe, for another chain, or a hash that its fields do not
 * produce. A refused transaction is never stored and never offered for signing.
 */
export function serviceTransactionToQueueItem(json: unknown, ctx: ServiceTransactionContext): QueueItem {
  const parsed = serviceMultisigTransactionSchema.safeParse(json);
  if (!parsed.success) {
    throw new GuardianError('SERVICE_BAD_RESPONSE', `${ctx.claimedBy} sent a malformed transaction (${firstIssue(parsed.error)}).`, { cause: parsed.error });
  }
  const t = parsed.data;
  if (getAddress(t.safe) !== getAddress(ctx.safe)) {
    throw new GuardianError('WRONG_SAFE', `${ctx.claimedBy} listed transaction ${t.safeTxHash} (nonce ${t.nonce}) of Safe ${getAddress(t.safe)} under Safe ${getAddress(ctx.safe)}.`, {
      details: { claimed: t.safeTxHash, safe: t.safe, expected: ctx.safe },
    });
  }
  const tx: SafeTx = createSafeTx({
    chainId: ctx.chainId,
    safe: ctx.safe,
    safeVersion: ctx.safeVersion,
    to: t.to,
    value: t.value,
    data: t.data ?? '0x',
    operation: t.operation,
    safeTxGas: t.safeTxGas,
    baseGas: t.baseGas,
    gasPrice: t.gasPrice,
    gasToken: t.gasToken,
    refundReceiver: t.refundReceiver,
    nonce: t.nonce,
  });
  try {
    verifyClaimedHash(tx, t.safeTxHash, ctx.claimedBy);
  } catch (mismatch) {
    const otherChain = WELL_KNOWN_CHAINS.find((id) => id !== ctx.chainId && safeTxHash({ ...tx, chainId: id }).toLowerCase() === t.safeTxHash.toLowerCase());
    if (otherChain !== undefined) {
      throw new GuardianError('WRONG_CHAIN', `${ctx.claimedBy} sent transaction ${t.safeTxHash} (nonce ${t.nonce}) hashed for chain ${otherChain}, not chain ${ctx.chainId}. Do not sign it.`, {
        details: { claimed: t.safeTxHash, chainId: otherChain.toString(), expected: ctx.chainId.toString() },
        cause: mismatch,
      });
    }
    throw mismatch;
  }
  const item: QueueItem = {
    safeTx: tx,
    safeTxHash: safeTxHash(tx),
    claimedSafeTxHash: t.safeTxHash.toLowerCase(),
    source: ctx.source,
    confirmations: (t.confirmations ?? []).map((c) => {
      const confirmation: QueueItem['confirmations'][number] = { owner: getAddress(c.owner), signature: c.signature.toLowerCase() };
      if (c.signatureType) confirmation.signatureType = c.signatureType;
      if (c.submissionDate) confirmation.submittedAt = c.submissionDate;
      return confirmation;
    }),
    fetchedAt: ctx.fetchedAt ?? new Date().toISOString(),
  };
  if (t.proposer) item.proposer = getAddress(t.proposer);
  if (t.submissionDate) item.submittedAt = t.submissionDate;
  return item;
}
