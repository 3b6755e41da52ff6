import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { GuardianError, isGuardianError } from '../errors.js';
import { migrate } from './migrations.js';

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

function storeFailed(path: string, what: string, cause: unknown): GuardianError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const hint = /locked|busy/i.test(reason) ? ' Another Guardian Console (the app or the CLI) is writing to it; try again when it is done.' : '';
  return new GuardianError('STORE_FAILED', `Could not ${what} in the local store at ${path}: ${reason}.${hint}`, { cause, details: { path } });
}

export function openDatabase(options: OpenStoreOptions): Database {
  const path = options.path ?? join(options.dataDir, STORE_FILE_NAME);
  let db: DatabaseSync;
  try {
    if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
    db = new DatabaseSync(path);
  } catch (cause) {
    throw storeFailed(path, 'open the database', cause);
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    // WAL with FULL sync: a signature is on disk when its commit returns, even if the machine dies right after
    // (NORMAL in WAL mode may lose the last commits on power loss).
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    migrate(db);
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
      throw storeFailed(path, what, cause);
    }
  };

  return {
    db,
    path,
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
