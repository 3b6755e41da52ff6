import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { GuardianError } from '../errors.js';
import { migrate } from './migrations.js';

export interface OpenStoreOptions {
  /** Folder holding guardian.sqlite; created if missing. */
  dataDir?: string;
  /** A database file path, instead of dataDir. */
  path?: string;
}

/** The open database and the one way to write several things at once. Table modules take it. */
export interface Database {
  db: DatabaseSync;
  path: string;
  /** Runs fn inside one transaction: all of it lands, or none of it. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openDatabase(options: OpenStoreOptions): Database {
  const path = options.path ?? join(options.dataDir ?? '.', 'guardian.sqlite');
  let db: DatabaseSync;
  try {
    if (!options.path) mkdirSync(options.dataDir ?? '.', { recursive: true });
    db = new DatabaseSync(path);
    // WAL with FULL sync: a signature is on disk when the commit returns, even if the machine dies next.
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(db);
  } catch (cause) {
    throw new GuardianError('STORE_FAILED', `Could not open the local store at ${path}: ${(cause as Error).message}`, { cause });
  }
  let depth = 0;
  return {
    db,
    path,
    transaction<T>(fn: () => T): T {
      // Nested calls join the outer transaction: callers compose without knowing who opened it.
      if (depth > 0) return fn();
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = fn();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close() {
      db.close();
    },
  };
}

/** Wraps a row that does not parse: a hand-edited or corrupt store must say where, not show garbage. */
export function corruptRow(table: string, key: string, cause: unknown): GuardianError {
  return new GuardianError('STORE_FAILED', `The local store has an unreadable row in ${table} (${key}): ${(cause as Error).message ?? cause}`, { cause });
}
