import type { QueueItem } from '../queue/queueItem.js';
import type { Store } from '../store/openStore.js';
import { checkedReviewBundle, importReviewBundle, REVIEW_BUNDLE_FORMAT } from './reviewBundle.js';
import { importSignatures, SIGNATURES_FORMAT, type ImportedSignatures } from './signaturesFile.js';

export type StationFileImport = { kind: 'review-bundle'; item: QueueItem } | { kind: 'signatures'; signatures: ImportedSignatures };

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
  if (format === REVIEW_BUNDLE_FORMAT) return { kind: 'review-bundle', item: importReviewBundle(store, await checkedReviewBundle(json, name), name) };
  if (format === SIGNATURES_FORMAT) return { kind: 'signatures', signatures: importSignatures(store, json, name) };
  return null;
}
