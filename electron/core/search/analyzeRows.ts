// The CPU-heavy half of a rebuild, kept free of the database so it can run in a worker:
// record row → document, content hash and FTS columns. indexWriter.ts does the other half
// (writing them) on the main thread. analyzeLive (indexWriter.ts) adds to each row what the
// document needs from other tables: a statement's translations in `_translations`
// (translationsFor's list), a source's or statement's saved pages in `_pages` (pagesFor's
// list) and the record's cases in `_cases` (casesOfPage's list).
import { rowToRecord, tableOf } from '../db/tables';
import { contentHash, docOf, ftsRowOf, type DocAttrs, type FtsRow, type SearchType } from './documents';
import { asTranslations } from './translations';
import { asPages } from './pages';

export interface Analyzed { id: string; attrs: DocAttrs; hash: string; fts: FtsRow; cases: string[] }

const asCases = (x: unknown): string[] => (Array.isArray(x) ? x.filter((c): c is string => typeof c === 'string') : []);

export function analyzeRows(type: SearchType, rows: Record<string, unknown>[]): Analyzed[] {
  const def = tableOf(type);
  return rows.map((row) => {
    const d = docOf(type, rowToRecord(def, row), {
      ...(type === 'statement' ? { translations: asTranslations(row._translations) } : {}),
      ...(row._pages ? { pages: asPages(row._pages) } : {}),
    });
    const cases = [...new Set(asCases(row._cases))].sort();
    return { id: d.id, attrs: d.attrs, hash: contentHash(d), fts: ftsRowOf(d, cases), cases };
  });
}
