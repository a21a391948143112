// Keeps the FTS5 index in step with the records. Every write appends change-log rows
// (services/record.ts); before the write commits, indexPendingChanges() re-derives each record
// those rows touched, inside the write's transaction, so a record and its index rows commit or
// roll back together: the index cannot drift from the data. reindex() rebuilds it all.
// A translation change (record type 'translation') re-syncs its statement's document, which
// holds the latest text of each of the statement's translations (translations.ts).
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { getRecord } from '../db/repos/records';
import { tableOf } from '../db/tables';
import {
  casesOf, casesOfPage, contentHash, docOf, ftsRowOf, isSearchType, SEARCH_TYPES, TYPE_CODE, TYPE_SHIFT, type DocExtras, type DocSource, type FtsRow,
  type SearchType,
} from './documents';

export { ftsRowOf, type FtsRow };
import { markCasesDirty, markNamesDirty } from './runtime';
import { analyzeRows, type Analyzed } from './analyzeRows';
import { startAnalysisWorker, type AnalysisWorker } from './worker';
import { statementOfTranslation, translatedStatements, translationsFor, translationsOf } from './translations';

type Stmt = Database.Statement;
interface Stmts {
  needsRebuild: Stmt;
  docVersion: Stmt;
  setDocVersion: Stmt;
  indexedSeq: Stmt;
  setIndexedSeq: Stmt;
  pendingRows: Stmt;
  pendingRange: Stmt;
  findDoc: Stmt;
  insertDoc: Stmt;
  lastDoc: Stmt;
  updateDoc: Stmt;
  deleteDoc: Stmt;
  insertFts: Stmt;
  deleteFts: Stmt;
  termsOf: Stmt;
  deleteTerms: Stmt;
  insertTerm: Stmt;
  casesOfDoc: Stmt;
  refOf: Stmt;
  deleteCases: Stmt;
  insertCase: Stmt;
  deleteCase: Stmt;
  caseMembers: Stmt;
  caseCurrent: Stmt;
}

const stmtCache = new WeakMap<Db, Stmts>();

function stmts(db: Db): Stmts {
  let s = stmtCache.get(db);
  if (!s) {
    s = {
      needsRebuild: db.prepare("SELECT value FROM search_state WHERE key = 'needs_rebuild'").pluck(),
      docVersion: db.prepare("SELECT value FROM search_state WHERE key = 'doc_version'").pluck(),
      setDocVersion: db.prepare("INSERT OR REPLACE INTO search_state (key, value) VALUES ('doc_version', ?)"),
      indexedSeq: db.prepare("SELECT value FROM search_state WHERE key = 'indexed_seq'").pluck(),
      setIndexedSeq: db.prepare("INSERT OR REPLACE INTO search_state (key, value) VALUES ('indexed_seq', ?)"),
      pendingRows: db.prepare('SELECT seq, record_type, record_id FROM change_log WHERE seq > ? ORDER BY seq'),
      pendingRange: db.prepare('SELECT count(*) AS count, min(seq) AS first, max(seq) AS last FROM change_log WHERE seq > ?'),
      findDoc: db.prepare('SELECT doc, content_hash FROM search_docs WHERE record_type = ? AND record_id = ?'),
      // (No RETURNING: with it better-sqlite3 takes 15 times as long per row; lastInsertRowid is the doc.)
      insertDoc: db.prepare(`INSERT INTO search_docs (doc, record_type, record_id, date, sort_at, status, marking, platform, content_hash)
        VALUES (@doc, @type, @id, @date, @sortAt, @status, @marking, @platform, @hash)`),
      lastDoc: db.prepare('SELECT max(doc) FROM search_docs WHERE doc >= ? AND doc < ?').pluck(),
      updateDoc: db.prepare(`UPDATE search_docs SET date = @date, sort_at = @sortAt, status = @status, marking = @marking,
        platform = @platform, content_hash = @hash WHERE doc = @doc`),
      deleteDoc: db.prepare('DELETE FROM search_docs WHERE doc = ?'),
      insertFts: db.prepare('INSERT INTO search_fts (rowid, head, exact, stem, attrs) VALUES (?, ?, ?, ?, ?)'),
      deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
      termsOf: db.prepare('SELECT kind, value FROM search_doc_terms WHERE doc = ? ORDER BY kind, value').raw(),
      deleteTerms: db.prepare('DELETE FROM search_doc_terms WHERE doc = ?'),
      insertTerm: db.prepare('INSERT OR IGNORE INTO search_doc_terms (kind, value, doc) VALUES (?, ?, ?)'),
      casesOfDoc: db.prepare('SELECT case_id FROM search_doc_cases WHERE doc = ? ORDER BY case_id').pluck(),
      refOf: db.prepare('SELECT record_type, record_id FROM search_docs WHERE doc = ?'),
      deleteCases: db.prepare('DELETE FROM search_doc_cases WHERE doc = ?'),
      insertCase: db.prepare('INSERT OR IGNORE INTO search_doc_cases (case_id, doc) VALUES (?, ?)'),
      deleteCase: db.prepare('DELETE FROM search_doc_cases WHERE case_id = ? AND doc = ?'),
      caseMembers: db.prepare(MEMBERS_SQL).pluck(),
      caseCurrent: db.prepare('SELECT doc FROM search_doc_cases WHERE case_id = ?').pluck(),
    };
    stmtCache.set(db, s);
  }
  return s;
}

