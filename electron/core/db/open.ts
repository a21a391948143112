import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../errors';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  maxSchemaVersion?: number;
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

/**
 * Selects the SQLCipher 4 format (SQLite3 Multiple Ciphers' default is another cipher) and
 * gives the key. A raw key in SQLCipher's x'…' form skips the cipher's own PBKDF2: the key is
 * already a uniformly random 256-bit value (HKDF of the desk master key).
 */
export function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new RangeError('a database key is 32 bytes');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.key(Buffer.from(`x'${key.toString('hex')}'`, 'latin1'));
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
    db.pragma('busy_timeout = 5000');
    // Refuse a database from a newer Casefile before anything (even the journal mode) changes it.
    // This is also the first read: a wrong key, or an encrypted file opened without one, fails here.
    const version = firstRead(db, file, opts.key ?? null);
    if (opts.maxSchemaVersion !== undefined && version > opts.maxSchemaVersion) {
      throw new CoreError(
        'failed',
        `This data folder was written by a newer version of Casefile (database schema ${version}; this version knows up to ${opts.maxSchemaVersion}). Update Casefile to open it; nothing was changed.`,
      );
    }
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
    throw err;
  }
}

function firstRead(db: Db, file: string, key: Buffer | null): number {
  try {
    // user_version is read from the header without decrypting a page; counting the schema
    // forces page 1 through the cipher, so a wrong key is caught before anything else runs.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_NOTADB') throw err;
    if (key) {
      throw new CoreError('failed', `The case database ${file} does not open with this desk's key: it is damaged, or it was replaced by another file. Nothing was changed.`);
    }
    throw new CoreError('failed', `${file} is encrypted, or it is not a Casefile database: it cannot be opened without its desk key. Nothing was changed.`);
  }
}

export function pragmaValue(db: Db, name: string): unknown {
  return db.pragma(name, { simple: true });
}
