import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';

/**
 * What an owner is asked to sign off-chain for a Safe: EIP-191 text (personal_sign) or EIP-712 typed data,
 * as the Transaction Service's SafeMessage `message` field carries it (SafeMessageSerializer).
 */
export type SafeMessageContent = string | Eip712Message;

export interface Eip712Message {
  domain: Record<string, unknown>;
  primaryType: string;
  types: Record<string, Array<{ name: string; type: string }>>;
  message: Record<string, unknown>;
}

/** One message of one Safe: everything its hashes are computed from. */
export interface SafeMessage {
  chainId: bigint;
  safe: string;
  /** The Safe's version, as for its transactions: it decides the domain the message is signed under. */
  safeVersion: string;
  content: SafeMessageContent;
}

/** Bounds on hostile typed data: a real permit or order has a handful of types and fields. */
const MAX_TYPES = 64;
const MAX_FIELDS = 128;
const MAX_TEXT = 100_000;

const typedField = lazySchema(() => z.object({ name: z.string().min(1).max(200), type: z.string().min(1).max(200) }));

export const eip712MessageSchema = lazySchema(() =>
  z.object({
    domain: z.record(z.string(), z.unknown()),
    primaryType: z.string().min(1).max(200),
    types: z
      .record(z.string(), z.array(typedField()).max(MAX_FIELDS))
      .refine((t) => Object.keys(t).length <= MAX_TYPES, `more than ${MAX_TYPES} types`),
    message: z.record(z.string(), z.unknown()),
  }),
);

export const safeMessageContentSchema = lazySchema(() => z.union([z.string().max(MAX_TEXT), eip712MessageSchema()]));

/** A short human label for a message: its text's first line, or the typed data's primary type and domain name. */
export function describeContent(content: SafeMessageContent): string {
  if (typeof content === 'string') {
    const first = content.split('\n')[0] ?? '';
    return `text "${first.length > 60 ? `${first.slice(0, 60)}…` : first}"${content.includes('\n') ? ' (more lines)' : ''}`;
  }
  const name = typeof content.domain['name'] === 'string' ? ` of ${content.domain['name']}` : '';
  return `EIP-712 ${content.primaryType}${name}`;
}