/** Every indexed record that belongs to case @id: see casesOf() for the same rule one record at a time. */
const MEMBERS_SQL = `
SELECT d.doc FROM case_items ci JOIN search_docs d ON d.record_type = ci.item_type AND d.record_id = ci.item_id WHERE ci.case_id = @id
UNION SELECT d.doc FROM case_items ci JOIN notes n ON n.target_type = ci.item_type AND n.target_id = ci.item_id
  JOIN search_docs d ON d.record_type = 'note' AND d.record_id = n.id WHERE ci.case_id = @id
UNION SELECT d.doc FROM notes n JOIN search_docs d ON d.record_type = 'note' AND d.record_id = n.id
  WHERE (n.target_type = 'case' AND n.target_id = @id) OR (n.target_type = 'event' AND n.target_id IN (SELECT id FROM events WHERE case_id = @id))
UNION SELECT doc FROM search_docs WHERE record_type = 'case' AND record_id = @id`;

export function needsRebuild(db: Db): boolean {
  return stmts(db).needsRebuild.get() !== '0';
}

/**
 * What documents hold, as a version in search_state ('doc_version'). 2: a statement's
 * document holds its translations. 3: its translation terms say which states any revision
 * holds (translation:approved) beside the latest one's (translation:latest:draft). An index
 * built before (no doc_version, or 2) is right for every record but the statements that have
 * translations: upgradeDocs() re-syncs just those (at the first write, search or check), no
 * full rebuild. A future change to what documents hold bumps this and says here how an older
 * index is brought up to date.
 */
export const DOC_VERSION = '3';

export function docsCurrent(db: Db): boolean {
  return stmts(db).docVersion.get() === DOC_VERSION;
}

/** Brings an index built by an older version up to DOC_VERSION. Call inside a write transaction. */
export function upgradeDocs(db: Db): void {
  const s = stmts(db);
  if (s.docVersion.get() === DOC_VERSION) return;
  for (const id of translatedStatements(db)) syncDoc(db, 'statement', id);
  s.setDocVersion.run(DOC_VERSION);
}

function namesChanged(type: SearchType, before: unknown[][], after: [string, string][]): boolean {
  if (type === 'actor' || type === 'case') return true;
  const pick = (xs: unknown[][]) => xs.filter((t) => t[0] === 'tag' || t[0] === 'handle').map((t) => `${String(t[0])}:${String(t[1])}`).sort().join('\n');
  return pick(before) !== pick(after);
}

function removeDoc(db: Db, s: Stmts, doc: number): void {
  s.deleteFts.run(doc);
  s.deleteTerms.run(doc);
  if (s.deleteCases.run(doc).changes) markCasesDirty(db, doc);
  s.deleteDoc.run(doc);
}

/** Makes search_doc_cases say `want` for a document; says whether it changed. */
function setCases(db: Db, s: Stmts, doc: number, want: readonly string[]): boolean {
  const have = s.casesOfDoc.all(doc) as string[];
  if (want.join('\n') === have.join('\n')) return false;
  s.deleteCases.run(doc);
  for (const c of want) s.insertCase.run(c, doc);
  markCasesDirty(db, doc);
  return true;
}

function writeFts(s: Stmts, doc: number, fts: FtsRow): void {
  s.deleteFts.run(doc);
  s.insertFts.run(doc, fts.head, fts.exact, fts.stem, fts.attrs);
}

