import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { GuardianError, isGuardianError } from '../errors.js';
import { migrate, migrationsPending } from './migrations.js';

/** Either the folder that holds guardian.sqlite (created if missing) or the database file itself. */
export type OpenStoreOptions = ({ dataDir: string; path?: undefined } | { path: string; dataDir?: undefined }) & {
  /**
   * How long a write waits for another process holding the store (the CLI while the app runs) before it
   * fails with STORE_FAILED. Defaults to 5 s.
   */
  busyTimeoutMs?: number;
};

/** The open database and the one way to write several things at once. Table modules take it. */
export interface Database {
  db: DatabaseSync;
  path: string;
  /** Opened read-only because this user cannot write the file or its folder: reading works, every write says why not. */
  readOnly: boolean;
  /**
   * Runs fn inside one transaction: all of it lands, or none of it. A nested call becomes a savepoint, so an
   * inner failure the caller catches undoes only the inner writes.
   */
  transaction<T>(fn: () => T): T;
  /** Runs one store operation, turning SQLite's failures (busy, disk full, read-only) into STORE_FAILED. */
  guarded<T>(what: string, fn: () => T): T;
  close(): void;
}

export const STORE_FILE_NAME = 'guardian.sqlite';

function readOnlyStore(path: string, what: string, cause?: unknown): GuardianError {
  return new GuardianError(
    'STORE_READ_ONLY',
    `Could not ${what}: the local store at ${path} is read-only (this user cannot write it or its folder ${dirname(path)}). What is stored can still be read; to write, make that folder writable or point GUARDIAN_DATA_DIR at one that is.`,
    { cause, details: { path } },
  );
}

function storeFailed(path: string, what: string, cause: unknown, readOnly = false): GuardianError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (readOnly || /readonly|read-only/i.test(reason)) return readOnlyStore(path, what, cause);
  const hint = /locked|busy/i.test(reason)
    ? ' Another Guardian Console (the app or the CLI) is writing to it; try again when it is done.'
    : '';
  return new GuardianError('STORE_FAILED', `Could not ${what} in the local store at ${path}: ${reason}.${hint}`, {
    cause,
    details: { path },
  });
}

const canWrite = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * A store this user may only read (a backup on a read-only mount, a folder owned by someone else). SQLite's
 * read-only mode still needs the WAL's -shm file beside the database; where that cannot be created either,
 * the file is opened as immutable, which is what it is to this user.
 */
function openReadOnly(path: string): DatabaseSync {
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    db.prepare('PRAGMA user_version').get();
    return db;
  } catch {
    const url = pathToFileURL(path);
    url.searchParams.set('immutable', '1');
    return new DatabaseSync(url, { readOnly: true });
  }
}

export function openDatabase(options: OpenStoreOptions): Database {
  const path = options.path ?? join(options.dataDir, STORE_FILE_NAME);
  let db: DatabaseSync;
  // WAL writes -wal and -shm files beside the database, so the folder must be writable too.
  const readOnly = existsSync(path) && !(canWrite(path) && canWrite(dirname(path)));
  try {
    if (options.dataDir !== undefined && !readOnly) mkdirSync(options.dataDir, { recursive: true });
    db = readOnly ? openReadOnly(path) : new DatabaseSync(path);
  } catch (cause) {
    throw storeFailed(path, 'open the database', cause);
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    if (readOnly) {
      // Nothing may be written, so the schema must already be the one this console reads.
      if (migrationsPending(db) > 0)
        throw readOnlyStore(
          path,
          `bring the store's schema up to date (it was written by an older Guardian Console and needs migrating before it can be read)`,
        );
      db.exec('PRAGMA foreign_keys = ON;');
    } else {
      // WAL with FULL sync: a signature is on disk when its commit returns, even if the machine dies right after
      // (NORMAL in WAL mode may lose the last commits on power loss).
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
      migrate(db);
    }
  } catch (cause) {
    db.close();
    if (isGuardianError(cause)) throw cause;
    throw storeFailed(path, 'prepare the database', cause);
  }

  let savepoints = 0;
  const guarded = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (cause) {
      if (isGuardianError(cause)) throw cause;
      throw storeFailed(path, what, cause, readOnly);
    }
  };

  return {
    db,
    path,
    readOnly,
    guarded,
    transaction<T>(fn: () => T): T {
      const outer = !db.isTransaction;
      const savepoint = `guardian_${++savepoints}`;
      guarded('start a transaction', () => db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`));
      let result: T;
      try {
        result = fn();
        if (result instanceof Promise) {
          // An async callback would let the commit run before its awaited writes: they would land outside it.
          throw new Error('store.transaction takes a synchronous function; await the I/O first, then write');
        }
      } catch (error) {
        // SQLite may already have rolled back on its own (disk full); only undo what is still open.
        if (db.isTransaction) db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        throw error;
      }
      try {
        guarded('commit', () => db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`));
      } catch (error) {
        if (outer && db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return result;
    },
    close() {
      if (db.isOpen) db.close();
    },
  };
}
