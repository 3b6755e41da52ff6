import { auditLogTable } from './auditLog.js';
import { queueItemsTable } from './queueItems.js';
import { registeredAbisTable } from './registeredAbis.js';
import { safeInfoTable } from './safeInfoTable.js';
import { tokenInfoTable } from './tokenInfoTable.js';
import { carriedStatesTable } from './carriedStatesTable.js';
import { safeMessagesTable } from './safeMessagesTable.js';
import { executedTransactionsTable } from './executedTransactionsTable.js';
import { erc7730DescriptorsTable } from './erc7730DescriptorsTable.js';
import { openDatabase, type OpenStoreOptions } from './store.js';
import { watchedSafesTable } from './watchedSafes.js';

export type { OpenStoreOptions } from './store.js';

/**
 * The local store: everything pulled, reviewed and signed, kept so the console works offline. One SQLite
 * file (guardian.sqlite); a write has reached the disk when the call returns.
 */
export function openStore(options: OpenStoreOptions) {
  const database = openDatabase(options);
  return {
    /** The database file. */
    path: database.path,
    transaction: database.transaction,
    close: database.close,
    ...watchedSafesTable(database),
    ...safeInfoTable(database),
    ...queueItemsTable(database),
    ...registeredAbisTable(database),
    ...tokenInfoTable(database),
    ...carriedStatesTable(database),
    ...safeMessagesTable(database),
    ...executedTransactionsTable(database),
    ...erc7730DescriptorsTable(database),
    ...auditLogTable(database),
  };
}

export type Store = ReturnType<typeof openStore>;