/** What a record's document holds besides its row (docOf's extras): a statement's translations. */
export function extrasOf(db: Db, type: SearchType, id: string): DocExtras {
  return type === 'statement' ? { translations: translationsOf(db, id) } : {};
}

/** Brings one record's index rows in line with the record as it is now in the database. */
export function syncDoc(db: Db, type: SearchType, id: string): void {
  const s = stmts(db);
  const rec = getRecord(db, type, id) as Record<string, unknown> | undefined;
  const existing = s.findDoc.get(type, id) as { doc: number; content_hash: string } | undefined;
  if (!rec || rec.deletedAt) {
    if (existing) {
      removeDoc(db, s, existing.doc);
      markNamesDirty(db);
    }
    return;
  }
  const d = docOf(type, rec, extrasOf(db, type, id));
  const hash = contentHash(d);
  const cases = [...new Set(casesOf(db, type, id, rec))].sort();
  if (!existing) {
    const doc = insertDoc(s, d, hash, cases);
    setCases(db, s, doc, cases);
    markNamesDirty(db);
    return;
  }
  const doc = existing.doc;
  const casesChanged = setCases(db, s, doc, cases);
  if (existing.content_hash === hash && !casesChanged) return;
  if (existing.content_hash !== hash) {
    const before = s.termsOf.all(doc) as unknown[][];
    const { terms: _terms, ...attrs } = d.attrs;
    s.updateDoc.run({ doc, ...attrs, hash });
    s.deleteTerms.run(doc);
    for (const [k, v] of d.attrs.terms) s.insertTerm.run(k, v, doc);
    if (namesChanged(type, before, d.attrs.terms)) markNamesDirty(db);
  }
  // The FTS row holds the cases too (as filter tokens): either change rewrites it.
  writeFts(s, doc, ftsRowOf(d, cases));
}

/** Rewrites one document's FTS row from its record (its cases changed, its text did not). */
function refreshFts(db: Db, s: Stmts, doc: number): void {
  const ref = s.refOf.get(doc) as { record_type: SearchType; record_id: string } | undefined;
  if (!ref) return;
  const rec = getRecord(db, ref.record_type, ref.record_id) as Record<string, unknown> | undefined;
  if (!rec || rec.deletedAt) return;
  const d = docOf(ref.record_type, rec, extrasOf(db, ref.record_type, ref.record_id));
  writeFts(s, doc, ftsRowOf(d, s.casesOfDoc.all(doc) as string[]));
}

/** The next document number for a type (see TYPE_SHIFT). */
function nextDoc(s: Stmts, type: SearchType): number {
  const lo = TYPE_CODE[type] * TYPE_SHIFT;
  const last = s.lastDoc.get(lo, lo + TYPE_SHIFT) as number | null;
  return (last ?? lo) + 1;
}

function insertAnalyzed(s: Stmts, type: SearchType, a: Analyzed, doc: number): void {
  const { terms, ...attrs } = a.attrs;
  s.insertDoc.run({ doc, type, id: a.id, ...attrs, hash: a.hash });
  s.insertFts.run(doc, a.fts.head, a.fts.exact, a.fts.stem, a.fts.attrs);
  for (const [k, v] of terms) s.insertTerm.run(k, v, doc);
  for (const c of a.cases) s.insertCase.run(c, doc);
}

function insertDoc(s: Stmts, d: DocSource, hash: string, cases: readonly string[], doc = nextDoc(s, d.type)): number {
  const { terms, ...attrs } = d.attrs;
  s.insertDoc.run({ doc, type: d.type, id: d.id, ...attrs, hash });
  const fts = ftsRowOf(d, cases);
  s.insertFts.run(doc, fts.head, fts.exact, fts.stem, fts.attrs);
  for (const [k, v] of terms) s.insertTerm.run(k, v, doc);
  return doc;
}

/**
 * Re-derives which indexed records belong to a case (items added or removed, case trashed or
 * restored), and rewrites the FTS rows of those whose cases changed (they hold them as tokens).
 */
export function syncCaseMembers(db: Db, caseId: string): void {
  const s = stmts(db);
  const want = new Set(s.caseMembers.all({ id: caseId }) as number[]);
  const have = new Set(s.caseCurrent.all(caseId) as number[]);
  const changed: number[] = [];
  for (const doc of want) if (!have.has(doc)) { s.insertCase.run(caseId, doc); changed.push(doc); }
  for (const doc of have) if (!want.has(doc)) { s.deleteCase.run(caseId, doc); changed.push(doc); }
  for (const doc of changed) {
    markCasesDirty(db, doc);
    refreshFts(db, s, doc);
  }
}

