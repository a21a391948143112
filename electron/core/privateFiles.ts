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
