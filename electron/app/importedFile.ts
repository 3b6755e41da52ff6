import { importStationFile } from '../core/bundle/importStationFile.js';
import { importQueueFile } from '../core/queue/importQueueFile.js';
import { parseJsonText } from '../core/input/jsonText.js';
import { parseQueueJson } from '../core/queue/readQueueFile.js';
import { resolveSafeContext } from '../core/queue/resolveSafeContext.js';
import type { Store } from '../core/store/openStore.js';
import type { Response } from '../ipc/contract.js';

/**
 * A file a guardian picked in the app, whatever it is: a review bundle (an air-gapped station stores the
 * transaction and the proven pre-state to review and sign on), signatures coming back from one (each checked
 * against this station's owners and hash), or a Transaction Builder batch or Transaction Service JSON.
 */
export async function importedFile(store: Store, name: string, text: string): Promise<Response<'queue.import'>> {
  const json = parseJsonText(text, name);
  const travelled = await importStationFile(store, json, name);
  if (travelled?.kind === 'review-bundle') {
    return { kind: 'review-bundle', imported: [{ safeTxHash: travelled.item.safeTxHash.toLowerCase(), nonce: travelled.item.safeTx.nonce.toString() }], signatures: [], refused: [] };
  }
  if (travelled?.kind === 'signatures') {
    const { added, refused } = travelled.signatures;
    return { kind: 'signatures', imported: [], signatures: added, refused: refused.map((e, i) => ({ position: i + 1, reason: e.message })) };
  }
  const file = parseQueueJson(json, name, resolveSafeContext(store, {}));
  const { imported, rejected } = importQueueFile(store, file, name);
  return {
    kind: 'queue-file',
    imported: imported.map((i) => ({ safeTxHash: i.safeTxHash.toLowerCase(), nonce: i.safeTx.nonce.toString() })),
    signatures: [],
    refused: rejected.map((r) => ({ position: r.index + 1, reason: r.error.message })),
  };
}