/** The search document a change-log row touches: a translation lives in its statement's document. */
function touchedDoc(db: Db, recordType: string, recordId: string): [SearchType, string] | null {
  if (recordType === 'translation') {
    const statementId = statementOfTranslation(db, recordId);
    return statementId ? ['statement', statementId] : null;
  }
  return isSearchType(recordType) ? [recordType, recordId] : null;
}

/** The change-log position the index has taken in (search_state 'indexed_seq'). */
export function indexedSeq(db: Db): number {
  return Number(stmts(db).indexedSeq.get() ?? 0);
}

/** The change-log rows the index has not taken in yet: none once a write has committed. */
export function pendingChanges(db: Db): { count: number; first: number | null; last: number | null } {
  return stmts(db).pendingRange.get(indexedSeq(db)) as { count: number; first: number | null; last: number | null };
}

/**
 * Brings the index up to date with the change log: every row after 'indexed_seq', each
 * touched record re-derived once (from the record as it now stands, which also covers
 * restore, trash, purge and case items), then 'indexed_seq' moves to the last row. write()
 * calls it at the end of every write's transaction, so a record and its index rows commit or
 * roll back together and several changes to one record in one write are indexed once.
 * Returns how many documents it re-derived.
 */
export function indexPendingChanges(db: Db): number {
  const s = stmts(db);
  const rows = s.pendingRows.all(indexedSeq(db)) as { seq: number; record_type: string; record_id: string }[];
  if (rows.length === 0) return 0;
  const touched = new Map<string, [SearchType, string]>();
  if (!needsRebuild(db)) {
    for (const r of rows) {
      const t = touchedDoc(db, r.record_type, r.record_id);
      if (t) touched.set(`${t[0]}:${t[1]}`, t);
    }
    upgradeDocs(db);
    for (const [type, id] of touched.values()) {
      syncDoc(db, type, id);
      if (type === 'case') syncCaseMembers(db, id);
    }
  }
  // With a rebuild pending, the rebuild will read every record anyway.
  s.setIndexedSeq.run(String(rows[rows.length - 1]!.seq));
  return touched.size;
}

const PAGE = 500;
/** Below this, starting a worker costs more than it saves. */
export const WORKER_MIN_RECORDS = 5000;

/** How many records of the searchable kinds the database holds (live or not). */
export function recordCount(db: Db): number {
  return SEARCH_TYPES.reduce((n, t) => n + (db.prepare(`SELECT count(*) FROM ${tableOf(t).table}`).pluck().get() as number), 0);
}

/**
 * What a long index operation (reindex, check) takes besides its options: `onProgress` hears
 * how many of about `total` records are done (at each page, and once at the end), and may
 * throw to stop the operation; `signal` stops it at the next page (throwing its reason). A
 * stopped rebuild rolls back: the index is as it was.
 */
export interface LongRun {
  onProgress?: (done: number, total: number, phase: string) => void;
  signal?: AbortSignal;
}

/**
 * Analyses every live record of a type, page by page, handing each analysed page to
 * `onPage` in record order. Up to two pages are with the worker while `onPage` runs on
 * the page before. Returns the worker, or null once it has failed (then work is done here).
 */
