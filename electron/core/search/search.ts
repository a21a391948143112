// search.query: parse, expand aliases, compile, run on FTS5, then hydrate the page of hits
// from the record tables (never from the index) and cut their snippets. A statement's
// document includes the latest text of its translations: when the match is there, the
// snippet is cut from the translation and starts `Translation (en, draft): ` (its language
// and state, as the `translation:` filter names them; see translations.ts).
//
// Cost grows with the number of hits (bm25 and facets touch every one), so the common
// case, no filter beyond the record type, never joins search_docs per hit: the type is in
// the document number, case facets go straight from the FTS rowid to search_doc_cases,
// and only the best-ranked rows are looked up for the recency tiebreak.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { getRecord } from '../db/repos/records';
import { CoreError } from '../errors';
import { actorResolver, caseResolver, compile, quote, type Compiled } from './compile';
import { docOf, SEARCH_TYPES, TYPE_OF_CODE, TYPE_SHIFT, type SearchType } from './documents';
import { ensureIndex, extrasOf } from './indexWriter';
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
  total: number;
  facets: { type: Record<string, number>; case: { caseId: string; title: string; count: number }[] };
  expansions: { term: string; names: string[] }[];
  hits: SearchHit[];
}

/** Field weights for bm25: titles and names, then the exact words of the text, then stems. */
const BM25 = 'bm25(search_fts, 6.0, 3.0, 1.0)';
const CASE_FACETS = 50;
/** Extra rows ranked by bm25 alone before the recency tiebreak is applied to the page. */
const TIE_ROOM = 50;

