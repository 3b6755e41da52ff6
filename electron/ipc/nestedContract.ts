import { z } from 'zod';
import { address, decimal, hex32 } from './contractFields.js';

const outer = z.object({ chainId: decimal, safe: address, safeTxHash: hex32 });

/** The Review screen's owner Safes: an owner of the reviewed Safe that is a Safe, and its approveHash of it. */
export const nestedContract = {
  // The owners of the reviewed transaction's Safe that are Safes (read on its chain, else watched and pulled).
  'nested.ownerSafes': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      outer,
      ownerSafes: z.array(
        z.object({
          address,
          /** Only a watched owner Safe can approve from here: its transaction needs its queue, nonce and owners. */
          watched: z.boolean(),
          label: z.string().nullable(),
          owners: z.array(address),
          threshold: z.number().int(),
          source: z.enum(['chain', 'pulled']),
          /** approvedHashes(owner Safe, outer safeTxHash) on the outer Safe; null when the chain could not be asked. */
          approvedOnChain: z.boolean().nullable(),
          /** Its approveHash of this transaction, queued here and not yet executed. */
          pendingApproval: hex32.nullable(),
        }),
      ),
      chainUnavailable: z.string().nullable(),
      /**
       * When the reviewed transaction is itself an owner Safe's approveHash of a stored transaction (read from its
       * calldata): that outer transaction, so the screen says which hash the device signs and which it approves.
       */
      approves: z.object({ safe: address, safeTxHash: hex32 }).nullable(),
    }),
  },
  // The owner Safe's approveHash(outer safeTxHash), queued like any transaction to be reviewed and signed (or the
  // one already queued): the outer hash it approves, and the inner one its owners' devices sign.
  'nested.approve': {
    request: z.object({ outerSafeTxHash: hex32, ownerSafe: address }).strict(),
    response: z.object({
      outer,
      inner: z.object({ chainId: decimal, safe: address, safeTxHash: hex32, nonce: decimal }),
      alreadyStored: z.boolean(),
      /** The hash the owner Safe's owners sign on their Ledgers: the inner one, never the outer. */
      deviceSigns: hex32,
    }),
  },
};