export function analyzeLive(
  db: Db, type: SearchType, worker: AnalysisWorker | null, onPage: (page: Analyzed[]) => void, opts: { share?: boolean; signal?: AbortSignal } = {},
): AnalysisWorker | null {
  const page = db.prepare(`SELECT rowid AS _r, * FROM ${tableOf(type).table} WHERE deleted_at IS NULL AND rowid > ? ORDER BY rowid LIMIT ${PAGE}`);
  let after = 0;
  const read = (): Record<string, unknown>[] | null => {
    opts.signal?.throwIfAborted();
    const rows = page.all(after) as Record<string, unknown>[];
    if (rows.length === 0) return null;
    after = rows[rows.length - 1]?._r as number;
    const ids = rows.map((r) => r.id as string);
    if (type === 'statement') {
      // A statement's translations come along with its row (see analyzeRows.ts): one query a page.
      const tr = translationsFor(db, ids);
      if (tr.size) for (const r of rows) r._translations = tr.get(r.id as string);
    }
    const cases = casesOfPage(db, type, ids);
    if (cases.size) for (const r of rows) r._cases = cases.get(r.id as string);
    return rows;
  };
  if (opts.share && worker) {
    // The caller has little to do with each page (a check): analyse every other page here
    // while the worker does the one before it.
    for (;;) {
      const a = read();
      if (!a) break;
      worker?.submit(type, a);
      const b = read();
      const mine = b ? analyzeRows(type, b) : null;
      let theirs = worker ? worker.take() : null;
      if (!theirs) {
        if (worker) { worker.close(); worker = null; }
        theirs = analyzeRows(type, a);
      }
      onPage(theirs);
      if (mine) onPage(mine);
      if (!b) break;
    }
    return worker;
  }
  const inFlight: Record<string, unknown>[][] = [];
  const fill = () => {
    while (inFlight.length < 2) {
      const rows = read();
      if (!rows) return;
      inFlight.push(rows);
      worker?.submit(type, rows);
    }
  };
  fill();
  while (inFlight.length) {
    const rows = inFlight.shift() as Record<string, unknown>[];
    let done = worker ? worker.take() : null;
    if (!done) {
      if (worker) {
        // The worker failed: do everything here from now on.
        worker.close();
        worker = null;
      }
      done = analyzeRows(type, rows);
    }
    onPage(done);
    fill();
  }
  return worker;
}
const REBUILD_CACHE_KIB = 128 * 1024;
/**
 * How much FTS5 gathers in memory before it writes a segment during a rebuild: fewer, larger
 * segments are quicker to write and to merge. (The setting stays with the table: it does not
 * matter to a save, which writes its segment at its commit anyway.)
 */
const REBUILD_HASH_BYTES = 64 * 1024 * 1024;
/** FTS5's own defaults, set again after a rebuild turned merging off. */
const AUTOMERGE = 4;
const CRISISMERGE = 16;
const USERMERGE = 4;
/** How many levels up the rebuilt index is put (see settleHigh): 4^12 saves before a merge could reach it. */
const LIFT = 6;

