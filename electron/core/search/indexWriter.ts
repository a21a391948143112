// Keeps the FTS5 index in step with the records. Every write appends change-log rows
// (services/record.ts); before the write commits, indexPendingChanges() re-derives each record
// those rows touched, inside the write's transaction, so a record and its index rows commit or
// roll back together: the index cannot drift from the data. reindex() rebuilds it all.
// A translation change (record type 'translation') re-syncs its statement's document, which
// holds the latest text of each of the statement's translations (translations.ts).
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { withWriteLock } from '../db/lock';
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
import { ownerOfAttachment, pagesFor, pagesOf, recordsWithPages } from './pages';

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
 * full rebuild. 4: a source's or statement's document holds the text of its saved pages
 * (search/pages.ts); an older index is right for every record but those with pages, re-synced
 * the same way. 5: the pivots (mention:, quran:, url:) are filter tokens: statements with a
 * handle, mentions, Quran references, a URL or links, sources with a URL and actors with a handle
 * alias are re-synced (pivotRecords). A future change to what documents hold bumps this and
 * says here how an older index is brought up to date.
 */
export const DOC_VERSION = '5';

/** The records whose documents version 5 changed (see DOC_VERSION). */
function pivotRecords(db: Db): [SearchType, string][] {
  const ids = (sql: string) => db.prepare(sql).pluck().all() as string[];
  return [
    ...ids(`SELECT id FROM statements WHERE deleted_at IS NULL AND (handle IS NOT NULL OR url IS NOT NULL
      OR mentions <> '[]' OR scripture_refs <> '[]' OR links <> '[]')`).map((id): [SearchType, string] => ['statement', id]),
    ...ids('SELECT id FROM sources WHERE deleted_at IS NULL AND url IS NOT NULL').map((id): [SearchType, string] => ['source', id]),
    ...ids(`SELECT id FROM actors WHERE deleted_at IS NULL AND aliases LIKE '%"handle"%'`).map((id): [SearchType, string] => ['actor', id]),
  ];
}

export function docsCurrent(db: Db): boolean {
  return stmts(db).docVersion.get() === DOC_VERSION;
}

