import { z } from 'zod';
import { address, anyCaseHex32, empty, hex32 } from './contractFields.js';
import { ledgerAccount } from './ledgerAccountFields.js';
import { quorum } from './quorumSchema.js';

const signingMode = z.enum(['full', 'hashed', 'eth_sign']);
const signingStep = z.object({
  stage: z.enum([
    'reviewing',
    'waiting-for-device',
    'checking-address',
    'streaming',
    'awaiting-approval',
    'fallback',
    'verifying',
    'signed',
  ]),
  detail: z.string(),
  // As the device prints them (upper-case hex), to be drawn exactly so.
  compare: z
    .object({
      domainHash: anyCaseHex32.optional(),
      messageHash: anyCaseHex32.optional(),
      safeTxHash: anyCaseHex32.optional(),
    })
    .nullable(),
});
export type SigningStepView = z.infer<typeof signingStep>;

/** The sign screen: the Ledger's app, signing on it, its steps while it runs, and posting stored signatures again. */
export const signContract = {
  // A guardian signs on the Ledger plugged into this machine; the main process reviews again first (the gate).
  // Without `account`, the first 5 accounts of each layout are searched for an owner, as the CLI's sign does.
  'queue.sign': {
    request: z
      .object({
        safeTxHash: hex32,
        mode: signingMode,
        acknowledged: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/)).max(32),
        account: ledgerAccount.optional(),
      })
      .strict(),
    response: z.object({
      signer: address,
      mode: signingMode,
      path: z.string(),
      posted: z.boolean(),
      /** Why the Transaction Service did not take it: the signature is stored all the same. */
      postFailure: z.string().nullable(),
      quorum,
    }),
  },
  // Signatures made or carried here that the Transaction Service never took, posted again from the store with no
  // device; each is re-verified as it is read, so a non-owner's is refused, never sent.
  'queue.postAgain': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      outcomes: z.array(z.object({ owner: address, posted: z.boolean(), failure: z.string().nullable() })),
    }),
  },
  // Asked while queue.sign runs: the steps so far, or null when no signing of this transaction is running.
  'queue.signProgress': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ steps: z.array(signingStep).nullable() }),
  },
  // The Ledger plugged in: which app it runs and what it can show, before a guardian picks how to sign.
  'device.check': {
    request: empty,
    response: z.object({
      appName: z.string(),
      version: z.string(),
      blindSigningEnabled: z.boolean(),
      eip712Full: z.boolean(),
      eip712Hashed: z.boolean(),
    }),
  },
};
