// search.query: parse, expand aliases, compile, run on FTS5, then hydrate the page of hits
// from the record tables (never from the index) and cut their snippets. A statement's
// document includes the latest text of its translations: when the match is there, the
// snippet is cut from the translation and starts `Translation (en, draft): ` (its language
// and state, as the `translation:` filter names them; see translations.ts).
//
// The cost of the first page must not grow with the number of hits, so nothing here touches
// every hit of a broad query:
// - the filters are tokens in the MATCH (documents.ts attrsTokens): FTS5 intersects them;
// - hits are counted up to COUNT_CAP (10,000), in document order, with the cheaper form of
//   the MATCH (compile.ts `countMatch`); past the cap the total says "at least 10,000"
//   (`capped`), each type is counted on its own up to the cap, and the case facet counts
//   the first 10,000 hits (so its counts are then lower bounds too);
// - bm25 ranks the newest RANK_WINDOW hits (document numbers grow as records are indexed):
//   every hit of a query with fewer, the most recently captured of a broad one;
// - only the page shown is read from the records and given a snippet.
// The type of a hit is in its document number, and the case facet counts over an in-memory
// map (facets.ts), so no step joins a table per hit. A query of filters alone (no word) is
// answered from search_docs and its indexes, newest first.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { getRecord } from '../db/repos/records';
import { CoreError } from '../errors';
import { actorResolver, caseResolver, compile, quote, type Compiled } from './compile';
import { docOf, SEARCH_TYPES, TYPE_CODE, TYPE_OF_CODE, TYPE_SHIFT, type SearchType } from './documents';
import { countCases } from './facets';
import { ensureIndex } from './indexWriter';
import { latestTranslationsOf } from './translations';
import { pagesOf } from './pages';
import { parseQuery, type Filter } from './query';
import { runtime } from './runtime';
import { snippetFor, type Snippet } from './snippet';

export interface SearchOptions {
  types?: SearchType[];
  limit?: number;
  offset?: number;
  expandAliases?: boolean;
}

export interface SearchHit { type: SearchType; id: string; title: string; score: number; snippet: Snippet }

export interface SearchResult {
  /** Hits, counted up to `cap`: a total (or a facet count) equal to `cap` means that many or more. */
  total: number;
  /** More hits than were counted: `total` is `cap`, and the case facet counts the first `cap` hits only. */
  capped: boolean;
  cap: number;
  facets: { type: Record<string, number>; case: { caseId: string; title: string; count: number }[] };
  expansions: { term: string; names: string[] }[];
  hits: SearchHit[];
}

/** Field weights for bm25: titles and names, then the exact words of the text, then stems (filters: none). */
const BM25 = 'bm25(search_fts, 6.0, 3.0, 1.0, 0.0)';
/** Hits are counted this far; beyond, counts say "at least". */
export const COUNT_CAP = 10_000;
/** bm25 ranks at most this many hits, the newest (more when a deep page asks for it). */
export const RANK_WINDOW = 2_000;
const CASE_FACETS = 50;
/** Extra rows ranked by bm25 alone before the recency tiebreak is applied to the page. */
const TIE_ROOM = 50;

function empty(): SearchResult {
  return { total: 0, capped: false, cap: COUNT_CAP, facets: { type: {}, case: [] }, expansions: [], hits: [] };
}

const stmtCache = new WeakMap<Db, Map<string, Database.Statement>>();
/** Prepared statements are reused: preparing costs as much as running a selective query. */
function prep(db: Db, sql: string): Database.Statement {
  let m = stmtCache.get(db);
  if (!m) { m = new Map(); stmtCache.set(db, m); }
  let st = m.get(sql);
  if (!st) {
    if (m.size > 300) m.clear();
    st = db.prepare(sql);
    m.set(sql, st);
  }
  return st;
}

function sqliteSafe<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CoreError) throw err;
    // The compiler should make this impossible; if it happens, say so without SQLite's words.
    const msg = err instanceof Error ? err.message : String(err);
    throw new CoreError('invalid_input', `q: this query could not be run; try simpler words (${msg.replace(/^fts5: /, '')})`, { field: 'q' });
  }
}

/**
 * About how many documents the index holds (for "is this word common?"), refreshed now and
 * then: the span of document numbers of each type (two index lookups each; count(*) would
 * read the whole table, tens of milliseconds at a million).
 */
