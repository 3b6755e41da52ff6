import { checkedReviewBundle, importReviewBundle, REVIEW_BUNDLE_FORMAT } from '../core/bundle/reviewBundle.js';
import { importSignatures, SIGNATURES_FORMAT } from '../core/bundle/signaturesFile.js';
import { importQueueFile } from '../core/queue/importQueueFile.js';
import { parseQueueFile } from '../core/queue/readQueueFile.js';
import { resolveSafeContext } from '../core/queue/resolveSafeContext.js';
import type { Store } from '../core/store/openStore.js';
import type { Response } from '../ipc/contract.js';

/** A JSON object's text, with the format it names for itself (a Guardian file names one). */
function guardianFormat(text: string): { json: unknown; format: unknown } | null {
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null ? { json, format: (json as { format?: unknown }).format } : null;
  } catch {
    // Not JSON: the queue-file reader says where it breaks.
    return null;
  }
}

/**
 * A file a guardian picked in the app, whatever it is: a review bundle (an air-gapped station stores the
 * transaction and the proven pre-state to review and sign on), signatures coming back from one (each checked
 * against this station's owners and hash), or a Transaction Builder batch or Transaction Service JSON.
 */
export async function importedFile(store: Store, name: string, text: string): Promise<Response<'queue.import'>> {
  const guardian = guardianFormat(text);
  if (guardian?.format === REVIEW_BUNDLE_FORMAT) {
    const item = importReviewBundle(store, await checkedReviewBundle(guardian.json, name), name);
    return { kind: 'review-bundle', imported: [{ safeTxHash: item.safeTxHash.toLowerCase(), nonce: item.safeTx.nonce.toString() }], signatures: [], refused: [] };
  }
  if (guardian?.format === SIGNATURES_FORMAT) {
    const { added, refused } = importSignatures(store, guardian.json, name);
    return { kind: 'signatures', imported: [], signatures: added, refused: refused.map((e, i) => ({ position: i + 1, reason: e.message })) };
  }
  const file = parseQueueFile(text, name, resolveSafeContext(store, {}));
  const { imported, rejected } = importQueueFile(store, file, name);
  return {
    kind: 'queue-file',
    imported: imported.map((i) => ({ safeTxHash: i.safeTxHash.toLowerCase(), nonce: i.safeTx.nonce.toString() })),
    signatures: [],
    refused: rejected.map((r) => ({ position: r.index + 1, reason: r.error.message })),
  };
}
