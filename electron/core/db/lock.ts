import { busyError, isBusy } from './failures';

/** Tries for the write lock once more after another wait; then says plainly that nothing was saved. */
const LOCK_ATTEMPTS = 2;
const RETRY_PAUSE_MS = 250;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs a transaction that begins with BEGIN IMMEDIATE (every write's). When another process
 * (another Casefile on the same data folder: the CLI beside the app) holds the write lock past
 * the busy timeout, BEGIN fails before anything is written, so it is safe to try again: once,
 * after a short pause; then the user is told "another Casefile is writing; nothing was
 * saved", never SQLite's "database is locked". (In WAL mode a transaction that has begun
 * IMMEDIATE never meets the lock again, so a busy error means BEGIN failed.)
 */
export function withWriteLock<T>(run: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return run();
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (attempt >= LOCK_ATTEMPTS) throw busyError();
      // A synchronous pause: the Core's writes are synchronous (better-sqlite3), like the wait before it.
      Atomics.wait(sleeper, 0, 0, RETRY_PAUSE_MS);
    }
  }
}
