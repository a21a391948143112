// Saved web pages as evidence (issue 14): an attachment whose bytes are an HTML, MHTML or WARC
// file or a PDF is read once, in the Core, from the bytes that were hashed and stored; the
// text and the page's own claims go to page_texts (migration 0011), keyed by the bytes' hash,
// in the same transaction as the attachment record, so the record is found by search for the
// page's words from the moment it is attached. Reading happens before that transaction (it may
// take seconds); a page that cannot be read is still kept as evidence, with the reason.
import type { SavedPage } from '../../../shared/domain';
import { AttachmentIntegrityError, AttachmentTooLargeError } from '../attachments/store';
import { PAGE_LIMITS, PageReadError, pageFormatOf, readSavedPage, type PageFormat } from '../attachments/pages';
import { prepared } from '../db/prepared';
import type { CoreState } from './state';
import { quietJob, type Job } from '../job';
import { needsRebuild, syncDoc } from '../search/indexWriter';
import type { SearchType } from '../search/documents';
import { write } from './write';

/** Bumped when the reader reads pages differently enough that stored rows should be read again. */
export const PAGE_READER = 1;

export interface PageRow {
  sha256: string;
  format: PageFormat | null;
  title: string | null;
  url: string | null;
  capturedAt: string | null;
  text: string;
  truncated: boolean;
  problem: string | null;
}

/** The first bytes of a stored file (enough to tell a page from anything else). */
async function headOf(s: CoreState, sha256: string): Promise<Uint8Array> {
  for await (const chunk of s.store.read(sha256)) return chunk.subarray(0, 64 * 1024);
  return new Uint8Array();
}

/**
 * What a file is as a page. `bytes`: the content when the caller has it in memory already (a
 * file dropped in the window); otherwise it is read back, verified, from the store. Null when
 * the stored file cannot be read as what it claims to be (`check` reports that on its own).
 */
export async function readPageRow(
  s: CoreState, blob: { sha256: string; size: number; mediaType: string }, bytes?: Uint8Array, limits = PAGE_LIMITS,
): Promise<PageRow> {
  const base = { sha256: blob.sha256, title: null, url: null, capturedAt: null, text: '', truncated: false, problem: null };
  let content = bytes;
  let format: PageFormat | null;
  try {
    // Most attachments are not pages: their first bytes say so without decrypting the rest.
    format = pageFormatOf(content ?? await headOf(s, blob.sha256), blob.mediaType);
    if (!format) return { ...base, format: null };
    if (blob.size > limits.maxBytes) {
      return { ...base, format, problem: `it is ${(blob.size / 1024 / 1024).toFixed(1)} MB; text is read from saved pages up to ${Math.round(limits.maxBytes / 1024 / 1024)} MB` };
    }
    content ??= await s.store.readAll(blob.sha256, limits.maxBytes);
  } catch (err) {
    if (err instanceof AttachmentIntegrityError || err instanceof AttachmentTooLargeError) return { ...base, format: null };
    throw err;
  }
  try {
    const page = await readSavedPage(content, blob.mediaType, limits);
    if (!page) return { ...base, format: null };
    return { sha256: blob.sha256, format: page.format, title: page.title, url: page.url, capturedAt: page.capturedAt, text: page.text, truncated: page.truncated, problem: null };
  } catch (err) {
    if (err instanceof PageReadError) return { ...base, format, problem: err.message };
    // A reader's own failure (a library bug on a hostile file) must not lose the evidence: say so.
    return { ...base, format, problem: `the reader failed on it (${(err as Error).message.slice(0, 200)})` };
  }
}

/** Inside a write: keeps what was read (once per stored file; a file read before keeps its row). */
export function storePageRow(s: CoreState, row: PageRow): void {
  prepared(s.db, `INSERT OR IGNORE INTO page_texts (sha256, format, title, url, captured_at, text, truncated, problem, reader, read_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    row.sha256, row.format, row.title, row.url, row.capturedAt, row.text, row.truncated ? 1 : 0, row.problem, PAGE_READER, s.now(),
  );
}

export function hasPageRow(s: CoreState, sha256: string): boolean {
  return prepared(s.db, 'SELECT 1 FROM page_texts WHERE sha256 = ?').get(sha256) !== undefined;
}

export function pageOf(s: CoreState, sha256: string): SavedPage | null | undefined {
  const r = prepared(s.db, 'SELECT format, title, url, captured_at, text, truncated, problem FROM page_texts WHERE sha256 = ?').get(sha256) as
    { format: PageFormat | null; title: string | null; url: string | null; captured_at: string | null; text: string; truncated: number; problem: string | null } | undefined;
  if (!r) return undefined;
  if (!r.format) return null;
  return { format: r.format, title: r.title, url: r.url, capturedAt: r.captured_at, text: r.text, truncated: r.truncated === 1, problem: r.problem };
}

export const asSavedPage = (row: PageRow): SavedPage | null => (row.format
  ? { format: row.format, title: row.title, url: row.url, capturedAt: row.capturedAt, text: row.text, truncated: row.truncated, problem: row.problem }
  : null);

/**
 * Reads every stored attachment file not read as a page yet (attached before pages were read,
 * or brought by a bundle), keeps what it finds and brings the documents of the sources and
 * statements they are attached to up to date, in one write. Returns how many files it read.
 */
export async function readUnreadPages(s: CoreState, job: Job = quietJob()): Promise<number> {
  const unread = s.db.prepare(`SELECT sha256, max(size) AS size, max(media_type) AS mediaType FROM attachments
    WHERE sha256 NOT IN (SELECT sha256 FROM page_texts) GROUP BY sha256 ORDER BY sha256`).all() as { sha256: string; size: number; mediaType: string }[];
  const rows: PageRow[] = [];
  for (const [i, blob] of unread.entries()) {
    job.check();
    job.progress('reading saved pages', i, unread.length);
    if (s.store.has(blob.sha256)) rows.push(await readPageRow(s, blob));
  }
  if (rows.length === 0) return 0;
  write(s, () => {
    for (const row of rows) storePageRow(s, row);
    if (needsRebuild(s.db)) return;
    const owners = s.db.prepare(`SELECT DISTINCT owner_type, owner_id FROM attachments
      WHERE sha256 IN (SELECT value FROM json_each(?)) AND owner_type IN ('source', 'statement')`).raw()
      .all(JSON.stringify(rows.filter((r) => r.text).map((r) => r.sha256))) as [SearchType, string][];
    for (const [type, id] of owners) syncDoc(s.db, type, id);
  });
  return rows.length;
}