function docCount(db: Db): number {
  const rt = runtime(db);
  const now = Date.now();
  if (!rt.docCount || now - rt.docCount.at > 30_000) {
    // (One bound per query: with both, SQLite walks the range.)
    const first = prep(db, 'SELECT min(doc) FROM search_docs WHERE doc > ?').pluck();
    const last = prep(db, 'SELECT max(doc) FROM search_docs WHERE doc < ?').pluck();
    let n = 0;
    for (const t of SEARCH_TYPES) {
      const lo = TYPE_CODE[t] * TYPE_SHIFT;
      const a = first.get(lo) as number | null;
      const b = last.get(lo + TYPE_SHIFT) as number | null;
      if (a !== null && b !== null && a < lo + TYPE_SHIFT && b > lo) n += b - a + 1;
    }
    rt.docCount = { n, at: now };
  }
  return rt.docCount.n;
}

/** The first and last year of any indexed date (for date filters), or null. */
function indexedYears(db: Db): [number, number] | null {
  // Two queries: SQLite answers a lone min() or max() from the index, both together by a scan.
  const lo = prep(db, 'SELECT min(date) FROM search_docs WHERE date IS NOT NULL').pluck().get() as string | null;
  const hi = prep(db, 'SELECT max(date) FROM search_docs').pluck().get() as string | null;
  return lo && hi ? [Number(lo.slice(0, 4)), Number(hi.slice(0, 4))] : null;
}

function typeSql(col: string, codes: number[] | null): string {
  if (codes === null) return '';
  if (codes.length === 0) return ' AND 0';
  if (codes.length === 1) return rangeSql(col, codes[0] as number);
  return ` AND (${col} >> 40) IN (${codes.join(', ')})`;
}

function rangeSql(col: string, code: number): string {
  const lo = code * TYPE_SHIFT;
  return ` AND ${col} > ${lo} AND ${col} < ${lo + TYPE_SHIFT}`;
}

interface Ranked { doc: number; score: number }

/** How a query's hits are read: from FTS5 (a MATCH), or from search_docs (filters only). */
interface Source {
  /**
   * Up to COUNT_CAP hits; `within` narrows them to one type. `ordered`: they are the first
   * ones in document order (else any, and they are sorted here).
   */
  docs(within?: number): number[];
  ordered: boolean;
  /** The page, best first. */
  rank(limit: number, offset: number): Ranked[];
}

function ftsSource(db: Db, c: Compiled): Source {
  const match = c.match as string;
  const count = c.countMatch as string;
  const types = typeSql('rowid', c.typeCodes);
  return {
    ordered: true,
    docs: (within) => prep(db, `SELECT rowid FROM search_fts WHERE search_fts MATCH ?${within === undefined ? types : rangeSql('rowid', within)} LIMIT ${COUNT_CAP}`)
      .pluck().all(count) as number[],
    rank: (limit, offset) => {
      const want = offset + limit + TIE_ROOM;
      const top = prep(db, `SELECT doc, score FROM (SELECT rowid AS doc, ${BM25} AS score FROM search_fts WHERE search_fts MATCH ?${types}
        ORDER BY rowid DESC LIMIT ${Math.max(RANK_WINDOW, want)}) ORDER BY score LIMIT ?`).all(match, want) as Ranked[];
      // bm25 decides; among (nearly) equal scores the more recent record comes first.
      const sortAt = prep(db, 'SELECT sort_at FROM search_docs WHERE doc = ?').pluck();
      const keyed = top.map((r) => ({ ...r, round: Math.round(r.score * 100), at: (sortAt.get(r.doc) as string | undefined) ?? '' }));
      keyed.sort((a, b) => a.round - b.round || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) || a.doc - b.doc);
      return keyed.slice(offset, offset + limit);
    },
  };
}

