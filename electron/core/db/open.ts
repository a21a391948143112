import Database from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../errors';

export type Db = Database.Database;

/**
 * The one way a database is opened. synchronous=FULL is set on every open: better-sqlite3 is
 * built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database would otherwise
 * fall back to NORMAL and could lose acknowledged commits on power loss.
 */
export function openDb(file: string, opts: { readonly?: boolean; maxSchemaVersion?: number } = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  // Refuse a database from a newer Casefile before anything (even the journal mode) changes it.
  const version = db.pragma('user_version', { simple: true }) as number;
  if (opts.maxSchemaVersion !== undefined && version > opts.maxSchemaVersion) {
    db.close();
    throw new CoreError(
      'failed',
      `This data folder was written by a newer version of Casefile (database schema ${version}; this version knows up to ${opts.maxSchemaVersion}). Update Casefile to open it; nothing was changed.`,
    );
  }
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  return db;
}

export function pragmaValue(db: Db, name: string): unknown {
  return db.pragma(name, { simple: true });
}
