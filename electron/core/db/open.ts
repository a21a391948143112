import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../errors';
import { explainDbError, notCasefileDatabase, sqliteCode } from './failures';

export type Db = Database.Database;

/** How long a statement waits for another connection's lock before SQLite gives up (it retries meanwhile). */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  readonly?: boolean;
  maxSchemaVersion?: number;
  busyTimeoutMs?: number;
  /**
   * The 32-byte SQLCipher key of an encrypted database (derived from the desk master key), used
   * as a raw key: no passphrase KDF runs at open. Absent for a plain database.
   */
  key?: Buffer | null;
}

/** The first 16 bytes of every unencrypted SQLite database. An encrypted one starts with its random salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether the file is a plain (unencrypted) SQLite database: true, false for anything else
 * (encrypted, or not a database), null when there is no file or it is empty (a new database).
 */
export function isPlainDatabase(file: string): boolean | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n === 0) return null;
    return n === head.length && head.equals(PLAIN_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** SQLCipher's form of a raw 256-bit key (x'…'): no passphrase KDF runs on it. */
export function rawKeyLiteral(key: Buffer): string {
  if (key.length !== 32) throw new RangeError('a database key is 32 bytes');
  return `x'${key.toString('hex')}'`;
}

/**
 * Selects the SQLCipher 4 format (SQLite3 Multiple Ciphers' default is another cipher) and
 * gives the key. A raw key in SQLCipher's x'…' form skips the cipher's own PBKDF2: the key is
 * already a uniformly random 256-bit value (HKDF of the desk master key). The cipher chosen
 * here is also the one a database ATTACHed later with a KEY is read with (attachEncrypted).
 */
export function applyKey(db: Db, key: Buffer): void {
  const literal = rawKeyLiteral(key);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.key(Buffer.from(literal, 'latin1'));
}

/**
 * The one way a database is opened. The key comes first (every read needs it), then the
 * pragmas. synchronous=FULL is set on every open: the library is built with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database would otherwise fall back to
 * NORMAL and could lose acknowledged commits on power loss.
 */
export function openDb(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    if (opts.key) applyKey(db, opts.key);
    db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS)}`);
    // Make sure it is ours, and not from a newer Casefile, before anything (even the journal mode)
    // changes it. This is also the first read: a wrong key, or an encrypted file opened without
    // one, fails here.
    identify(db, file, opts.maxSchemaVersion, opts.key ?? null);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    // SQLite's temporary files (sorts, temporary indexes, statement journals) are not encrypted:
    // on an encrypted desk they stay in memory, so no plaintext page reaches the disk.
    if (opts.key) db.pragma('temp_store = MEMORY');
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
function identify(db: Db, file: string, maxSchemaVersion: number | undefined, key: Buffer | null): void {
  let tables: string[];
  try {
    // Reading the schema forces page 1 through the cipher (user_version alone is read from the
    // header), so a wrong key is caught before anything else runs.
    tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  } catch (err) {
    if (sqliteCode(err) === 'SQLITE_NOTADB' && key) {
      throw new CoreError('failed', `The case database ${file} does not open with this desk's key: it is damaged, or it was replaced by another file. Nothing was changed.`);
    }
    throw err;
  }
  const version = db.pragma('user_version', { simple: true }) as number;
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
