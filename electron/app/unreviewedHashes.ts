import type { Store } from '../core/store/openStore.js';
import { lastReviews } from './lastReviews.js';

// What this station has never reviewed; one it reviewed keeps its verdict until a guardian reviews it again.
export function unreviewedHashes(store: Store, hashes: string[]): string[] {
  const reviewed = lastReviews(store);
  return hashes.filter((hash) => !reviewed.has(hash.toLowerCase()));
}