function filterSource(db: Db, c: Compiled): Source {
  let from = `search_docs d WHERE ${c.where.length ? c.where.join(' AND ') : '1'}`;
  const params = [...c.params];
  if (c.exclude) {
    from += ' AND d.doc NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)';
    params.push(c.exclude);
  }
  // The unary + keeps SQLite from walking the type's whole range of documents when another
  // filter has an index to drive with (measured: 11 ms to 1 ms with a date range).
  const types = typeSql('+d.doc', c.typeCodes);
  return {
    // Not in document order: the filters' own indexes drive (ordered by doc, SQLite would walk them all).
    ordered: false,
    docs: (within) => (prep(db, `SELECT d.doc FROM ${from}${within === undefined ? types : rangeSql('+d.doc', within)} LIMIT ${COUNT_CAP}`)
      .pluck().all(...params) as number[]).sort((a, b) => a - b),
    rank: (limit, offset) => prep(db, `SELECT d.doc AS doc, 0.0 AS score FROM ${from}${types} ORDER BY d.sort_at DESC, d.doc LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as Ranked[],
  };
}

/**
 * Hits per type, each exact up to COUNT_CAP. The first COUNT_CAP hits in document order (so by
 * type code) give the types they cover entirely; the type they end in, and the types after it,
 * are counted on their own (every type, when the hits were not the first ones).
 */
function typeCounts(src: Source, docs: number[], allowed: number[] | null): Map<number, number> {
  const counts = new Map<number, number>();
  for (const doc of docs) {
    const code = Math.floor(doc / TYPE_SHIFT);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  if (docs.length < COUNT_CAP) return counts;
  const last = src.ordered ? Math.floor((docs[docs.length - 1] as number) / TYPE_SHIFT) : 0;
  const codes = (allowed ?? SEARCH_TYPES.map((t) => TYPE_CODE[t])).filter((code) => code > last || (code === last && counts.size > 1));
  for (const code of codes) {
    const n = src.docs(code).length;
    if (n > 0) counts.set(code, n);
    else counts.delete(code);
  }
  return counts;
}

export function search(db: Db, q: string, opts: SearchOptions = {}): SearchResult {
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 500));
  const offset = Math.max(0, opts.offset ?? 0);
  const ast = parseQuery(q);
  if (opts.types?.length) ast.filters.push({ key: 'type', values: [...opts.types], negated: false, pos: 0 } satisfies Filter);
  if (ast.clauses.length === 0 && ast.filters.length === 0) return empty();
  ensureIndex(db);

  const rareBelow = Math.max(25, Math.ceil(docCount(db) * 0.002));
  const countUpTo = prep(db, `SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ${rareBelow})`).pluck();
  const rare = new Map<string, boolean>();
  const isRare = (w: string) => {
    let r = rare.get(w);
    if (r === undefined) {
      r = (countUpTo.get(`{head exact} : ${quote(w)}`) as number) < rareBelow;
      rare.set(w, r);
    }
    return r;
  };

  const c = compile(db, ast, {
    expandAliases: opts.expandAliases ?? true, isRare,
    resolver: { caseIds: caseResolver(db), actorIds: actorResolver(db), years: () => indexedYears(db) },
  });
  if (c.none) return { ...empty(), expansions: c.expansions };

  return sqliteSafe(() => {
    const src = c.match ? ftsSource(db, c) : filterSource(db, c);
    const docs = src.docs();
    if (docs.length === 0) return { ...empty(), expansions: c.expansions };
    const capped = docs.length >= COUNT_CAP;
    const type: Record<string, number> = {};
    for (const [code, n] of typeCounts(src, docs, c.typeCodes)) {
      const t = TYPE_OF_CODE[code];
      if (t) type[t] = n;
    }

    const titleOf = prep(db, 'SELECT title FROM cases WHERE id = ? AND deleted_at IS NULL').pluck();
    const cases: SearchResult['facets']['case'] = [];
    for (const [caseId, count] of countCases(db, docs)) {
      if (cases.length >= CASE_FACETS) break;
      const title = titleOf.get(caseId) as string | undefined;
      if (title !== undefined) cases.push({ caseId, title, count });
    }

    const docRow = prep(db, 'SELECT record_type, record_id FROM search_docs WHERE doc = ?');
    const hits: SearchHit[] = [];
    for (const r of src.rank(limit, offset)) {
      const ref = docRow.get(r.doc) as { record_type: SearchType; record_id: string } | undefined;
      if (!ref) continue;
      const rec = getRecord(db, ref.record_type, ref.record_id) as Record<string, unknown> | undefined;
      if (!rec) continue;
      // The fields give the title and the snippet (the attributes, which need every revision, do not matter here).
      const doc = docOf(ref.record_type, rec, {
        ...(ref.record_type === 'statement' ? { translations: latestTranslationsOf(db, ref.record_id) } : {}),
        pages: pagesOf(db, ref.record_type, ref.record_id),
      });
      hits.push({
        type: ref.record_type, id: ref.record_id, title: doc.title, score: Math.round(-r.score * 1000) / 1000 || 0,
        snippet: snippetFor(doc.fields, c.highlight),
      });
    }
    return { total: docs.length, capped, cap: COUNT_CAP, facets: { type, case: cases }, expansions: c.expansions, hits };
  });
}

export { SEARCH_TYPES };
