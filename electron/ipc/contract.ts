import { z } from 'zod';
import { safeTxJsonSchema } from '../core/safe/safeTxJson.js';
import type { Channel } from './channels.js';

const empty = z.object({}).strict();
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);

const watchedSafe = z.object({
  chainId: z.string(),
  address: z.string(),
  label: z.string().nullable(),
  serviceUrl: z.string().nullable(),
  rpcUrl: z.string().nullable(),
  owners: z.array(z.string()).nullable(),
  threshold: z.number().nullable(),
  nonce: z.string().nullable(),
  version: z.string().nullable(),
});

const queueEntry = z.object({
  safeTxHash: hex32,
  claimedSafeTxHash: hex32.nullable(),
  hashVerdict: z.enum(['match', 'unclaimed']),
  chainId: z.string(),
  safe: z.string(),
  nonce: z.string(),
  to: z.string(),
  value: z.string(),
  operation: z.union([z.literal(0), z.literal(1)]),
  dataBytes: z.number(),
  source: z.string(),
  confirmations: z.array(z.object({ owner: z.string(), origin: z.string() })),
  threshold: z.number().nullable(),
});

const hashes = z.object({ domainHash: hex32, messageHash: hex32, safeTxHash: hex32 });

const severity = z.enum(['critical', 'high', 'medium', 'info']);
const review = z.object({
  summary: z.string(),
  simulation: z.object({ success: z.boolean(), revertReason: z.string().nullable(), gasUsed: z.string(), block: z.string() }),
  contracts: z.array(z.object({ label: z.string(), changes: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })) })),
  findings: z.array(z.object({ code: z.string(), severity, title: z.string(), explanation: z.string() })),
  worst: severity.nullable(),
});

/**
 * The one IPC contract, read by the main process (to validate), the preload (for the channel list) and the
 * renderer (for types). Payloads are JSON-safe: bigints travel as decimal strings.
 */
export const contract = {
  'app.info': { request: empty, response: z.object({ version: z.string(), dataDir: z.string() }) },
  'safes.list': { request: empty, response: z.array(watchedSafe) },
  'queue.list': { request: z.object({ chainId: z.string().regex(/^[0-9]+$/).optional(), safe: z.string().optional() }).strict(), response: z.array(queueEntry) },
  'queue.hashes': { request: z.object({ safeTxHash: hex32 }).strict(), response: hashes.extend({ storedSafeTxHash: hex32 }) },
  'queue.review': { request: z.object({ safeTxHash: hex32 }).strict(), response: review },
  'tx.hashes': { request: z.object({ tx: safeTxJsonSchema }).strict(), response: hashes },
} satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Request<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type Response<C extends Channel> = z.infer<(typeof contract)[C]['response']>;
export type QueueEntry = z.infer<typeof queueEntry>;
export type WatchedSafeView = z.infer<typeof watchedSafe>;
export type ReviewView = z.infer<typeof review>;