/** Sets an FTS5 option (a literal: bound, a number would arrive as a REAL, which FTS5 refuses). */
function ftsOption(db: Db, name: string, value: number): void {
  db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('${name}', ${Math.trunc(value)})`);
}

/**
 * FTS5 keeps its index as segments on levels: each save writes a small segment on level 0,
 * and when a level holds enough segments they are merged into one on the next. A rebuild
 * writes the whole index as one segment, and FTS5 leaves it on level 0 or 1, right beside the
 * saves' segments: within a few dozen saves a merge takes it in, and that save rewrites the
 * whole index (0.7 s at 10,000 statements, 3.4 s at 100,000). Put on a high level instead,
 * with empty levels under it, the small segments only ever merge among themselves (it would
 * take millions of saves for a merge to climb up to it).
 *
 * FTS5 puts the result of `optimize` one level above the highest level in use, so before the
 * rebuild writes anything this raises a small placeholder segment LIFT times (each time with
 * `optimize` over it and one more tiny row, two levels up). And since FTS5 would pull that
 * placeholder back down beside the first larger segment the rebuild writes, it holds an
 * unfinished merge of two more placeholders on level 0, which stops FTS5 moving segments
 * between levels. The placeholders' tokens start with `·`, which no query ever asks for; their
 * rows (negative row ids, no record) are deleted once the real index has been optimized into
 * one segment up there (reindexDb does it). Everything here
 * is FTS5's public commands: were FTS5 to place segments differently, a save would merge
 * sooner again, nothing worse.
 */
function settleHigh(db: Db): number[] {
  const rows: number[] = [];
  const placeholder = (text: string) => {
    const rowid = -(rows.length + 1);
    rows.push(rowid);
    db.prepare("INSERT INTO search_fts (rowid, head, exact, stem, attrs) VALUES (?, '', '', '', ?)").run(rowid, text);
  };
  const tokens = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `·${tag}${i.toString(36)}`).join(' ');
  placeholder(tokens(3000, 'h'));
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  for (let i = 0; i < LIFT; i++) {
    placeholder('··');
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  }
  // Two smaller segments on level 0 (a savepoint makes FTS5 write what it holds), and a merge
  // of them begun with a budget of one page, so it stays unfinished.
  for (const tag of ['a', 'b']) {
    placeholder(tokens(800, tag));
    db.exec('SAVEPOINT casefile_fts_flush; RELEASE casefile_fts_flush');
  }
  ftsOption(db, 'usermerge', 2);
  ftsOption(db, 'merge', 1);
  return rows;
}

/**
 * What a rebuild took: in all, and of that, writing the analysed pages into the tables (FTS5's
 * own tokenizing and segment writing, on this thread) and the final `optimize`. The rest is
 * reading the records and waiting for their analysis.
 */
export interface ReindexResult { ms: number; documents: number; worker: boolean; writeMs: number; optimizeMs: number }

export function reindexDb(db: Db, opts: { worker?: boolean } & LongRun = {}): ReindexResult {
  const t0 = performance.now();
  let documents = 0;
  let writeMs = 0;
  let optimizeMs = 0;
  const total = recordCount(db);
  let worker = (opts.worker ?? total >= WORKER_MIN_RECORDS) ? startAnalysisWorker() : null;
  const started = worker !== null;
  const progress = (phase: string, done: number, all: number) => {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(done, all, phase);
  };
  const rebuild = db.transaction(() => {
    progress('reindex', 0, total);
    // Recreating the FTS table is far quicker than deleting its rows one by one.
    const ddl = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'search_fts'").pluck().get() as string;
    db.exec('DROP TABLE search_fts');
    db.exec(ddl);
    ftsOption(db, 'automerge', 0);
    ftsOption(db, 'crisismerge', 2000);
    const placeholders = settleHigh(db);
    ftsOption(db, 'hashsize', REBUILD_HASH_BYTES);
    db.exec('DELETE FROM search_docs; DELETE FROM search_doc_cases; DELETE FROM search_doc_terms;');
    stmtCache.delete(db);
    const s = stmts(db);
    for (const type of SEARCH_TYPES) {
      let doc = TYPE_CODE[type] * TYPE_SHIFT;
      worker = analyzeLive(db, type, worker, (page) => {
        const w0 = performance.now();
        for (const a of page) {
          insertAnalyzed(s, type, a, ++doc);
          documents++;
        }
        writeMs += performance.now() - w0;
        progress('reindex', documents, Math.max(total, documents));
      }, { signal: opts.signal });
    }
    progress('optimize', documents, documents);
    const o0 = performance.now();
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    optimizeMs = performance.now() - o0;
    for (const rowid of placeholders) s.deleteFts.run(rowid);
    ftsOption(db, 'automerge', AUTOMERGE);
    ftsOption(db, 'crisismerge', CRISISMERGE);
    ftsOption(db, 'usermerge', USERMERGE);
    db.prepare("INSERT OR REPLACE INTO search_state (key, value) VALUES ('needs_rebuild', '0')").run();
    s.setDocVersion.run(DOC_VERSION);
    // The rebuild read every record as it stands: the index has taken in the whole change log.
    s.setIndexedSeq.run(String(db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get()));
  });
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
  try {
    rebuild.immediate();
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
    (worker as AnalysisWorker | null)?.close();
    // Also after a rollback: the statements prepared inside it may name the dropped table.
    stmtCache.delete(db);
  }
  markNamesDirty(db);
  markCasesDirty(db);
  return { ms: Math.round(performance.now() - t0), documents, worker: started && worker !== null, writeMs: Math.round(writeMs), optimizeMs: Math.round(optimizeMs) };
}

/** casesOf() for every indexed record at once: (case_id, doc) pairs. */
export const EXPECTED_CASES_SQL = `
  SELECT ci.case_id AS case_id, d.doc AS doc FROM case_items ci JOIN search_docs d ON d.record_type = ci.item_type AND d.record_id = ci.item_id
  UNION SELECT record_id, doc FROM search_docs WHERE record_type = 'case'
  UNION SELECT ci.case_id, d.doc FROM notes n JOIN case_items ci ON ci.item_type = n.target_type AND ci.item_id = n.target_id
    JOIN search_docs d ON d.record_type = 'note' AND d.record_id = n.id
  UNION SELECT n.target_id, d.doc FROM notes n JOIN search_docs d ON d.record_type = 'note' AND d.record_id = n.id WHERE n.target_type = 'case'
  UNION SELECT e.case_id, d.doc FROM notes n JOIN events e ON n.target_type = 'event' AND e.id = n.target_id
    JOIN search_docs d ON d.record_type = 'note' AND d.record_id = n.id`;

/** Builds the index if it has never been built (a new or just-migrated database), or brings an older one up to date. */
export function ensureIndex(db: Db): void {
  if (needsRebuild(db)) reindexDb(db);
  else if (!docsCurrent(db)) db.transaction(() => upgradeDocs(db)).immediate();
}
