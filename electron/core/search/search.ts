// search.query: parse, expand aliases, compile, run on FTS5, then hydrate the page of hits
// from the record tables (never from the index) and cut their snippets.
import type { Db } from '../db/open';
import { rowToRecord, tableOf } from '../db/tables';
import { CoreError } from '../errors';
import { actorResolver, caseResolver, compile, quote } from './compile';
import { docOf, SEARCH_TYPES, type SearchType } from './documents';
import { ensureIndex } from './indexer';
import { parseQuery, type Filter } from './query';
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

function empty(): SearchResult {
  return { total: 0, facets: { type: {}, case: [] }, expansions: [], hits: [] };
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

export function search(db: Db, q: string, opts: SearchOptions = {}): SearchResult {
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 500));
  const offset = Math.max(0, opts.offset ?? 0);
  const ast = parseQuery(q);
  if (opts.types?.length) ast.filters.push({ key: 'type', values: [...opts.types], negated: false, pos: 0 } satisfies Filter);
  if (ast.clauses.length === 0 && ast.filters.length === 0) return empty();
  ensureIndex(db);

  const docCount = db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  const rareBelow = Math.max(25, Math.ceil(docCount * 0.002));
  const countUpTo = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ${rareBelow})`).pluck();
  const isRare = (w: string) => (countUpTo.get(`{head exact} : ${quote(w)}`) as number) < rareBelow;

  const c = compile(db, ast, {
    expandAliases: opts.expandAliases ?? true, isRare, resolver: { caseIds: caseResolver(db), actorIds: actorResolver(db) },
  });
  const filters = c.where.length ? c.where.join(' AND ') : '1';
  let from: string;
  let params: unknown[];
  let score: string;
  let order: string;
  if (c.match) {
    from = `search_fts JOIN search_docs d ON d.doc = search_fts.rowid WHERE search_fts MATCH ? AND ${filters}`;
    params = [c.match, ...c.params];
    score = BM25;
    // bm25 decides; among (nearly) equal scores the more recent record comes first.
    order = 'round(score, 2), d.sort_at DESC, d.doc';
  } else {
    from = `search_docs d WHERE ${filters}`;
    params = [...c.params];
    if (c.exclude) {
      from += ' AND d.doc NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)';
      params.push(c.exclude);
    }
    score = '0.0';
    order = 'd.sort_at DESC, d.doc';
  }

  return sqliteSafe(() => {
    const facetRows = db.prepare(`
      WITH m AS MATERIALIZED (SELECT d.doc AS doc, d.record_type AS t FROM ${from})
      SELECT 'type' AS k, t AS v, count(*) AS n FROM m GROUP BY t
      UNION ALL
      SELECT 'case', sc.case_id, count(*) FROM m JOIN search_doc_cases sc ON sc.doc = m.doc GROUP BY sc.case_id`)
      .all(...params) as { k: string; v: string; n: number }[];
    const type: Record<string, number> = {};
    let total = 0;
    const caseCounts: { caseId: string; count: number }[] = [];
    for (const r of facetRows) {
      if (r.k === 'type') { type[r.v] = r.n; total += r.n; } else caseCounts.push({ caseId: r.v, count: r.n });
    }
    if (total === 0) return { ...empty(), expansions: c.expansions };

    caseCounts.sort((a, b) => b.count - a.count || a.caseId.localeCompare(b.caseId));
    const titleOf = db.prepare('SELECT title FROM cases WHERE id = ? AND deleted_at IS NULL').pluck();
    const cases: SearchResult['facets']['case'] = [];
    for (const cc of caseCounts) {
      if (cases.length >= CASE_FACETS) break;
      const title = titleOf.get(cc.caseId) as string | undefined;
      if (title !== undefined) cases.push({ ...cc, title });
    }

    const rows = db.prepare(`SELECT d.record_type AS type, d.record_id AS id, ${score} AS score FROM ${from} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as { type: SearchType; id: string; score: number }[];
    const hits: SearchHit[] = [];
    for (const r of rows) {
      const def = tableOf(r.type);
      const row = db.prepare(`SELECT * FROM ${def.table} WHERE id = ?`).get(r.id) as Record<string, unknown> | undefined;
      if (!row) continue;
      const doc = docOf(r.type, rowToRecord(def, row));
      hits.push({ type: r.type, id: r.id, title: doc.title, score: Math.round(-r.score * 1000) / 1000, snippet: snippetFor(doc.fields, c.highlight) });
    }
    return { total, facets: { type, case: cases }, expansions: c.expansions, hits };
  });
}

export { SEARCH_TYPES };
