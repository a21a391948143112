/**
 * Opening evidence in the system's viewer. Electron-free (the dialog, the shell and the Core
 * are injected) so it can be tested in plain Node.
 *
 * The viewer gets a read-only copy in a temp folder, never the stored file, and only for media
 * types a viewer shows without running anything: a file captured from the outside world may be
 * hostile, and the name it arrived with (`invoice.pdf.exe`) decides nothing here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Attachment } from '../../shared/domain';

/** Media type -> the extension the copy gets. Anything else is refused. */
const VIEWABLE: Record<string, string> = {
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/bmp': '.bmp', 'image/tiff': '.tif',
  'application/pdf': '.pdf', 'text/plain': '.txt',
  'video/mp4': '.mp4', 'video/webm': '.webm', 'video/quicktime': '.mov', 'video/x-matroska': '.mkv',
  'audio/mpeg': '.mp3', 'audio/ogg': '.ogg', 'audio/wav': '.wav', 'audio/x-wav': '.wav', 'audio/mp4': '.m4a',
};

export interface OpenerDeps {
  getAttachment(as: string, id: string): Promise<Attachment>;
  /** Writes the stored content, decrypted and verified against its hash, to a new file `dest` (read-only). */
  copyStored(sha256: string, dest: string): Promise<void>;
  confirm(att: Attachment): Promise<boolean>;
  openPath(file: string): Promise<string>;
  tempRoot?: string;
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

export function createAttachmentOpener(deps: OpenerDeps) {
  const root = deps.tempRoot ?? path.join(os.tmpdir(), 'casefile-open');
  return async (as: string, id: string): Promise<OpenResult> => {
    const att = await deps.getAttachment(as, id);
    const ext = viewableExtension(att.mediaType);
    if (!ext) {
      return { opened: false, reason: `${att.mediaType} files are not opened from Casefile: a viewer for them could run what is inside.` };
    }
    if (!(await deps.confirm(att))) return { opened: false, reason: 'cancelled' };
    const dir = path.join(root, att.sha256);
    fs.mkdirSync(dir, { recursive: true });
    const copy = path.join(dir, safeCopyName(att.originalName, ext));
    if (!fs.existsSync(copy)) await deps.copyStored(att.sha256, copy);
    const error = await deps.openPath(copy);
    return error ? { opened: false, reason: error } : { opened: true };
  };
}
