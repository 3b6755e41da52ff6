import { getAddress, isAddress } from 'ethers';
import { z } from 'zod';
import { lazySchema } from '../primitives/lazySchema.js';
import { GuardianError } from '../errors.js';
import type { Confirmation } from '../safe/confirmation.js';
import type { Database } from './store.js';
import { parseRow, rowKey, storedAddress, storedHex } from './storedRow.js';

/** Who gave us a signature: pulled from the service, made on this machine, or read from a signature bundle. */
export type ConfirmationOrigin = 'service' | 'local' | 'bundle';
export const CONFIRMATION_ORIGINS: readonly ConfirmationOrigin[] = ['service', 'local', 'bundle'];

export interface StoredConfirmation extends Confirmation {
  origin: ConfirmationOrigin;
}

const rowSchema = lazySchema(() =>
  z.object({
    owner: storedAddress(),
    signature: storedHex().refine((s) => s.length > 2, 'empty signature'),
    signature_type: z.string().nullable(),
    submitted_at: z.string().nullable(),
    origin: z.enum(['service', 'local', 'bundle']),
  }),
);

export function confirmationsTable(database: Database) {
  const { db } = database;

  /** The confirmations kept for one safeTxHash, by owner address. */
  function confirmationsOf(safeTxHash: string): StoredConfirmation[] {
    const rows = db.prepare('SELECT * FROM confirmations WHERE safe_tx_hash = ? ORDER BY lower(owner)').all(safeTxHash);
    return rows.map((row) => {
      const r = parseRow(rowSchema(), 'confirmations', `${safeTxHash}:${rowKey(row, 'owner')}`, row);
      const c: StoredConfirmation = { owner: r.owner, signature: r.signature, origin: r.origin };
      if (r.signature_type !== null) c.signatureType = r.signature_type;
      if (r.submitted_at !== null) c.submittedAt = r.submitted_at;
      return c;
    });
  }

  /**
   * Keeps one owner's confirmation. A confirmation already kept is never replaced or dropped: the first
   * signature stays, so a later pull from a service that forgot (or rewrote) it cannot erase a guardian's work.
   * Returns false when that owner's confirmation was already kept.
   */
  function insertConfirmation(safeTxHash: string, c: Confirmation, origin: ConfirmationOrigin): boolean {
    if (!CONFIRMATION_ORIGINS.includes(origin))
      throw new GuardianError('INVALID_INPUT', `Unknown confirmation origin "${origin}".`);
    if (!isAddress(c.owner))
      throw new GuardianError('INVALID_INPUT', `The confirmation owner "${c.owner}" is not an address.`);
    if (!/^0x([0-9a-fA-F]{2})+$/.test(c.signature)) {
      throw new GuardianError(
        'INVALID_SIGNATURE',
        `The signature of ${c.owner} on ${safeTxHash} is not 0x-prefixed whole-byte hex.`,
      );
    }
    const result = db
      .prepare(
        `INSERT INTO confirmations (safe_tx_hash, owner, signature, signature_type, submitted_at, origin) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (safe_tx_hash, owner) DO NOTHING`,
      )
      .run(
        safeTxHash,
        getAddress(c.owner.toLowerCase()),
        c.signature.toLowerCase(),
        c.signatureType ?? null,
        c.submittedAt ?? null,
        origin,
      );
    return result.changes > 0;
  }

  return {
    confirmationsOf,
    insertConfirmation,
    /**
     * Keeps one owner's confirmation of a stored transaction; idempotent per (safeTxHash, owner). The origin is
     * the third argument or the confirmation's own `origin`, else 'local'.
     */
    addConfirmation(
      safeTxHash: string,
      confirmation: Confirmation & { origin?: ConfirmationOrigin },
      origin?: ConfirmationOrigin,
    ): boolean {
      const hash = safeTxHash.toLowerCase();
      return database.guarded(`keep the confirmation of ${confirmation.owner}`, () =>
        database.transaction(() => {
          if (!db.prepare('SELECT 1 FROM queue_items WHERE safe_tx_hash = ?').get(hash)) {
            throw new GuardianError(
              'NOT_FOUND',
              `No stored transaction has safeTxHash ${safeTxHash}; store it before its confirmations.`,
            );
          }
          return insertConfirmation(hash, confirmation, origin ?? confirmation.origin ?? 'local');
        }),
      );
    },
  };
}
