/**
 * Opening evidence in the system's viewer. Electron-free (the dialog, the shell and the Core
 * are injected) so it can be tested in plain Node.
 *
 * The viewer gets a read-only copy, never the stored file, and only for media types a viewer
 * shows without running anything: a file captured from the outside world may be hostile, and
 * the name it arrived with (`invoice.pdf.exe`) decides nothing here. The copy goes to a
 * private folder of this user (0700, not the shared temp folder another user could read or
 * plant a link in), in a fresh folder of its own, and is hashed again before the viewer gets
 * it: what is opened is the evidence, byte for byte. Copies are removed when the app quits, and
 * any a crash left behind when it starts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Attachment } from '../../shared/domain';

/** Media type -> the extension the copy gets. Anything else is refused. */
const VIEWABLE: Record<string, string> = {
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/bmp': '.bmp', 'image/tiff': '.tif',
  'application/pdf': '.pdf', 'text/plain': '.txt',
  'video/mp4': '.mp4', 'video/webm': '.webm', 'video/quicktime': '.mov', 'video/x-matroska': '.mkv',
  'audio/mpeg': '.mp3', 'audio/ogg': '.ogg', 'audio/wav': '.wav', 'audio/x-wav': '.wav', 'audio/mp4': '.m4a',
};

const POSIX = process.platform !== 'win32';

export interface OpenerDeps {
  getAttachment(as: string, id: string): Promise<Attachment>;
  /** Writes the stored content, decrypted and verified against its hash, to a new file `dest` (read-only). */
  copyStored(sha256: string, dest: string): Promise<void>;
  confirm(att: Attachment): Promise<boolean>;
  openPath(file: string): Promise<string>;
  /** This user's private folder for the copies (made 0700; under the app's user data). */
  copiesRoot: string;
}

export type OpenResult = { opened: true } | { opened: false; reason: string };

export function viewableExtension(mediaType: string): string | null {
  return VIEWABLE[mediaType] ?? null;
}

/** A name a file system accepts everywhere, from the captured name's stem, with our extension. */
export function safeCopyName(originalName: string, ext: string): string {
  const stem = path.basename(originalName.replace(/\\/g, '/')).replace(/\.[^.]*$/, '');
  const clean = stem.replace(/[^\p{L}\p{N} _-]+/gu, '_').replace(/^[ ._]+/, '').slice(0, 80) || 'attachment';
  return clean + ext;
}

/**
 * The copies folder, made if needed: a real folder (not a link someone planted), this user's,
 * 0700. Anything else is refused rather than written into.
 */
export function privateCopiesRoot(root: string): string {
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(root);
  if (!st.isDirectory()) throw new Error(`${root} is not a folder: attachments are not copied there`);
  if (POSIX) {
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) throw new Error(`${root} belongs to another user: attachments are not copied there`);
    if ((st.mode & 0o777) !== 0o700) fs.chmodSync(root, 0o700);
  }
  return root;
}

/** Removes every copy (at quit, and at start for those a crash left). A copy a viewer still holds open on Windows stays until the next start. */
export function removeOpenCopies(root: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    try {
      fs.rmSync(path.join(root, e.name), { recursive: true, force: true });
    } catch {
      // Still in use: removed next time.
    }
  }
}

function sha256Of(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1024 * 1024);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function createAttachmentOpener(deps: OpenerDeps) {
  return async (as: string, id: string): Promise<OpenResult> => {
    const att = await deps.getAttachment(as, id);
    const ext = viewableExtension(att.mediaType);
    if (!ext) {
      return { opened: false, reason: `${att.mediaType} files are not opened from Casefile: a viewer for them could run what is inside.` };
    }
    if (!(await deps.confirm(att))) return { opened: false, reason: 'cancelled' };
    // A fresh folder per opening: a copy left from an earlier one is never reused unchecked.
    const dir = fs.mkdtempSync(path.join(privateCopiesRoot(deps.copiesRoot), 'open-'));
    const copy = path.join(dir, safeCopyName(att.originalName, ext));
    try {
      // The Core host decrypts and verifies; the copy is hashed once more here, as the viewer gets it.
      await deps.copyStored(att.sha256, copy);
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      return { opened: false, reason: err instanceof Error ? err.message : String(err) };
    }
    if (POSIX) fs.chmodSync(copy, 0o400);
    const actual = sha256Of(copy);
    if (actual !== att.sha256) {
      fs.rmSync(dir, { recursive: true, force: true });
      return { opened: false, reason: `The stored file of ${att.originalName} was modified on disk (it now hashes to ${actual}, not ${att.sha256}); it was not opened. Run a check.` };
    }
    const error = await deps.openPath(copy);
    return error ? { opened: false, reason: error } : { opened: true };
  };
}
