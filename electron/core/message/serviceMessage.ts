import { getAddress } from 'ethers';
import { z } from 'zod';
import { GuardianError, isGuardianError } from '../errors.js';
import { firstIssue, hexAddress } from '../queue/serviceSchemas.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';
import { checkMessageSignature } from './messageSignature.js';
import { safeMessageContentSchema, type SafeMessageContent } from '../safe/safeMessage.js';
import { safeMessageHash } from '../safe/safeMessageHash.js';
import type { MessageSignature, SafeMessageSource, StoredSafeMessage } from '../store/storedSafeMessage.js';

const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte 0x hash');

/**
 * A SafeMessage as the Transaction Service serves it (SafeMessageResponseSerializer; api-kit's SafeMessage type):
 * GET /v1/safes/{address}/messages/ and GET /v1/messages/{hash}/. Checked here, at the edge. A file may carry the
 * same shape with only `message` (and `safe`): then nothing is claimed, and the hash is simply computed.
 */
export const serviceMessageSchema = z.object({
  safe: hexAddress.optional(),
  messageHash: hash.optional(),
  message: safeMessageContentSchema(),
  proposedBy: hexAddress.nullable().optional(),
  created: z.string().max(100).optional(),
  confirmations: z
    .array(
      z.object({
        owner: hexAddress,
        signature: z.string().refine(isWholeByteHex, 'not whole-byte 0x hex'),
        signatureType: z.string().max(50).optional(),
        created: z.string().max(100).optional(),
      }),
    )
    .max(256)
    .optional(),
});

export const serviceMessagePageSchema = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullable(),
  results: z.array(z.unknown()),
});

export interface ServiceMessageContext {
  chainId: bigint;
  safe: string;
  safeVersion: string;
  owners: readonly string[];
  source: SafeMessageSource;
  /** Who makes the claim, for messages: "The Transaction Service", "The file m.json". */
  claimedBy: string;
  malformedCode: 'SERVICE_BAD_RESPONSE' | 'INVALID_FILE';
  signatureOrigin: MessageSignature['origin'];
  fetchedAt: string;
}

export interface ServiceMessageResult {
  message: StoredSafeMessage;
  /** Signatures dropped because they do not recover to their owner, an owner, over the hash computed here. */
  refusedSignatures: GuardianError[];
}

/** The hash a raw entry claims, for naming it in a refusal even when it is malformed. */
export function claimedMessageHash(raw: unknown): string | undefined {
  const h = (raw as { messageHash?: unknown } | null)?.messageHash;
  return typeof h === 'string' ? h.slice(0, 66) : undefined;
}

/**
 * Turns one served message into what is stored, or refuses it: malformed, of another Safe, or a messageHash that
 * its content does not produce under this Safe's domain. A refused message is never stored or offered for signing;
 * a signature that does not prove its owner is dropped and named.
 */
export function serviceMessageToStored(raw: unknown, ctx: ServiceMessageContext): ServiceMessageResult {
  const parsed = serviceMessageSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GuardianError(
      ctx.malformedCode,
      `${ctx.claimedBy} sent a malformed Safe message (${firstIssue(parsed.error)}).`,
      { cause: parsed.error },
    );
  }
  const m = parsed.data;
  const safe = getAddress(ctx.safe.toLowerCase());
  if (m.safe !== undefined && getAddress(m.safe.toLowerCase()) !== safe) {
    throw new GuardianError(
      'WRONG_SAFE',
      `${ctx.claimedBy} listed message ${m.messageHash ?? '(no hash)'} of Safe ${getAddress(m.safe.toLowerCase())} under Safe ${safe}.`,
      {
        details: { claimed: m.messageHash, safe: m.safe, expected: safe },
      },
    );
  }
  const content = m.message as SafeMessageContent;
  const computed = safeMessageHash({ chainId: ctx.chainId, safe, safeVersion: ctx.safeVersion, content });
  if (m.messageHash !== undefined && m.messageHash.toLowerCase() !== computed.toLowerCase()) {
    // The service's hash names the message everywhere (its URL, what owners post to): a wrong one means the
    // content shown is not what the others sign, or the Safe, chain or version assumed here is not the service's.
    throw new GuardianError(
      'HASH_MISMATCH',
      `${ctx.claimedBy} claims message hash ${m.messageHash}, but its content hashes to ${computed} for Safe ${safe} (${ctx.safeVersion}) on chain ${ctx.chainId}. Do not sign it.`,
      {
        details: { claimed: m.messageHash, computed },
      },
    );
  }
  const signatures: MessageSignature[] = [];
  const refusedSignatures: GuardianError[] = [];
  for (const c of m.confirmations ?? []) {
    try {
      const { signer } = checkMessageSignature(computed, c.signature, ctx.owners, c.owner);
      if (signatures.some((s) => s.owner === signer)) continue;
      signatures.push({
        owner: signer,
        signature: c.signature.toLowerCase(),
        origin: ctx.signatureOrigin,
        ...(c.created ? { submittedAt: c.created } : {}),
      });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      refusedSignatures.push(
        new GuardianError(
          error.code,
          `${ctx.claimedBy} sent a signature of ${getAddress(c.owner.toLowerCase())} on message ${computed} that is refused: ${error.message}`,
          { cause: error, details: { owner: c.owner, safeMessageHash: computed } },
        ),
      );
    }
  }
  const message: StoredSafeMessage = {
    chainId: ctx.chainId,
    safe,
    safeVersion: ctx.safeVersion,
    content,
    safeMessageHash: computed,
    claimedSafeMessageHash: m.messageHash?.toLowerCase() ?? null,
    source: ctx.source,
    proposedBy: m.proposedBy ? getAddress(m.proposedBy.toLowerCase()) : null,
    createdAt: m.created ?? null,
    fetchedAt: ctx.fetchedAt,
    signatures,
  };
  return { message, refusedSignatures };
}
