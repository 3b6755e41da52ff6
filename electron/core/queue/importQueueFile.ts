import type { Store } from '../store/openStore.js';
import type { QueueItem } from '../safe/queueItem.js';
import type { QueueFile } from './readQueueFile.js';
import type { FileRejection } from './serviceTransactionsFile.js';

export interface ImportedFile {
  imported: QueueItem[];
  rejected: FileRejection[];
}

/**
 * Stores what a queue file holds (a Transaction Builder batch, Transaction Service JSON), each transaction
 * already re-hashed here by the reader, in one transaction with its audit entry: all of it lands or none.
 * What the file's entries could not be (a doctored hash, an unknown Safe) is refused by position, and said.
 */
export function importQueueFile(store: Store, file: QueueFile, name: string): ImportedFile {
  store.transaction(() => {
    // Confirmations a service file carries arrive as the service's: checked like any pulled from it.
    if (file.items.length > 0) store.saveQueueItems(file.items, 'service');
    store.appendAudit({
      kind: 'import',
      details: {
        file: name,
        kind: file.kind,
        imported: file.items.map((i) => i.safeTxHash),
        rejected: file.rejected.map((r) => ({ index: r.index, code: r.error.code, message: r.error.message })),
      },
    });
  });
  return { imported: file.items, rejected: file.rejected };
}
