import Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { explainDbError, notCasefileDatabase } from './failures';

export type Db = Database.Database;

/**
 * The one way a database is opened. synchronous=FULL is set on every open: better-sqlite3 is
 * built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database would otherwise
 * fall back to NORMAL and could lose acknowledged commits on power loss.
 */
/** How long a statement waits for another connection's lock before SQLite gives up (it retries meanwhile). */
export const BUSY_TIMEOUT_MS = 5000;

export function openDb(file: string, opts: { readonly?: boolean; maxSchemaVersion?: number; busyTimeoutMs?: number } = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS)}`);
    // Make sure it is ours, and not from a newer Casefile, before anything (even the journal mode) changes it.
    identify(db, file, opts.maxSchemaVersion);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    return db;
  } catch (err) {
    db.close();
    throw explainDbError(err, file);
  }
}

// Tables every Casefile database has had since its first migration.
const CASEFILE_TABLES = ['profiles', 'audit_log'];

/**
 * Refuses a file that is not a Casefile database (another application's SQLite file would
 * otherwise be migrated: our tables written into it) and one from a newer Casefile. An empty
 * database is a new desk.
 */
function identify(db: Db, file: string, maxSchemaVersion: number | undefined): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
  const ours = CASEFILE_TABLES.every((t) => tables.includes(t));
  if ((version === 0 && tables.length > 0) || (version > 0 && !ours)) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '');
    throw notCasefileDatabase(file, `is the SQLite database of some other application (its tables: ${shown || 'none'})`);
  }
  if (maxSchemaVersion !== undefined && version > maxSchemaVersion) {
    throw new CoreError(
      'failed',
      `This data folder was written by a newer version of Casefile (database schema ${version}; this version knows up to ${maxSchemaVersion}). Update Casefile to open it; nothing was changed.`,
    );
  }
}

export function pragmaValue(db: Db, name: string): unknown {
  return db.pragma(name, { simple: true });
}
