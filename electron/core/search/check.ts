// Does the index still say what the records say? Every live record of a searchable kind
// must have its row with the content hash it would get now; no row may remain for a
// trashed or purged record; the FTS table must hold exactly the documents' rows. The FTS
// table is contentless, so its text cannot be read back: each row's token counts per column
// (FTS5's docsize) must match the record's, and a few of each column's rarest-looking words
// must be found in that very row. With FTS5's own integrity check, a row deleted, added or
// rewritten in the FTS table, or damage to its shadow tables, shows up here.
import type { Db } from '../db/open';
import { rowToRecord, tableOf } from '../db/tables';
import { quote } from './compile';
import { casesOf, contentHash, docOf, SEARCH_TYPES } from './documents';
import { ftsRowOf, needsRebuild, type FtsRow } from './indexer';

const MAX_REPORTED = 50;

export function checkIndexDb(db: Db): string[] {
  const problems: string[] = [];
  let more = 0;
  const report = (p: string) => {
    if (problems.length < MAX_REPORTED) problems.push(p);
    else more++;
  };
  if (needsRebuild(db)) {
    return ['Search index: not built yet for this database (it is built on first search, or run `casefile reindex`).'];
  }
  try {
    db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (err) {
    report(`Search index: the full-text index is damaged (${err instanceof Error ? err.message : String(err)}); run \`casefile reindex\`.`);
  }

  const docByKey = new Map<string, { doc: number; hash: string }>();
  for (const r of db.prepare('SELECT doc, record_type, record_id, content_hash FROM search_docs').all() as
    { doc: number; record_type: string; record_id: string; content_hash: string }[]) {
    docByKey.set(`${r.record_type}:${r.record_id}`, { doc: r.doc, hash: r.content_hash });
  }
  const ftsRowids = new Set(db.prepare('SELECT rowid FROM search_fts').pluck().all() as number[]);
  const sizeGet = db.prepare('SELECT sz FROM search_fts_docsize WHERE id = ?').pluck();
  const probe = db.prepare('SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid = ?').pluck();
  const casesGet = db.prepare('SELECT case_id FROM search_doc_cases WHERE doc = ? ORDER BY case_id').pluck();
  const termsGet = db.prepare('SELECT kind, value FROM search_doc_terms WHERE doc = ? ORDER BY kind, value').raw();

  for (const type of SEARCH_TYPES) {
    const def = tableOf(type);
    const page = db.prepare(`SELECT rowid AS _r, * FROM ${def.table} WHERE rowid > ? ORDER BY rowid LIMIT 1000`);
    for (let after = 0; ;) {
      const rows = page.all(after) as Record<string, unknown>[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?._r as number;
      for (const row of rows) {
        const rec = rowToRecord(def, row);
        const id = rec.id as string;
        const key = `${type}:${id}`;
        const have = docByKey.get(key);
        docByKey.delete(key);
        if (rec.deletedAt) {
          if (have) report(`Search index: the ${def.label} ${id} is in the trash but still in the index.`);
          continue;
        }
        if (!have) { report(`Search index: the ${def.label} ${id} is missing from the index.`); continue; }
        const d = docOf(type, rec);
        if (contentHash(d) !== have.hash) { report(`Search index: the entry for ${def.label} ${id} does not match the record (content hash differs).`); continue; }
        if (!ftsRowids.delete(have.doc)) { report(`Search index: the full-text row of ${def.label} ${id} is missing.`); continue; }
        const want = ftsRowOf(d);
        const sizes = varints(sizeGet.get(have.doc) as Buffer | undefined);
        if (sizes.join(',') !== want.sizes.join(',') || !probesFound(want, (m) => probe.get(m, have.doc) !== undefined)) {
          report(`Search index: the full-text row of ${def.label} ${id} does not say what the record says (it was altered).`);
          continue;
        }
        const wantCases = [...new Set(casesOf(db, type, id, rec))].sort();
        if ((casesGet.all(have.doc) as string[]).join(',') !== wantCases.join(',')) {
          report(`Search index: the case files recorded for ${def.label} ${id} are out of date.`);
        }
        const wantTerms = [...d.attrs.terms].map((t) => `${t[0]}:${t[1]}`).sort();
        const gotTerms = (termsGet.all(have.doc) as string[][]).map((t) => `${t[0]}:${t[1]}`).sort();
        if (wantTerms.join('\n') !== gotTerms.join('\n')) report(`Search index: the filter values of ${def.label} ${id} are out of date.`);
      }
    }
  }
  for (const [key] of docByKey) report(`Search index: a row remains for ${key.replace(':', ' ')}, which no longer exists (purged).`);

  // Rows of documents reported above (trashed, purged) are not strays; anything else is.
  const known = new Set(db.prepare('SELECT doc FROM search_docs').pluck().all() as number[]);
  for (const r of ftsRowids) if (!known.has(r)) report(`Search index: the full-text table has a row (${r}) that belongs to no record.`);
  if (more) problems.push(`Search index: ${more} more problem(s) not listed; run \`casefile reindex\` to rebuild the index.`);
  return problems;
}

/** FTS5 stores each row's column sizes as SQLite varints. */
function varints(buf: Buffer | undefined): number[] {
  const out: number[] = [];
  if (!buf) return out;
  for (let i = 0; i < buf.length;) {
    let v = 0;
    for (let j = 0; j < 9 && i < buf.length; j++) {
      const b = buf[i++] as number;
      if (j === 8) { v = v * 256 + b; break; }
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    out.push(v);
  }
  return out;
}

/** Up to three of the longest distinct words of each column must be found in the row itself. */
function probesFound(row: FtsRow, found: (match: string) => boolean): boolean {
  for (const col of ['head', 'exact', 'stem'] as const) {
    const ws = [...new Set(row[col].split(' ').filter((w) => w && w !== '\u00b7'))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 3);
    if (ws.length && !found(`${col} : (${ws.map(quote).join(' AND ')})`)) return false;
  }
  return true;
}
