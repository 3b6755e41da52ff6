import { GuardianError, isGuardianError } from '../../errors.js';
import type { Confirmation } from '../../safe/confirmation.js';
import { decodeSafeSignatures } from '../../safe/safeSignature.js';
import { recoverSafeSignature } from '../../safe/recoverSafeSignature.js';
import { safeTxHash } from '../../safe/safeTxHash.js';
import type { StoredQueueItem } from '../../store/queueItems.js';
import type { Store } from '../../store/openStore.js';
import { importSignatures, SIGNATURES_FORMAT, type ImportedSignatures } from '../signaturesFile.js';
import { assembleUrs, type UrText } from './assembleUrs.js';
import { readSignatureUr } from './signatureUr.js';

export interface ImportedSignatureUrs {
  /** Per transaction the URs named, what was stored and what was refused (non-owners, bad signatures). */
  transactions: ImportedSignatures[];
  /** URs that named no transaction here, were damaged or incomplete: each with its reason. */
  refused: GuardianError[];
}

/**
 * eth-signature URs scanned from QR codes or pasted as text lines, brought back from an air-gapped station. A
 * UR says only which transaction it means (its request-id, half a safeTxHash) and a signature: the transaction is
 * the one stored here, its hash computed here, the signer recovered over that hash, and then each goes through
 * the same owner check as a signatures file (importSignatures). One bad UR costs only itself.
 */
export function importSignatureUrs(store: Store, texts: readonly UrText[], name: string): ImportedSignatureUrs {
  const { urs, refused } = assembleUrs(texts);
  const byTransaction = new Map<string, { item: StoredQueueItem; confirmations: Confirmation[] }>();
  for (const { ur, source } of urs) {
    try {
      const content = readSignatureUr(ur, source);
      const item = matchedTransaction(store, content.hashPrefix, source);
      const computed = safeTxHash(item.safeTx);
      const [part] = decodeSafeSignatures(content.signature, 1);
      const { signer } = recoverSafeSignature(computed, part!);
      const entry = byTransaction.get(computed) ?? { item, confirmations: [] };
      byTransaction.set(computed, entry);
      entry.confirmations.push({ owner: signer, signature: content.signature });
    } catch (error) {
      if (!isGuardianError(error)) throw error;
      refused.push(error);
    }
  }
  const transactions: ImportedSignatures[] = [];
  for (const { item, confirmations } of byTransaction.values()) {
    try {
      transactions.push(
        importSignatures(
          store,
          {
            format: SIGNATURES_FORMAT,
            version: 1,
            chainId: item.safeTx.chainId.toString(),
            safe: item.safeTx.safe,
            safeTxHash: item.safeTxHash,
            confirmations,
          },
          name,
        ),
      );
    } catch (error) {
      // A transaction whose Safe's owners are unknown here costs only its own codes.
      if (!isGuardianError(error)) throw error;
      refused.push(error);
    }
  }
  if (refused.length > 0) {
    // Nothing of these is stored, but a forged or damaged code is an event a later review must be able to find.
    store.appendAudit({
      kind: 'signatures-refused',
      details: { file: name, refused: refused.map((e) => ({ code: e.code, message: e.message })) },
    });
  }
  return { transactions, refused };
}

function matchedTransaction(store: Store, hashPrefix: string, source: string): StoredQueueItem {
  let item: StoredQueueItem;
  try {
    item = store.getQueueItem(hashPrefix);
  } catch (error) {
    if (isGuardianError(error) && error.code === 'NOT_FOUND') {
      throw new GuardianError(
        'NOT_FOUND',
        `${source} is a signature for transaction ${hashPrefix}… (its request-id), which is not stored here: pull the queue or import its bundle first.`,
        { details: { requestId: hashPrefix } },
      );
    }
    throw error;
  }
  // The stored hash is this store's word; the request-id must match the hash the fields give now.
  const computed = safeTxHash(item.safeTx);
  if (!computed.toLowerCase().startsWith(hashPrefix.toLowerCase())) {
    throw new GuardianError(
      'HASH_MISMATCH',
      `${source} names transaction ${hashPrefix}…, but the stored transaction it matched hashes to ${computed} here.`,
    );
  }
  return item;
}
