import type { Attachment } from '../../../shared/domain';
import { AttachmentIntegrityError, AttachmentTooLargeError, NotAFileError, formatBytes, type StoredBlob } from '../attachments/store';
import { quietJob, type Job } from '../job';
import { listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import type { Actor } from './acting';
import { requirePermission } from './permissions';
import { write } from './write';
import type { CoreState } from './state';
import { createEntity, mustGet, restoreHandler, trashHandler } from './entity';
import { handlerGroup } from './types';
import { asSavedPage, hasPageRow, pageOf, readPageRow, storePageRow, type PageRow } from './savedPages';

type Owner = { ownerType: Attachment['ownerType']; ownerId: string };

async function storeBlob(s: CoreState, input: string | Uint8Array, job: Job): Promise<StoredBlob> {
  try {
    return await s.store.put(input, (done, total) => job.progress('hashing and storing the file', done, total));
  } catch (err) {
    if (err instanceof AttachmentTooLargeError) throw new CoreError('too_large', err.message, { field: 'data' });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw CoreError.invalid('file', `no such file: ${String(input)}`);
    if (err instanceof NotAFileError || (err as NodeJS.ErrnoException).code === 'EISDIR') {
      throw CoreError.invalid('file', `${String(input)} is not a regular file: choose a file, not a folder`);
    }
    throw err;
  }
}

/**
 * The bytes are hashed and stored first (outside the transaction: it may be gigabytes), then
 * the record is written in one transaction. A failed record leaves only a deduplicated blob.
 */
export async function addAttachment(
  s: CoreState, actor: Actor, owner: Owner, data: string | Uint8Array, originalName: string, description = '', job: Job = quietJob(),
): Promise<Attachment> {
  requirePermission(actor, 'attachments.add');
  mustGet(s, owner.ownerType, owner.ownerId);
  // A cancel while the bytes are hashed stops before anything is stored; once they are stored,
  // writing the record is quicker than undoing, so it goes ahead.
  const blob = await storeBlob(s, data, job);
  // A saved page is read now, so its words find the record as soon as it is attached.
  let page: PageRow | null = null;
  if (!hasPageRow(s, blob.sha256)) {
    job.progress('reading the saved page', 0, 0);
    page = await readPageRow(s, blob, typeof data === 'string' ? undefined : data);
  }
  return write(s, () => {
    mustGet(s, owner.ownerType, owner.ownerId);
    if (page) storePageRow(s, page);
    return createEntity(s, actor, 'attachment', {
      ...owner, sha256: blob.sha256, size: blob.size, mediaType: blob.mediaType, originalName: originalName.slice(0, 1000),
      capturedAt: s.now(), description,
    });
  });
}

export const attachmentHandlers = handlerGroup({
  'attachments.list': (s, _a, q) => listRecords(s.db, 'attachment', {
    where: ['owner_type = ?', 'owner_id = ?', q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'],
    params: [q.ownerType, q.ownerId], order: 'captured_at, id', limit: 10_000, offset: 0,
  }).items,
  'attachments.get': (s, _a, { id }) => mustGet(s, 'attachment', id, { allowTrashed: true }),
  'attachments.add': (s, actor, input, job) =>
    addAttachment(s, actor, { ownerType: input.ownerType, ownerId: input.ownerId }, input.data, input.fileName, input.description, job),
  'attachments.trash': trashHandler('attachment', 'attachments.trash', 'attachments'),
  'attachments.restore': restoreHandler('attachment', 'attachments.trash', 'attachments'),
  'attachments.read': async (s, _a, { id, maxBytes }) => {
    const att = mustGet(s, 'attachment', id, { allowTrashed: true });
    if (att.size > maxBytes) {
      throw new CoreError('too_large', `${att.originalName} is ${formatBytes(att.size)}; previews are limited to ${formatBytes(maxBytes)}.`, { field: 'id' });
    }
    if (!s.store.has(att.sha256)) throw new CoreError('failed', `The stored file of ${att.originalName} is missing from the data folder. Run a check.`);
    let data: Uint8Array<ArrayBuffer>;
    try {
      data = await s.store.readAll(att.sha256, maxBytes);
    } catch (err) {
      // Evidence is only shown as what it claims to be: bytes that no longer hash (or decrypt) right are refused.
      if (err instanceof AttachmentIntegrityError) {
        throw new CoreError('failed', `The stored file of ${att.originalName} ${err.problem}. Run a check.`);
      }
      throw err;
    }
    return { data, mediaType: att.mediaType, sha256: att.sha256 };
  },
  'attachments.page': async (s, _a, { id }) => {
    const att = mustGet(s, 'attachment', id, { allowTrashed: true });
    const stored = pageOf(s, att.sha256);
    if (stored !== undefined) return stored;
    // Attached before pages were read (or brought without a row): read it for the reader now.
    // A read stays a read: `casefile reindex` (desk.reindex) reads and indexes such files for search.
    if (!s.store.has(att.sha256)) return null;
    return asSavedPage(await readPageRow(s, att));
  },
  'attachments.verify': async (s, _a, { id }) => {
    const att = mustGet(s, 'attachment', id, { allowTrashed: true });
    if (!s.store.has(att.sha256)) return { ok: false, sha256: att.sha256 };
    const v = await s.store.verify(att.sha256);
    return { ok: v.ok, sha256: att.sha256, ...(v.actual && !v.ok ? { actual: v.actual } : {}) };
  },
});
