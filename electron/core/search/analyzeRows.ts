// The CPU-heavy half of a rebuild, kept free of the database so it can run in a worker:
// record row → document, content hash and FTS columns. indexWriter.ts does the other half
// (writing them) on the main thread. A statement row comes with its translations in
// `_translations` (indexWriter.ts analyzeLive adds translationsFor's list to the rows it reads).
import { rowToRecord, tableOf } from '../db/tables';
import { contentHash, docOf, ftsRowOf, type DocAttrs, type FtsRow, type SearchType } from './documents';
import { asTranslations } from './translations';

export interface Analyzed { id: string; attrs: DocAttrs; hash: string; fts: FtsRow }

export function analyzeRows(type: SearchType, rows: Record<string, unknown>[]): Analyzed[] {
  const def = tableOf(type);
  return rows.map((row) => {
    const d = docOf(type, rowToRecord(def, row), type === 'statement' ? { translations: asTranslations(row._translations) } : {});
    return { id: d.id, attrs: d.attrs, hash: contentHash(d), fts: ftsRowOf(d) };
  });
}
