import { z } from 'zod';
import { MAX_JSON_BYTES } from '../core/input/jsonLimits.js';
import { address, decimal, hex32 } from './contractFields.js';

/** What travels between stations: files imported and exported, and signatures shown as QR codes. */
export const carryContract = {
  // A file the guardian picked, read by the renderer: only its name and text cross. What a queue file cannot say
  // about its Safe (version, nonce) comes from the store, as a pull left it.
  'queue.import': {
    request: z
      .object({
        name: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[^\u0000-\u001f]+$/),
        text: z.string().max(MAX_JSON_BYTES),
        /** base64 when the file is a picture (a QR code of signatures, PNG): its bytes, not its text. */
        encoding: z.enum(['utf8', 'base64']).optional(),
        /** The nonce a Transaction Builder batch (which carries none) takes, once the guardian has chosen it. */
        nonce: decimal.max(78).optional(),
      })
      .strict(),
    response: z.object({
      /**
       * A queue file (Transaction Builder, service JSON), a review bundle, or signatures coming back from an
       * air-gapped station; or a batch that carries no nonce, stored only once the guardian chooses one.
       */
      kind: z.enum(['queue-file', 'review-bundle', 'signatures', 'needs-nonce']),
      nonceChoice: z
        .object({
          safe: address,
          safeNonce: decimal,
          suggested: decimal,
          queued: z.array(z.object({ nonce: decimal, safeTxHashes: z.array(hex32) })),
        })
        .optional(),
      imported: z.array(z.object({ safeTxHash: hex32, nonce: decimal })),
      /**
       * For a review bundle: who produced it, as this station recovered it (an owner of the proven state whose
       * Ledger signed its digest), or unsigned, when who produced it is unknown.
       */
      producer: z
        .discriminatedUnion('status', [
          z.object({ status: z.literal('owner'), signer: address, digest: hex32 }).strict(),
          z.object({ status: z.literal('unsigned'), digest: hex32 }).strict(),
        ])
        .optional(),
      /** Owners whose signature a signatures file added. */
      signatures: z.array(address),
      refused: z.array(z.object({ position: z.number().int().min(1), reason: z.string() })),
    }),
  },
  // Files to carry between stations, written by the main process under the store's exports/ folder: a review
  // bundle (online: the transaction with the proven pre-state of a review on a fork), or the signatures held here.
  'queue.exportBundle': { request: z.object({ safeTxHash: hex32 }).strict(), response: z.object({ path: z.string() }) },
  'queue.exportSignatures': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({ path: z.string(), signatures: z.number().int().min(0) }),
  },
  // The signatures held here as ERC-4527 eth-signature QR codes, to show to the online station's camera: per
  // signature its frames (SVG documents, several when the code is animated) and the same UR as a text line.
  'queue.signatureQr': {
    request: z.object({ safeTxHash: hex32 }).strict(),
    response: z.object({
      safeTxHash: hex32,
      signatures: z.array(z.object({ owner: address, frames: z.array(z.string()), line: z.string() })),
    }),
  },
};
