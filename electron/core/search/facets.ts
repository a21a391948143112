// Case facets without a join per hit: which cases each document belongs to, held in typed
// arrays indexed by the document's sequence within its type (a document number is type code
// × 2^40 + sequence, documents.ts), so counting the cases of 10,000 hits is a loop over
// numbers (about a millisecond) instead of 10,000 index probes. The map is read from
// search_doc_cases at its first use, patched document by document after a change made through
// this connection (runtime.ts markCasesDirty), and read anew after a write by another
// connection (PRAGMA data_version).
import type { Db } from '../db/open';
import { TYPE_SHIFT } from './documents';
import { runtime } from './runtime';

interface CaseMap {
  ids: string[];
  index: Map<string, number>;
  /**
   * Per type code, sequence → 0 (no case), n > 0 (the case ids[n - 1]), or n < 0 (the cases
   * listed in multi[-n - 1]).
   */
  byType: Int32Array[];
  multi: number[][];
  dataVersion: number;
}

function slot(map: CaseMap, doc: number): { arr: Int32Array; seq: number; code: number } {
  const code = Math.floor(doc / TYPE_SHIFT);
  const seq = doc - code * TYPE_SHIFT;
  let arr = map.byType[code] ?? new Int32Array(0);
  if (seq >= arr.length) {
    const grown = new Int32Array(Math.max(seq + 1, Math.ceil(arr.length * 1.5), 1024));
    grown.set(arr);
    arr = grown;
    map.byType[code] = arr;
  }
  return { arr, seq, code };
}

function caseIndex(map: CaseMap, caseId: string): number {
  let i = map.index.get(caseId);
  if (i === undefined) {
    i = map.ids.length;
    map.ids.push(caseId);
    map.index.set(caseId, i);
  }
  return i;
}

function addCase(map: CaseMap, doc: number, caseId: string): void {
  const { arr, seq } = slot(map, doc);
  const c = caseIndex(map, caseId);
  const v = arr[seq] as number;
  if (v === 0) arr[seq] = c + 1;
  else if (v > 0) {
    if (v - 1 === c) return;
    map.multi.push([v - 1, c]);
    arr[seq] = -map.multi.length;
  } else {
    const list = map.multi[-v - 1] as number[];
    if (!list.includes(c)) list.push(c);
  }
}

function load(db: Db): CaseMap {
  const map: CaseMap = { ids: [], index: new Map(), byType: [], multi: [], dataVersion: db.pragma('data_version', { simple: true }) as number };
  // One row per case with its documents as text: far fewer values cross into JavaScript than
  // one row per (case, document) pair.
  for (const [caseId, docs] of db.prepare('SELECT case_id, group_concat(doc) FROM search_doc_cases GROUP BY case_id').raw().iterate() as Iterable<[string, string]>) {
    for (const d of docs.split(',')) addCase(map, Number(d), caseId);
  }
  return map;
}

/** The case map, brought up to date first. */
function caseMap(db: Db): CaseMap {
  const rt = runtime(db);
  let map = rt.caseMap as CaseMap | null;
  const dv = db.pragma('data_version', { simple: true }) as number;
  if (!map || rt.casesDirty === 'all' || map.dataVersion !== dv) {
    map = load(db);
    rt.caseMap = map;
    rt.casesDirty = new Set();
    return map;
  }
  if (rt.casesDirty.size) {
    const casesOf = db.prepare('SELECT case_id FROM search_doc_cases WHERE doc = ?').pluck();
    for (const doc of rt.casesDirty) {
      const { arr, seq } = slot(map, doc);
      arr[seq] = 0;
      for (const c of casesOf.all(doc) as string[]) addCase(map, doc, c);
    }
    rt.casesDirty.clear();
  }
  return map;
}

/** Below this many hits, counting in SQL is about as quick as the map, and needs no map read. */
const SQL_BELOW = 1500;

/** Whether the map can be used without reading it all (again). */
function mapReady(db: Db): boolean {
  const rt = runtime(db);
  const map = rt.caseMap as CaseMap | null;
  return !!map && rt.casesDirty !== 'all' && map.dataVersion === (db.pragma('data_version', { simple: true }) as number);
}

/**
 * How many of these documents each case holds, most first. A few hits are counted in SQL
 * while the map is not in memory (the first queries after opening a large archive, so the
 * first answer does not wait for the map), more with the map.
 */
export function countCases(db: Db, docs: readonly number[]): [string, number][] {
  if (docs.length <= SQL_BELOW && !mapReady(db)) {
    const rows = db.prepare(`SELECT case_id, count(*) FROM search_doc_cases WHERE doc IN (SELECT value FROM json_each(?))
      GROUP BY case_id ORDER BY 2 DESC, 1`).raw().all(JSON.stringify(docs)) as [string, number][];
    return rows;
  }
  const map = caseMap(db);
  const counts = new Int32Array(map.ids.length);
  const add = (c: number) => { counts[c] = (counts[c] as number) + 1; };
  for (const doc of docs) {
    const code = Math.floor(doc / TYPE_SHIFT);
    const arr = map.byType[code];
    const seq = doc - code * TYPE_SHIFT;
    if (!arr || seq >= arr.length) continue;
    const v = arr[seq] as number;
    if (v > 0) add(v - 1);
    else if (v < 0) for (const c of map.multi[-v - 1] as number[]) add(c);
  }
  const out: [string, number][] = [];
  counts.forEach((n, c) => { if (n > 0) out.push([map.ids[c] as string, n]); });
  return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