/** Brings an index built by an older version up to DOC_VERSION. Call inside a write transaction. */
export function upgradeDocs(db: Db): void {
  const s = stmts(db);
  const was = s.docVersion.get() as string | undefined;
  if (was === DOC_VERSION) return;
  const from = was === undefined ? 0 : Number(was);
  if (from < 3) for (const id of translatedStatements(db)) syncDoc(db, 'statement', id);
  if (from < 4) for (const [type, id] of recordsWithPages(db)) syncDoc(db, type, id);
  // A handle was a term before version 5 but not a filter token: the hash alone would not show
  // the change, so these documents are written again whatever their hash says.
  const forget = db.prepare("UPDATE search_docs SET content_hash = '' WHERE record_type = ? AND record_id = ?");
  for (const [type, id] of pivotRecords(db)) {
    forget.run(type, id);
    syncDoc(db, type, id);
  }
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

/** What a record's document holds besides its row (docOf's extras): a statement's translations, a source's or statement's saved pages. */
export function extrasOf(db: Db, type: SearchType, id: string): DocExtras {
  const pages = pagesOf(db, type, id);
  return { ...(type === 'statement' ? { translations: translationsOf(db, id) } : {}), ...(pages.length ? { pages } : {}) };
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

function insertAnalyzed(s: Pick<Stmts, 'insertDoc' | 'insertFts' | 'insertTerm' | 'insertCase'>, type: SearchType, a: Analyzed, doc: number): void {
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

/** The search document a change-log row touches: a translation lives in its statement's document, a saved page in its owner's. */
function touchedDoc(db: Db, recordType: string, recordId: string): [SearchType, string] | null {
  if (recordType === 'translation') {
    const statementId = statementOfTranslation(db, recordId);
    return statementId ? ['statement', statementId] : null;
  }
  if (recordType === 'attachment') return ownerOfAttachment(db, recordId);
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
    const pages = pagesFor(db, type, ids);
    if (pages.size) for (const r of rows) r._pages = pages.get(r.id as string);
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
/** The rebuild checkpoints the log after this many of its transactions (see reindexDb). */
const REBUILD_CHECKPOINT_EVERY = 24;

/** How long one transaction of a rebuild may hold the write lock, and how long it then leaves it free. */
const SLICE_MS = 100;
const GAP_MS = 20;
/** What one step of settling the rebuilt index aims at (FTS5's merge is sized in pages, not time). */
const SETTLE_STEP_MS = 60;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** The index's own tables: a rebuild fills copies of them beside the live ones, then swaps them in. */
const INDEX_TABLES = ['search_fts', 'search_docs', 'search_doc_cases', 'search_doc_terms'] as const;
/** The copies a rebuild fills, and the old tables the swap renames aside (dropped in steps after it). */
const NEXT = '_rebuild';
const OLD = '_retired';
/** What one step of dropping a table aims at. */
const DROP_STEP_MS = 40;

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The CREATE statement of a table under another name (the name is the first identifier after TABLE). */
function renamedTable(sql: string, from: string, to: string): string {
  const m = /^(CREATE\s+(?:VIRTUAL\s+)?TABLE\s+)("?)([A-Za-z_][\w]*)\2/i.exec(sql);
  if (!m || m[3] !== from) throw new Error(`Unexpected definition of ${from}: ${sql.slice(0, 80)}`);
  return `${m[1]}${quoteName(to)}${sql.slice(m[0].length)}`;
}

/**
 * A secondary index's CREATE statement for the copy of its table: under the other name of its
 * pair (`x` and `x_alt`), because the live table's index holds its name until the old table is
 * dropped, after the swap, and SQLite cannot rename an index. Each rebuild so flips the names
 * (a migration that drops one of these indexes must drop it under either name).
 */
function copiedIndex(sql: string, table: string): string {
  const m = /^CREATE\s+(UNIQUE\s+)?INDEX\s+("?)([A-Za-z_][\w]*)\2\s+ON\s+("?)([A-Za-z_][\w]*)\4\s*\(/i.exec(sql);
  if (!m || m[5] !== table) throw new Error(`Unexpected definition of an index on ${table}: ${sql.slice(0, 80)}`);
  const name = m[3] as string;
  const other = name.endsWith(INDEX_ALT) ? name.slice(0, -INDEX_ALT.length) : name + INDEX_ALT;
  return `CREATE ${m[1] ?? ''}INDEX ${quoteName(other)} ON ${quoteName(table + NEXT)} (${sql.slice(m[0].length)}`;
}
const INDEX_ALT = '_alt';

/** The index tables left with `suffix` in the database (by a rebuild that was stopped, or one whose drop did not finish). */
function leftoverTables(db: Db, suffix: string): string[] {
  const names = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  return INDEX_TABLES.map((t) => t + suffix).filter((t) => names.has(t));
}

/**
 * Drops one table in steps that each hold the write lock about DROP_STEP_MS. A DROP TABLE frees
 * every page of the table in one transaction: for the FTS5 table that is most of the index
 * (about 1.5 s at 100,000 records), so the rows of its `_data` shadow table, which hold its
 * pages, are deleted a batch at a time first (only the unsafe mode may touch a shadow table:
 * this one is never read again), then the rest is dropped. The other tables drop in one step
 * each (tens of ms at 100,000 records; deleting their rows first would cost ten times as much).
 * Any step may be the last before a crash: whatever is left is a table nothing reads, dropped
 * on the next open or rebuild.
 */
function dropInSteps(db: Db, table: string, step: (work: () => void) => number, between: () => void): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck();
  const isFts = /VIRTUAL\s+TABLE/i.test((db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string | undefined) ?? '');
  if (isFts) {
    const pages = quoteName(`${table}_data`);
    let rows = 1000;
    for (;;) {
      let deleted = 0;
      let gone = false;
      const ms = step(() => {
        // Another connection dropping the same leftovers (an open beside a rebuild) may have got there first.
        if (!exists.get(table)) { gone = true; return; }
        db.unsafeMode(true);
        try {
          deleted = db.prepare(`DELETE FROM ${pages} WHERE id IN (SELECT id FROM ${pages} ORDER BY id LIMIT ${rows})`).run().changes;
        } finally {
          db.unsafeMode(false);
        }
      });
      if (gone) return;
      if (deleted < rows) break;
      rows = Math.max(100, Math.min(100_000, Math.round(rows * Math.min(2, DROP_STEP_MS / Math.max(1, ms)))));
      between();
    }
  }
  step(() => db.exec(`DROP TABLE IF EXISTS ${quoteName(table)}`));
}

/**
 * Drops the old index a rebuild renamed aside at its swap and was stopped (killed, a power
 * cut) before dropping, in short steps (dropInSteps). Not the copies of a rebuild stopped
 * before its swap: a rebuild under way in another Casefile may be filling them, so only the
 * next rebuild drops those. Returns how many tables it dropped.
 */
export function dropLeftovers(db: Db): number {
  const tables = leftoverTables(db, OLD);
  for (const t of tables) dropInSteps(db, t, (work) => lockedStep(db, work), () => undefined);
  return tables.length;
}

/** One short step of cleanup as its own transaction, leaving the lock free a moment after it; says how long it held the lock. */
function lockedStep(db: Db, work: () => void): number {
  pause(GAP_MS);
  return withWriteLock(() => {
    const s0 = performance.now();
    db.transaction(work).immediate();
    return performance.now() - s0;
  });
}

/**
 * FTS5 keeps its index as segments on levels: each save writes a small segment on level 0,
 * and once a level holds 4 segments (automerge) they are merged into one on the next. Where
 * the rebuilt index ends up decides when the saves after the rebuild reach it: on level 1 or 4
 * a few dozen or a few thousand saves later one save merges it in and rewrites the whole index
 * (0.7 s at 10,000 statements, 3.4 s at 100,000). High up, with empty levels under it, it
 * would take millions of saves.
 *
 * FTS5 never lowers its count of levels, and merging segments that sit on different levels
 * puts the result one level above that count. So before the rebuild writes anything, liftLevels
 * raises the empty copy's count of levels with a few tiny placeholder rows (each `optimize`
 * over a placeholder and one more row, two levels up: milliseconds); settleIndex then merges
 * the rebuilt index from several levels into one segment at the top. The placeholders' tokens
 * start with `·`, which no query ever asks for, and their rows (negative row ids, no record)
 * are deleted once the index is settled.
 *
 * LIFT 3 puts the settled index on level 7 or higher: some 50,000 saves before their merges could
 * reach it. Not higher: FTS5's automerge, which keeps the copy in few segments while it is
 * filled, merges 64 pages per level for every 64 pages written, so each level more makes the
 * merges inside the fill's transactions longer (at 6, up to twice as long at 10,000 statements).
 *
 * Everything here is FTS5's public commands, plus a
 * read of its structure record (ftsLevels) to see which levels hold segments: were FTS5 to
 * place segments differently, or write that record in a form ftsLevels does not read, a save
 * would merge the index in sooner, nothing worse.
 */
const LIFT = 3;

/** Placeholder rows in an FTS table: negative row ids -1, -2, … (after `used` earlier ones), no record. */
function placeholders(db: Db, table: string, used = 0) {
  const insert = db.prepare(`INSERT INTO ${quoteName(table)} (rowid, head, exact, stem, attrs) VALUES (?, '', '', '', ?)`);
  const remove = db.prepare(`DELETE FROM ${quoteName(table)} WHERE rowid = ?`);
  let count = used;
  return {
    add(text = '··'): void {
      insert.run(-++count, text);
    },
    /** Deletes every placeholder, by id (a contentless table keeps no list of its rows). */
    removeAll(): void {
      for (let r = 1; r <= count; r++) remove.run(-r);
    },
    get count(): number { return count; },
  };
}

function liftLevels(db: Db, table: string): number {
  const ph = placeholders(db, table);
  const optimize = () => db.exec(`INSERT INTO ${quoteName(table)} (${quoteName(table)}) VALUES ('optimize')`);
  // The first placeholder is larger than the others (a few pages), so that FTS5 does not pull
  // it back down beside each tiny one as it writes it (it moves smaller segments down a level).
  ph.add(Array.from({ length: 3000 }, (_, i) => `·h${i.toString(36)}`).join(' '));
  optimize();
  for (let i = 0; i < LIFT; i++) {
    ph.add();
    optimize();
  }
  return ph.count;
}

/**
 * How many segments each level of an FTS5 index holds, from its structure record (rowid 10
 * of `<table>_data`, documented in SQLite's fts5_index.c), or null if the record is not in a
 * form this reads. Only settleIndex looks at it, to decide where the index will land.
 */
export function ftsLevels(db: Db, table = 'search_fts'): number[] | null {
  const b = db.prepare(`SELECT block FROM ${quoteName(`${table}_data`)} WHERE id = 10`).pluck().get() as Buffer | undefined;
  if (!b || b.length < 8) return null;
  let i = 4; // the configuration cookie
  const v2 = b[4] === 0xff && b[5] === 0 && b[6] === 0 && b[7] === 1;
  if (v2) i = 8;
  const varint = (): number => {
    let v = 0;
    for (let k = 0; k < 9; k++) {
      if (i >= b.length) throw new RangeError('structure record ends early');
      const c = b[i++] as number;
      if (k === 8) return v * 256 + c;
      v = v * 128 + (c & 0x7f);
      if (!(c & 0x80)) return v;
    }
    return v;
  };
  try {
    const nLevel = varint();
    const nSegment = varint();
    varint(); // write counter
    const levels: number[] = [];
    for (let l = 0; l < nLevel; l++) {
      varint(); // segments being merged
      const n = varint();
      for (let s = 0; s < n * (v2 ? 8 : 3); s++) varint();
      levels.push(n);
    }
    return levels.reduce((a, n) => a + n, 0) === nSegment && i === b.length ? levels : null;
  } catch {
    return null;
  }
}

/**
 * Merges the freshly swapped-in index into one segment on its top level, in steps that each
 * hold the write lock well under SLICE_MS: FTS5's incremental merge ('merge' -N once, then +N
 * until a step changes fewer than 2 rows, as the FTS5 documentation says). `step` runs each
 * step as a transaction and says how long it held the lock; `between` runs after it. Returns false if `between` threw (a cancel):
 * the index is then valid, in more segments (later saves merge them a little at a time).
 */
function settleIndex(db: Db, ph: ReturnType<typeof placeholders>, step: (work: () => void) => number, between: (done: number, total: number) => void): boolean {
  const total = Math.max(1, db.prepare('SELECT count(*) FROM search_fts_data').pluck().get() as number);
  const changes = db.prepare('SELECT total_changes()').pluck();
  let pages = 500;
  let done = 0;
  const mergeAll = (): boolean => {
    for (let first = true; ; first = false) {
      let changed = 0;
      const ms = step(() => {
        const c0 = changes.get() as number;
        db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ${first ? -pages : pages})`);
        changed = (changes.get() as number) - c0;
      });
      if (changed < 2) return true;
      done = Math.min(total - 1, done + pages);
      // The next step sized to take about SETTLE_STEP_MS, commit included, at the pace of this one
      // (growing at most twice: merges of long lists are slower per page).
      pages = Math.max(16, Math.min(100_000, Math.round(pages * Math.min(2, SETTLE_STEP_MS / Math.max(1, ms)))));
      try {
        between(done, total);
      } catch {
        return false;
      }
    }
  };
  const levels = ftsLevels(db);
  const inUse = levels ? levels.flatMap((n, level) => (n > 0 ? [level] : [])) : [];
  // Merging segments that all sit on one level puts the result only one level up: give the
  // merge a segment on another level (a placeholder's, written on level 0 at its commit).
  if (inUse.length === 1) {
    if (inUse[0] === 0) {
      // Everything is on level 0 (a small desk, a few transactions' worth): up one level first.
      step(() => ph.add());
      if (!mergeAll()) return false;
    }
    step(() => ph.add());
  }
  return mergeAll();
}

export interface ReindexOptions extends LongRun {
  worker?: boolean;
  /** Runs between the rebuild's transactions, while it holds no lock (tests write from another connection here). */
  betweenChunks?: () => void;
  /** At most this many records per transaction (default: as many as fit the time slice). */
  sliceRecords?: number;
}

/**
 * What a rebuild took: in all, and of that, writing the analysed pages into the tables (FTS5's
 * own tokenizing and segment writing, on this thread) and settling the index after the swap;
 * the longest any of its transactions held the write lock; and whether the settling ran to
 * its end (a cancel after the swap stops it, keeping the rebuilt index).
 */
export interface ReindexResult {
  ms: number; documents: number; worker: boolean; writeMs: number; settleMs: number; settled: boolean;
  /** Dropping the old index after the swap. */
  dropMs: number;
  /**
   * The processor time of the swap, its commit included: on a loaded machine its hold (lockMs)
   * is mostly waiting for a core. (The process's time: the analysis worker has stopped by then.)
   */
  swapCpuMs: number;
  /** The longest write-lock hold of each stage: making the copies, filling them, the swap, a step dropping old tables, a settling step. */
  lockMs: Record<LockStage, number>;
}
type LockStage = 'prepare' | 'fill' | 'swap' | 'drop' | 'settle';

/**
 * Rebuilds every index row from the records without holding the write lock for more than a
 * page of records at a time, so another Casefile on the same data folder (the app while the
 * CLI reindexes) can keep writing. The new index is filled beside the live one, a page per
 * transaction; records are read and analysed outside any transaction (a worker thread
 * shares the folding and stemming when there is enough to do, or when `opts.worker` says
 * so). One short transaction swaps the new tables in and replays the change log from where
 * the rebuild started, so a record written meanwhile (before or after its page was read) is
 * indexed as it now stands. Searches meanwhile use the old index. Then settleIndex merges the
 * new index into one segment where saves will not reach it, in short steps.
 *
 * The swap only renames tables (the copies were built with their secondary indexes), so its
 * hold does not grow with the archive (about 100 ms of processor time at 10,000 records, the
 * renames 20-30 ms of it); the old tables, renamed aside, are then dropped in short
 * steps (dropInSteps). A crash between the swap and the end of that drop leaves tables nothing
 * reads: the next open (ensureIndex) or rebuild drops them.
 *
 * Progress: 'reindex' (records) until the swap, then 'cleanup' (old tables dropped), then
 * 'optimize' (index pages). A cancel (the signal, or onProgress throwing) before the swap
 * throws and leaves the old index in place; after it, it only stops the drop (left to the next
 * open) and the settling (`settled: false`).
 */
export function reindexDb(db: Db, opts: ReindexOptions = {}): ReindexResult {
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const syncBefore = db.pragma('synchronous', { simple: true }) as number;
  db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
  // The rebuild's commits do not wait for the disk (synchronous=NORMAL: WAL stays consistent,
  // and a commit may be lost to a power cut, never half kept). Until the swap it writes only
  // its copies, which nothing reads and a crash discards. The swap itself is not kept waiting
  // on a sync while it holds the lock either (on a busy disk one sync took seconds): lost to a
  // power cut, it leaves the old index in use, up to date (every write of the app since went
  // into it) and the copies to the next rebuild; and any commit of the app after the swap
  // syncs the log, and the swap with it, before it is acknowledged. The drop and the merging
  // of segments after it are the same. The rebuild syncs the log at its end, without the lock.
  const fast = () => db.pragma('synchronous = NORMAL');
  const durable = () => db.pragma(`synchronous = ${syncBefore}`);
  fast();
  // SQLite checkpoints (two syncs, and every page changed since the last one copied into the
  // database) after every 4 MB of log, at the end of the commit that passes it: one every few
  // commits here, each making that commit look seconds long on a busy disk (the lock is free by
  // then, but the rebuild waits). The rebuild checkpoints itself instead, between its
  // transactions, every REBUILD_CHECKPOINT_EVERY of them: fewer syncs, and a page the index's
  // merges rewrote meanwhile is copied once.
  const checkpointBefore = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    const result = rebuild(db, opts);
    durable();
    // A checkpoint syncs the log before it copies anything: the rebuild is kept from here on.
    db.pragma('wal_checkpoint(PASSIVE)');
    return result;
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
    db.pragma(`wal_autocheckpoint = ${checkpointBefore}`);
    durable();
  }
}

function rebuild(db: Db, opts: ReindexOptions): ReindexResult {
  const t0 = performance.now();
  let documents = 0;
  let writeMs = 0;
  const lockMs: Record<LockStage, number> = { prepare: 0, fill: 0, swap: 0, drop: 0, settle: 0 };
  const between = () => opts.betweenChunks?.();
  const sliceRecords = opts.sliceRecords ?? Infinity;
  let lastCommit = 0;
  let commits = 0;
  const locked = <T>(stage: LockStage, work: () => T): T => {
    const out = withWriteLock(() => {
      const s0 = performance.now();
      try {
        return db.transaction(work).immediate();
      } finally {
        lockMs[stage] = Math.max(lockMs[stage], Math.round(performance.now() - s0));
      }
    });
    // Without the lock: writers go on meanwhile (a passive checkpoint copies what it can).
    if (++commits % REBUILD_CHECKPOINT_EVERY === 0) db.pragma('wal_checkpoint(PASSIVE)');
    return out;
  };
  const progress = (phase: string, done: number, all: number) => {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(done, all, phase);
  };

  const defs = db.prepare(`SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema
    WHERE tbl_name IN (${INDEX_TABLES.map(() => '?').join(', ')}) AND sql IS NOT NULL AND type IN ('table', 'index')`).all(...INDEX_TABLES) as { type: string; name: string; tbl: string; sql: string }[];
  const tableSql = new Map(defs.filter((d) => d.type === 'table').map((d) => [d.name, d.sql]));
  const total = recordCount(db);
  progress('reindex', 0, total);

  // What an earlier rebuild left (stopped before its swap, or killed before its old tables
  // were dropped) goes first, in short steps like everything else here.
  const dropStep = (work: () => void): number => {
    const free = performance.now() - lastCommit;
    if (free < GAP_MS) pause(GAP_MS - free);
    const start = performance.now();
    locked('drop', work);
    lastCommit = performance.now();
    return lastCommit - start;
  };
  for (const t of [...leftoverTables(db, OLD), ...leftoverTables(db, NEXT)]) dropInSteps(db, t, dropStep, between);

  let lifted = 0;
  const from = locked('prepare', () => {
    for (const t of INDEX_TABLES) {
      db.exec(renamedTable(tableSql.get(t) as string, t, t + NEXT));
      // The copies' secondary indexes are kept up as they are filled, so the swap builds none.
      for (const d of defs) if (d.type === 'index' && d.tbl === t) db.exec(copiedIndex(d.sql, t));
    }
    lifted = liftLevels(db, `search_fts${NEXT}`);
    return db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;
  });

  const next = {
    insertDoc: db.prepare(`INSERT INTO ${quoteName(`search_docs${NEXT}`)} (doc, record_type, record_id, date, sort_at, status, marking, platform, content_hash)
      VALUES (@doc, @type, @id, @date, @sortAt, @status, @marking, @platform, @hash)`),
    insertFts: db.prepare(`INSERT INTO ${quoteName(`search_fts${NEXT}`)} (rowid, head, exact, stem, attrs) VALUES (?, ?, ?, ?, ?)`),
    insertTerm: db.prepare(`INSERT OR IGNORE INTO ${quoteName(`search_doc_terms${NEXT}`)} (kind, value, doc) VALUES (?, ?, ?)`),
    insertCase: db.prepare(`INSERT OR IGNORE INTO ${quoteName(`search_doc_cases${NEXT}`)} (case_id, doc) VALUES (?, ?)`),
  };
  let worker = (opts.worker ?? total >= WORKER_MIN_RECORDS) ? startAnalysisWorker() : null;
  const started = worker !== null;
  try {
    between();
    for (const type of SEARCH_TYPES) {
      let doc = TYPE_CODE[type] * TYPE_SHIFT;
      worker = analyzeLive(db, type, worker, (page) => {
        for (let i = 0; i < page.length;) {
          // Another process waiting for the lock polls every 100 ms once it has waited a while:
          // back-to-back transactions leave it a gap to get its turn.
          const free = performance.now() - lastCommit;
          if (free < GAP_MS) pause(GAP_MS - free);
          const start = performance.now();
          const first = i;
          locked('fill', () => {
            // At least one record per transaction, then as many as fit the time slice.
            do {
              insertAnalyzed(next, type, page[i++] as Analyzed, ++doc);
              documents++;
            } while (i < page.length && performance.now() - start < SLICE_MS && i - first < sliceRecords);
          });
          lastCommit = performance.now();
          writeMs += lastCommit - start;
          between();
        }
        progress('reindex', documents, Math.max(total, documents));
      }, { signal: opts.signal });
    }
  } catch (err) {
    (worker as AnalysisWorker | null)?.close();
    throw err;
  }
  (worker as AnalysisWorker | null)?.close();
  progress('reindex', documents, documents);

  let settleMs = 0;
  let dropMs = 0;
  let settled = false;
  // The swap only renames: the old tables aside (dropped in steps after it), the copies in.
  // The copies' last pages go into the database now, without the lock (a passive checkpoint
  // lets writers on), so the log the swap's readers start from is short.
  db.pragma('wal_checkpoint(PASSIVE)');
  const swapCpu = process.cpuUsage();
  locked('swap', () => {
    for (const t of INDEX_TABLES) db.exec(`ALTER TABLE ${quoteName(t)} RENAME TO ${quoteName(t + OLD)}`);
    for (const t of INDEX_TABLES) db.exec(`ALTER TABLE ${quoteName(t + NEXT)} RENAME TO ${quoteName(t)}`);
    stmtCache.delete(db);
    const st = stmts(db);
    db.prepare("INSERT OR REPLACE INTO search_state (key, value) VALUES ('needs_rebuild', '0')").run();
    st.setDocVersion.run(DOC_VERSION);
    // Every record was read after this point of the change log: what was written since is
    // taken in again, from the records as they now stand.
    st.setIndexedSeq.run(String(from));
    indexPendingChanges(db);
  });
  const { user, system } = process.cpuUsage(swapCpu);
  markNamesDirty(db);
  markCasesDirty(db);

  // The rebuilt index is in use from here on. The old one is dropped first (its pages are
  // then free for the settling's merges to reuse), then the new one's segments are arranged.
  const d0 = performance.now();
  const old = leftoverTables(db, OLD);
  let stopped: unknown = null;
  const heard = (done: number) => {
    try {
      progress('cleanup', done, old.length);
    } catch (err) {
      stopped = err;
      throw err;
    }
  };
  try {
    heard(0);
    old.forEach((t, i) => {
      dropInSteps(db, t, dropStep, () => {
        between();
        heard(i);
      });
      heard(i + 1);
    });
  } catch (err) {
    // A cancel leaves the old tables to the next open or rebuild; anything else is a fault.
    if (stopped === null || err !== stopped) throw err;
  }
  dropMs = performance.now() - d0;
  const s0 = performance.now();
  const ph = placeholders(db, 'search_fts', lifted);
  settled = settleIndex(db, ph, (work) => {
    const free = performance.now() - lastCommit;
    if (free < GAP_MS) pause(GAP_MS - free);
    const start = performance.now();
    locked('settle', work);
    lastCommit = performance.now();
    return lastCommit - start;
  }, (done, all) => {
    between();
    progress('optimize', done, all);
  });
  locked('settle', () => ph.removeAll());
  settleMs = performance.now() - s0;
  if (settled) {
    try {
      opts.onProgress?.(1, 1, 'optimize');
    } catch {
      // Past the swap a cancel changes nothing: the rebuilt index is kept either way.
    }
  }
  return {
    ms: Math.round(performance.now() - t0), documents, worker: started && worker !== null, writeMs: Math.round(writeMs),
    settleMs: Math.round(settleMs), dropMs: Math.round(dropMs), settled, lockMs, swapCpuMs: Math.round((user + system) / 1000),
  };
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

const swept = new WeakSet<Db>();

/** Builds the index if it has never been built (a new or just-migrated database), or brings an older one up to date. */
export function ensureIndex(db: Db): void {
  if (!swept.has(db)) {
    swept.add(db);
    // Old tables a rebuild renamed aside and was killed before dropping: nothing reads them.
    dropLeftovers(db);
  }
  if (needsRebuild(db)) reindexDb(db);
  else if (!docsCurrent(db)) withWriteLock(() => db.transaction(() => upgradeDocs(db)).immediate());
}
