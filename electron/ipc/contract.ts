import type { z } from 'zod';
import type { Channel } from './channels.js';
import { appContract } from './appContract.js';
import { auditContract } from './auditContract.js';
import { carryContract } from './carryContract.js';
import { clipboardContract } from './clipboardContract.js';
import { devicesContract } from './devicesContract.js';
import { drillContract } from './drillContract.js';
import { drillOverviewContract } from './drillOverviewContract.js';
import { executeContract } from './executeContract.js';
import { hashesContract } from './hashesContract.js';
import { messagesContract } from './messagesContract.js';
import { nestedContract } from './nestedContract.js';
import { queueContract } from './queueContract.js';
import { reviewContract } from './reviewContract.js';
import { safesContract } from './safesContract.js';
import { signContract } from './signContract.js';

/**
 * The one IPC contract, read by the main process (to validate both ways), the preload (through the channel
 * names) and the renderer (for types). Payloads are JSON-safe: bigints travel as decimal strings. Requests
 * are strict objects, so a field the main process does not know is refused rather than ignored. Each screen's
 * channels live in their own file; this one puts them together, and the compiler checks it against the allow-list.
 */
export const contract = {
  ...appContract,
  ...safesContract,
  ...queueContract,
  ...carryContract,
  ...hashesContract,
  ...reviewContract,
  ...signContract,
  ...executeContract,
  ...auditContract,
  ...drillOverviewContract,
  ...messagesContract,
  ...nestedContract,
  ...clipboardContract,
  ...drillContract,
  ...devicesContract,
} satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

// Both directions: a contract entry without an allow-listed name would be unreachable, and silently so.
type NoUnlistedEntries<T extends Channel> = T;
export type ContractChannels = NoUnlistedEntries<keyof typeof contract>;

/** What the renderer sends (inputs: decimal strings) and what it receives, per channel. */
export type Request<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type Response<C extends Channel> = z.infer<(typeof contract)[C]['response']>;
export type { QueueEntry, SafeTxView } from './queueContract.js';
export type { DamagedRowView, WatchedSafeView } from './safesContract.js';
export type { AuditEntryView } from './auditContract.js';
export type { ReviewView } from './reviewContract.js';
export type { SigningStepView } from './signContract.js';
