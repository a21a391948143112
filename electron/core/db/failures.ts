/**
 * What SQLite's failures mean to the person at the desk. SQLite says "file is not a database",
 * "database disk image is malformed" or "database is locked"; Casefile says what happened to
 * their data and what to do about it, and every door (the app, the CLI, check) says it alike.
 */
import { CoreError } from '../errors';

/** better-sqlite3's SqliteError code (SQLITE_BUSY, SQLITE_CORRUPT_INDEX, ...), or null for any other error. */
export function sqliteCode(err: unknown): string | null {
  if (!(err instanceof Error) || err.name !== 'SqliteError') return null;
  const code = (err as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** Another connection holds the lock past the busy timeout. (SQLITE_LOCKED is a conflict inside one connection: a bug, not this.) */
export function isBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== null && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** The file's pages are not what SQLite wrote: truncated, overwritten, or not SQLite at all. */
export function isDamage(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== null && (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB');
}

export const BUSY_MESSAGE = 'Another Casefile is writing to this data folder; nothing was saved. Try again in a moment.';

/** 'failed' like an unreachable Core: nothing was written, and the app's autosave tries again by itself. */
export function busyError(): CoreError {
  return new CoreError('failed', BUSY_MESSAGE);
}

const RECOVERY = 'Run integrity recovery: 1. copy the whole data folder somewhere safe; 2. recover what SQLite can still read, with the sqlite3 tool: sqlite3 casefile.sqlite ".recover" | sqlite3 recovered.sqlite; 3. put recovered.sqlite in place of casefile.sqlite and run "casefile check". Or restore the data folder from a backup.';

export function damagedDatabase(file: string, what = 'parts of it cannot be read'): CoreError {
  return new CoreError('failed', `Damaged database: ${file} is damaged (${what}). ${RECOVERY}`);
}

const POINT_ELSEWHERE = 'Casefile has not changed it. Point Casefile at your data folder (--data or CASEFILE_DATA), or move the file away to start a new desk in this folder.';

export function notCasefileDatabase(file: string, why: string): CoreError {
  return new CoreError('failed', `Not a Casefile database: ${file} ${why}. ${POINT_ELSEWHERE}`);
}

/** A damaged or locked database as a CoreError that says what to do; any other error unchanged. */
export function explainDbError(err: unknown, dbFile: string): unknown {
  if (err instanceof CoreError) return err;
  const code = sqliteCode(err);
  if (code === 'SQLITE_NOTADB') return notCasefileDatabase(dbFile, 'is not a SQLite database (or its first page is destroyed)');
  if (isDamage(err)) return damagedDatabase(dbFile);
  if (isBusy(err)) return busyError();
  return err;
}
