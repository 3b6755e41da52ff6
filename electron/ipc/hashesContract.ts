import { z } from 'zod';
import { safeTxJsonSchema } from '../core/safe/safeTxJson.js';
import { hex32 } from './contractFields.js';

/** A SafeTx's three hashes, computed in the main process, as the device will be asked to sign them. */
export const hashes = z.object({ domainHash: hex32, messageHash: hex32, safeTxHash: hex32 });

/** The hashes screen: a stored transaction's hashes beside the one it was stored under, or any SafeTx typed in. */
export const hashesContract = {
  'queue.hashes': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: hashes.extend({ storedSafeTxHash: hex32 }),
  },
  'tx.hashes': { request: z.object({ tx: safeTxJsonSchema().strict() }).strict(), response: hashes },
};
