// Saved pages in the search index (issue 14: "the record is found by search for words in the
// page"). A page is not a document of its own: its text (page_texts, migration 0011) is one
// more body field of the source or statement it is attached to, folded and stemmed like the
// rest, for each live attachment of that record whose bytes were read as a page. Every
// attachment write (add, trash, restore, purge) records a change of ('attachment', id); the
// index follows the change log and re-syncs the owner's document (indexWriter.ts touchedDoc).
// Loaded by the analysis worker too (through documents.ts): no database access at import time.
import type { Db } from '../db/open';
import type { SearchType } from '../../../shared/domain';

/** One saved page of a record, as the index sees it. */
export interface IndexedPage { name: string; text: string }

/** Record types whose documents hold their saved pages. */
export const PAGE_OWNERS: ReadonlySet<string> = new Set<SearchType>(['source', 'statement']);

const SQL = `SELECT a.owner_id, a.original_name, p.text FROM attachments a JOIN page_texts p ON p.sha256 = a.sha256
  WHERE a.owner_type = ? AND a.owner_id IN (SELECT value FROM json_each(?)) AND a.deleted_at IS NULL AND p.text != ''
  ORDER BY a.owner_id, a.captured_at, a.id`;

/** The pages of many records of one type at once (a rebuild's page): only those that have any. */
export function pagesFor(db: Db, type: SearchType, ids: readonly string[]): Map<string, IndexedPage[]> {
  const out = new Map<string, IndexedPage[]>();
  if (!PAGE_OWNERS.has(type) || ids.length === 0) return out;
  for (const [owner, name, text] of db.prepare(SQL).raw().all(type, JSON.stringify(ids)) as [string, string, string][]) {
    const list = out.get(owner);
    if (list) list.push({ name, text });
    else out.set(owner, [{ name, text }]);
  }
  return out;
}

export function pagesOf(db: Db, type: SearchType, id: string): IndexedPage[] {
  return pagesFor(db, type, [id]).get(id) ?? [];
}

/** What the analysis worker received as a row's `_pages`, checked again. */
export function asPages(x: unknown): IndexedPage[] {
  if (!Array.isArray(x)) return [];
  return (x as Partial<IndexedPage>[]).filter((p): p is IndexedPage => !!p && typeof p.name === 'string' && typeof p.text === 'string');
}

/** The document an attachment change touches: its owner's, when the owner's documents hold pages. */
export function ownerOfAttachment(db: Db, attachmentId: string): [SearchType, string] | null {
  const row = db.prepare('SELECT owner_type, owner_id FROM attachments WHERE id = ?').raw().get(attachmentId) as [string, string] | undefined;
  return row && PAGE_OWNERS.has(row[0]) ? [row[0] as SearchType, row[1]] : null;
}

/** Every record that has a saved page with text (an index built before pages were indexed re-syncs these). */
export function recordsWithPages(db: Db): [SearchType, string][] {
  return db.prepare(`SELECT DISTINCT a.owner_type, a.owner_id FROM attachments a JOIN page_texts p ON p.sha256 = a.sha256
    WHERE a.owner_type IN ('source', 'statement') AND a.deleted_at IS NULL AND p.text != '' ORDER BY 1, 2`).raw().all() as [SearchType, string][];
}

/** What a hit's snippet says before text cut from a saved page. */
export function pageLabel(p: Pick<IndexedPage, 'name'>): string {
  return `Saved page (${p.name}): `;
}