function empty(): SearchResult {
  return { total: 0, facets: { type: {}, case: [] }, expansions: [], hits: [] };
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

/** doc → case ids, rebuilt after a membership change here or a write by another connection. */
function caseMap(db: Db): Map<number, string[]> {
  const rt = runtime(db);
  const dv = db.pragma('data_version', { simple: true }) as number;
  if (rt.caseMap && rt.caseMap.dataVersion === dv) return rt.caseMap.byDoc;
  const byDoc = new Map<number, string[]>();
  for (const [caseId, doc] of prep(db, 'SELECT case_id, doc FROM search_doc_cases').raw().all() as [string, number][]) {
    const cs = byDoc.get(doc);
    if (cs) cs.push(caseId);
    else byDoc.set(doc, [caseId]);
  }
  rt.caseMap = { byDoc, dataVersion: dv };
  return byDoc;
}

/** About how many documents the index holds (for "is this word common?"), refreshed now and then. */
function docCount(db: Db): number {
  const rt = runtime(db);
  const now = Date.now();
  if (!rt.docCount || now - rt.docCount.at > 30_000) rt.docCount = { n: prep(db, 'SELECT count(*) FROM search_docs').pluck().get() as number, at: now };
  return rt.docCount.n;
}

function typeSql(col: string, codes: number[] | null): string {
  if (codes === null) return '';
  if (codes.length === 0) return ' AND 0';
  if (codes.length === 1) {
    const lo = (codes[0] as number) * TYPE_SHIFT;
    return ` AND ${col} > ${lo} AND ${col} < ${lo + TYPE_SHIFT}`;
  }
  return ` AND (${col} >> 40) IN (${codes.join(', ')})`;
}

interface Ranked { doc: number; score: number }

function facetsAndRank(db: Db, c: Compiled, limit: number, offset: number): { type: Record<string, number>; cases: Map<string, number>; ranked: Ranked[] } {
  const type: Record<string, number> = {};
  const cases = new Map<string, number>();
  const addType = (code: number, n: number) => {
    const t = TYPE_OF_CODE[code];
    if (t) type[t] = (type[t] ?? 0) + n;
  };
  if (c.match && c.where.length === 0) {
    const fts = `search_fts MATCH ?${typeSql('search_fts.rowid', c.typeCodes)}`;
    // One pass over the hits' numbers gives both facets: the type is in the number, the
    // cases come from the in-memory map. (As SQL, the case facet alone was a join per hit.)
    // A phrase or several words cost more to evaluate than to sort: evaluate once, ranked,
    // and take the page from the front. One word: count first, rank only the front.
    const simple = !/ AND | NOT |"[^"]* [^"]*"/.test(c.match);
    let top: Ranked[] | null = null;
    let docs: number[];
    if (simple) docs = prep(db, `SELECT search_fts.rowid FROM search_fts WHERE ${fts}`).pluck().all(c.match) as number[];
    else {
      const all = prep(db, `SELECT search_fts.rowid AS doc, ${BM25} AS score FROM search_fts WHERE ${fts} ORDER BY score`).raw().all(c.match) as [number, number][];
      docs = all.map((r) => r[0]);
      top = all.slice(0, offset + limit + TIE_ROOM).map(([doc, score]) => ({ doc, score }));
    }
    if (docs.length === 0) return { type, cases, ranked: [] };
    const byDoc = caseMap(db);
    const perType = new Map<number, number>();
    for (const doc of docs) {
      const code = Math.floor(doc / TYPE_SHIFT);
      perType.set(code, (perType.get(code) ?? 0) + 1);
      const cs = byDoc.get(doc);
      if (cs) for (const k of cs) cases.set(k, (cases.get(k) ?? 0) + 1);
    }
    for (const [code, n] of perType) addType(code, n);
    top ??= prep(db, `SELECT search_fts.rowid AS doc, ${BM25} AS score FROM search_fts WHERE ${fts} ORDER BY score LIMIT ?`).all(c.match, offset + limit + TIE_ROOM) as Ranked[];
    // bm25 decides; among (nearly) equal scores the more recent record comes first.
    const sortAt = prep(db, 'SELECT sort_at FROM search_docs WHERE doc = ?').pluck();
    const keyed = top.map((r) => ({ ...r, round: Math.round(r.score * 100), at: (sortAt.get(r.doc) as string | undefined) ?? '' }));
    keyed.sort((a, b) => a.round - b.round || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) || a.doc - b.doc);
    return { type, cases, ranked: keyed.slice(offset, offset + limit) };
  }

  let from: string;
  let params: unknown[];
  const where = (kind: 'probe' | 'drive') => `${c.where.length ? c.where.map((w) => w[kind]).join(' AND ') : '1'}${typeSql('d.doc', c.typeCodes)}`;
  const filters = where('drive');
  if (c.match) {
    // The full-text match drives and the filters probe each of its rows. (Letting a small
    // filter drive was measured slower: FTS5 re-evaluating the MATCH at one given rowid
    // costs about a third of a millisecond.)
    from = `search_fts CROSS JOIN search_docs d ON d.doc = search_fts.rowid WHERE search_fts MATCH ? AND ${where('probe')}`;
    params = [c.match, ...c.params];
  } else {
    from = `search_docs d WHERE ${filters}`;
    params = [...c.params];
    if (c.exclude) {
      from += ' AND d.doc NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)';
      params.push(c.exclude);
    }
  }
  const rows = prep(db, `
    WITH m AS MATERIALIZED (SELECT d.doc AS doc FROM ${from})
    SELECT 'type' AS k, doc >> 40 AS v, count(*) AS n FROM m GROUP BY 2
    UNION ALL
    SELECT 'case', sc.case_id, count(*) FROM m CROSS JOIN search_doc_cases sc ON sc.doc = m.doc GROUP BY 2`).all(...params) as { k: string; v: number | string; n: number }[];
  for (const r of rows) {
    if (r.k === 'type') addType(r.v as number, r.n);
    else cases.set(r.v as string, r.n);
  }
  if (Object.keys(type).length === 0) return { type, cases, ranked: [] };
  const ranked = c.match
    ? prep(db, `SELECT d.doc AS doc, ${BM25} AS score FROM ${from} ORDER BY round(score, 2), d.sort_at DESC, d.doc LIMIT ? OFFSET ?`).all(...params, limit, offset) as Ranked[]
    : prep(db, `SELECT d.doc AS doc, 0.0 AS score FROM ${from} ORDER BY d.sort_at DESC, d.doc LIMIT ? OFFSET ?`).all(...params, limit, offset) as Ranked[];
  return { type, cases, ranked };
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
    expandAliases: opts.expandAliases ?? true, isRare, resolver: { caseIds: caseResolver(db), actorIds: actorResolver(db) },
  });

  return sqliteSafe(() => {
    const { type, cases: caseCounts, ranked } = facetsAndRank(db, c, limit, offset);
    const total = Object.values(type).reduce((a, b) => a + b, 0);
    if (total === 0) return { ...empty(), expansions: c.expansions };

    const sortedCases = [...caseCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const titleOf = prep(db, 'SELECT title FROM cases WHERE id = ? AND deleted_at IS NULL').pluck();
    const cases: SearchResult['facets']['case'] = [];
    for (const [caseId, count] of sortedCases) {
      if (cases.length >= CASE_FACETS) break;
      const title = titleOf.get(caseId) as string | undefined;
      if (title !== undefined) cases.push({ caseId, title, count });
    }

    const docRow = prep(db, 'SELECT record_type, record_id FROM search_docs WHERE doc = ?');
    const hits: SearchHit[] = [];
    for (const r of ranked) {
      const ref = docRow.get(r.doc) as { record_type: SearchType; record_id: string } | undefined;
      if (!ref) continue;
      const rec = getRecord(db, ref.record_type, ref.record_id) as Record<string, unknown> | undefined;
      if (!rec) continue;
      const doc = docOf(ref.record_type, rec, extrasOf(db, ref.record_type, ref.record_id));
      hits.push({
        type: ref.record_type, id: ref.record_id, title: doc.title, score: Math.round(-r.score * 1000) / 1000 || 0,
        snippet: snippetFor(doc.fields, c.highlight),
      });
    }
    return { total, facets: { type, case: cases }, expansions: c.expansions, hits };
  });
}

export { SEARCH_TYPES };
