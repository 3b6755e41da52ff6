import { z } from 'zod';
import { address, decimal, hex32 } from './contractFields.js';
import { ledgerAccount } from './ledgerAccountFields.js';

const outer = z.object({ chainId: decimal, safe: address, safeTxHash: hex32 });
const findingCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/);
const hexBytes = z.string().regex(/^0x(?:[0-9a-f]{2})*$/);

const posts = z.array(
  z.object({
    what: z.enum(['inner-message', 'outer-confirmation']),
    safe: address,
    owner: address,
    posted: z.boolean(),
    failure: z.string().nullable(),
  }),
);
/** Signatures kept here only, for a reason no retry changes (the service cannot hold the message, none set). */
const held = z.array(z.object({ owner: address, reason: z.string() }));

/** An owner Safe's off-chain (EIP-1271) signature of the outer transaction: the hash its owners' Ledgers sign. */
const offChain = z.object({
  /** keccak(0x1901 ‖ domainHash ‖ messageHash): what the inner owners' devices sign, never the outer safeTxHash. */
  innerSafeMessageHash: hex32,
  /** As the Ledger shows them in hashed EIP-712 signing. */
  domainHash: hex32,
  messageHash: hex32,
  /** Inner owners whose kept signature is proven over that hash, and how many the owner Safe needs. */
  signed: z.array(address),
  threshold: z.number().int(),
  /** The outer transaction holds the owner Safe's contract signature, built from those. */
  contractSignatureStored: z.boolean(),
});

/**
 * The Review screen's owner Safes: an owner of the reviewed Safe that is a Safe, its approveHash of it, and its
 * off-chain contract signature of it.
 */
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
          /** Its off-chain signature so far; null with the reason when this station cannot build one. */
          offChain: offChain.nullable(),
          offChainUnavailable: z.string().nullable(),
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
  // One owner of the owner Safe signs, on the Ledger, its SafeMessage over the outer transaction (reviewed and
  // gated first). Kept before anything else; at the inner threshold the v=0 contract signature is built and stored
  // as the owner Safe's outer confirmation, counted only once its isValidSignature accepts it; then both posted.
  // Its steps are read on queue.signProgress under the outer safeTxHash. Without `account`, the first 5 accounts of
  // each layout are searched for an owner of the owner Safe.
  'nested.sign': {
    request: z
      .object({
        outerSafeTxHash: hex32,
        ownerSafe: address,
        acknowledged: z.array(findingCode).max(32),
        account: ledgerAccount.optional(),
      })
      .strict(),
    response: z.object({
      signer: address,
      path: z.string(),
      outerSafeTxHash: hex32,
      /** The hash this Ledger signed: the inner SafeMessage hash. */
      deviceSigned: hex32,
      offChain,
      contractSignature: hexBytes.nullable(),
      /** How the outer Safe judges the stored contract signature (isValidSignature on the chain); null before one. */
      outerConfirmation: z
        .object({ status: z.enum(['valid', 'unverified', 'refused']), reason: z.string().nullable() })
        .nullable(),
      outerQuorum: z.object({ signed: z.array(address), threshold: z.number().int(), met: z.boolean() }).nullable(),
      /** Why the owner Safe could not be asked (its RPC down): stored all the same, counted by nothing. */
      outerFailure: z.string().nullable(),
      posts,
      held,
    }),
  },
  // What nested.sign kept and could not post (the service down): the inner owners' signatures and the owner
  // Safe's contract signature sent again, proven again as read, with no device and no new signature.
  'nested.postAgain': {
    request: z.object({ outerSafeTxHash: hex32, ownerSafe: address }).strict(),
    response: z.object({ posts, held }),
  },
};
