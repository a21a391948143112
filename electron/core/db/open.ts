import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * The one way a database is opened. synchronous=FULL is set on every open: better-sqlite3 is
 * built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database would otherwise
 * fall back to NORMAL and could lose acknowledged commits on power loss.
 */
export function openDb(file: string, opts: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  return db;
}

export function pragmaValue(db: Db, name: string): unknown {
  return db.pragma(name, { simple: true });
}
