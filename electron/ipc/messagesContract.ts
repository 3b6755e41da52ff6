import { z } from 'zod';
import { address, decimal, hex32 } from './contractFields.js';
import { ledgerAccount } from './ledgerAccountFields.js';

/** The messages screen: Safe messages, their hashes and signatures, and signing one on the Ledger. */
export const messagesContract = {
  // Safe messages, pulled when asked; hashes recomputed and signatures proven in the main process.
  'messages.list': {
    request: z.object({ pull: z.boolean().optional() }).strict(),
    response: z.object({
      messages: z.array(
        z.object({
          safeMessageHash: hex32,
          claimedSafeMessageHash: hex32.nullable(),
          chainId: decimal,
          safe: address,
          kind: z.enum(['eip191', 'eip712']),
          description: z.string(),
          domainHash: hex32,
          messageHash: hex32,
          warnings: z.array(
            z.object({ code: z.string(), severity: z.enum(['critical', 'high', 'medium']), text: z.string() }),
          ),
          signed: z.array(address),
          refused: z.array(z.object({ owner: z.string(), reason: z.string() })),
          threshold: z.number().int().nullable(),
        }),
      ),
      refused: z.array(
        z.object({ safe: z.string(), claimedSafeMessageHash: z.string().nullable(), reason: z.string() }),
      ),
      failures: z.array(z.object({ safe: z.string(), reason: z.string() })),
    }),
  },
  // One owner signs a stored Safe message on the Ledger (hashed EIP-712: the device shows the domain and message
  // hashes messages.list gave); stored and checked before it is posted, and the Safe asked once the quorum is met.
  // Without `account`, the first 5 accounts of each layout are searched for an owner, as `guardian message sign` does.
  'messages.sign': {
    request: z
      .object({
        safeMessageHash: hex32,
        acknowledged: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/)).max(32),
        account: ledgerAccount.optional(),
      })
      .strict(),
    response: z.object({
      signer: address,
      path: z.string(),
      posted: z.boolean(),
      postFailure: z.string().nullable(),
      signed: z.array(address),
      threshold: z.number().int(),
      /** The Safe's own isValidSignature on the collected signatures; null until the quorum is met or with no RPC. */
      onChainValid: z.boolean().nullable(),
    }),
  },
};
