import { isGuardianError } from '../errors.js';
import type { QueueItem } from '../safe/queueItem.js';
import type { Store } from '../store/openStore.js';
import type { BundleProducer } from './bundleProducer.js';
import { checkedReviewBundle, importReviewBundle, REVIEW_BUNDLE_FORMAT, type ReviewBundle } from './reviewBundle.js';
import { importSignatures, SIGNATURES_FORMAT, type ImportedSignatures } from './signaturesFile.js';

export type StationFileImport =
  | { kind: 'review-bundle'; item: QueueItem; producer: BundleProducer }
  | { kind: 'signatures'; signatures: ImportedSignatures };

/** The format a JSON file names for itself, if it names one. */
export function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
}

/**
 * A file that travels between stations, by the format it names: a review bundle (checked, then stored with its
 * pre-state) or signatures coming back (each checked, then stored). Null for any other JSON, which the caller
 * reads as it reads files of its own.
 */
export async function importStationFile(store: Store, json: unknown, name: string): Promise<StationFileImport | null> {
  const format = formatOf(json);
  if (format === REVIEW_BUNDLE_FORMAT) {
    const bundle = await auditedReviewBundle(store, json, name);
    return { kind: 'review-bundle', item: importReviewBundle(store, bundle, name), producer: bundle.producer! };
  }
  if (format === SIGNATURES_FORMAT) return { kind: 'signatures', signatures: importSignatures(store, json, name) };
  return null;
}

/**
 * checkedReviewBundle, where a bundle refused leaves its trace: a forged or broken file is an event a guardian
 * (or an incident review) must be able to find afterwards, with the reason's code, though nothing of it is stored.
 */
export async function auditedReviewBundle(store: Store, json: unknown, name: string): Promise<ReviewBundle> {
  try {
    return await checkedReviewBundle(json, name);
  } catch (error) {
    if (!isGuardianError(error)) throw error;
    // The refused file may be any JSON at all, `null` included.
    const claimed =
      typeof json === 'object' && json !== null ? (json as { claimedSafeTxHash?: unknown }).claimedSafeTxHash : null;
    // The file's claimed hash goes in the details, not the entry's hash: a refused file's word attaches to nothing here.
    store.appendAudit({
      kind: 'bundle-refused',
      details: {
        file: name,
        code: error.code,
        message: error.message,
        claimedSafeTxHash: typeof claimed === 'string' ? claimed : null,
        ...(error.details ? { facts: error.details } : {}),
      },
    });
    throw error;
  }
}
