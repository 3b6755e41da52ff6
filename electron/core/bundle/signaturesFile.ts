import { getAddress } from 'ethers';
import { z } from 'zod';
import { GuardianError, isGuardianError } from '../errors.js';
import type { Confirmation } from '../safe/confirmation.js';
import { safeTxHash } from '../safe/safeTxHash.js';
import { verifyOwnerSignature } from '../safe/verifySafeSignatures.js';
import { leavingConfirmations, verifiedConfirmations } from './verifiedConfirmations.js';
import type { Store } from '../store/openStore.js';
import { isWholeByteHex } from '../primitives/wholeByteHex.js';

export const SIGNATURES_FORMAT = 'guardian-signatures';

const schema = z.object({
  format: z.literal(SIGNATURES_FORMAT),
  version: z.literal(1),
  chainId: z.string().regex(/^[0-9]+$/),
  safe: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  safeTxHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  confirmations: z
    .array(
      z.object({
        owner: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
        signature: z.string().refine((s) => s.length > 2 && isWholeByteHex(s), 'not whole-byte 0x hex'),
        signatureType: z.string().optional(),
        submittedAt: z.string().optional(),
      }),
    )
    .max(256),
});

/**
 * The signatures this station holds for one transaction, as the file that carries them back to the online
 * station: each verified again as it is read, and a refused one (edited on disk, not an owner's, disproved by
 * the state) never written.
 */
export async function signaturesFile(
  store: Store,
  hash: string,
): Promise<{
  format: string;
  version: 1;
  chainId: string;
  safe: string;
  safeTxHash: string;
  confirmations: Confirmation[];
}> {
  const verified = await verifiedConfirmations(store, hash);
  const { item } = verified;
  const confirmations = leavingConfirmations(verified).map(({ origin: _origin, ...c }) => c);
  return {
    format: SIGNATURES_FORMAT,
    version: 1,
    chainId: item.safeTx.chainId.toString(),
    safe: item.safeTx.safe,
    safeTxHash: item.safeTxHash,
    confirmations,
  };
}

export interface ImportedSignatures {
  safeTxHash: string;
  /** Owners whose signature is now stored here (already stored ones are not repeated). */
  added: string[];
  refused: GuardianError[];
}

/**
 * Signatures brought back from an air-gapped station, each kept only if it is an owner's (as this station knows
 * the Safe) over the safeTxHash this station computed for the transaction it holds: the file's own claims about
 * which transaction it signs are checked, never believed. One bad signature costs only itself.
 */
export function importSignatures(store: Store, json: unknown, name: string): ImportedSignatures {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuardianError(
      'INVALID_FILE',
      `${name} is not a Guardian signatures file: ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`,
    );
  }
  const file = parsed.data;
  const item = store.getQueueItem(file.safeTxHash);
  const computed = safeTxHash(item.safeTx);
  if (BigInt(file.chainId) !== item.safeTx.chainId || file.safe.toLowerCase() !== item.safeTx.safe.toLowerCase()) {
    throw new GuardianError(
      'WRONG_SAFE',
      `${name} is for Safe ${file.chainId}:${file.safe}, but transaction ${item.safeTxHash} here is Safe ${item.safeTx.chainId}:${item.safeTx.safe}.`,
    );
  }
  const info = store.getSafeInfo(item.safeTx.chainId, item.safeTx.safe);
  if (!info)
    throw new GuardianError(
      'SIGNING_REFUSED',
      `Safe ${item.safeTx.safe} has not been pulled on this machine: its owners are unknown, so no signature can be checked.`,
    );
  const held = new Set(item.confirmations.map((c) => c.owner.toLowerCase()));
  const accepted: Confirmation[] = [];
  const refused: GuardianError[] = [];
  for (const c of file.confirmations) {
    try {
      const owner = getAddress(c.owner.toLowerCase());
      if (!info.owners.some((o) => o.toLowerCase() === owner.toLowerCase()))
        throw new GuardianError('SIGNER_NOT_OWNER', `${name}: ${owner} is not an owner of Safe ${item.safeTx.safe}.`);
      verifyOwnerSignature(computed, c.signature, owner);
      if (!held.has(owner.toLowerCase())) accepted.push({ ...c, owner });
      held.add(owner.toLowerCase());
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      refused.push(error);
    }
  }
  store.transaction(() => {
    for (const c of accepted) store.addConfirmation(item.safeTxHash, c, 'bundle');
    store.appendAudit({
      kind: 'signatures-imported',
      safeTxHash: item.safeTxHash,
      details: {
        file: name,
        added: accepted.map((c) => c.owner),
        refused: refused.map((e) => ({ code: e.code, message: e.message })),
      },
    });
  });
  return { safeTxHash: item.safeTxHash, added: accepted.map((c) => c.owner), refused };
}
