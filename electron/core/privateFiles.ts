// Files of the data folder are the desk's alone: the folder is 0700 and every file in it 0600
// (stored attachments 0400: they are never modified), whatever the umask. Windows has no such
// modes; its per-user profile folder is what keeps the data private there.
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes a small file so that a crash leaves the old content or the new, never half: a temp
 * file (created 0600, then chmod-ed, so the umask cannot widen it), fsynced, renamed over the
 * file, and the folder entry fsynced.
 */
export function writePrivateFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** A rename is durable only once the folder entry is; Windows cannot open a folder for fsync. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const POSIX = process.platform !== 'win32';

function chmodIfNeeded(p: string, mode: number, st: fs.Stats): void {
  if ((st.mode & 0o777) === mode) return;
  try {
    fs.chmodSync(p, mode);
  } catch (err) {
    // A file of another user (a desk shared on purpose) stays as it is; say so once.
    process.emitWarning(`Casefile could not make ${p} private (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** Creates a folder (and its parents) if needed and makes it 0700. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodIfNeeded(dir, PRIVATE_DIR_MODE, fs.statSync(dir));
}

/**
 * Makes an existing file `mode` (0600 by default). With `create`, a missing file is created
 * empty with that mode first, so a program that opens it later (SQLite) never widens it.
 */
export function makePrivateFile(file: string, opts: { create?: boolean; mode?: number } = {}): void {
  const mode = opts.mode ?? PRIVATE_FILE_MODE;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) return;
    fs.closeSync(fs.openSync(file, 'a', mode));
    st = fs.statSync(file);
  }
  if (POSIX && st.isFile()) chmodIfNeeded(file, mode, st);
}
