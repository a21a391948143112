// Does the index still say what the records say? Every live record of a searchable kind
// must have its row with the content hash it would get now (for a statement, the hash covers
// the latest text and state of each of its translations, so a translation changed behind the
// Core's back shows up as a differing hash); no row may remain for a
// trashed or purged record; the FTS table must hold exactly the documents' rows. The FTS
// table is contentless, so its text cannot be read back: each row's token counts per column
// (FTS5's docsize) must match the record's, and the first word of each column must be
// found in that very row. With FTS5's own integrity check, a row deleted, added or
// rewritten in the FTS table, or damage to its shadow tables, shows up here.
//
// A statement whose approved (or final) translation text no longer hashes to its approval was
// changed behind the Core's back: the translation check (services/check.ts, brokenApprovals)
// reports that revision by name, so the statement's index entry, which still holds the text
// the Core last wrote, is not reported a second time for the same change.
//
// Everything is read in bulk (one query per table, one per distinct probe word): a check of
// 100,000 records must take seconds, not a query per record.
import type { Db } from '../db/open';
import { approvalHash } from '../db/repos/translations';
import { tableOf } from '../db/tables';
import type { Analyzed } from './analyzeRows';
import { quote } from './compile';
import { SEARCH_TYPES, type FtsRow } from './documents';
import {
  analyzeLive, docsCurrent, EXPECTED_CASES_SQL, needsRebuild, pendingChanges, recordCount, upgradeDocs, WORKER_MIN_RECORDS, type LongRun,
} from './indexWriter';
import { startAnalysisWorker } from './worker';

const MAX_REPORTED = 50;

/** The index's problems (none: an empty list). Progress and cancel as for a rebuild (indexWriter.ts LongRun). */
export function checkIndexDb(db: Db, opts: { worker?: boolean } & LongRun = {}): string[] {
  const problems: string[] = [];
  let more = 0;
  const report = (p: string) => {
    if (problems.length < MAX_REPORTED) problems.push(p);
    else more++;
  };
  if (needsRebuild(db)) {
    return ['Search index: not built yet for this database (it is built on first search, or run `casefile reindex`).'];
  }
  // An index built before statements' documents held their translations is brought up to
  // date first (as the next write or search would): it was right for its version, not drift.
  if (!docsCurrent(db)) db.transaction(() => upgradeDocs(db)).immediate();
  // Every write takes its change-log rows into the index before it commits: rows left over
  // were written by something that bypassed the Core's writes.
  const pending = pendingChanges(db);
  if (pending.count > 0) {
    report(`Search index: ${pending.count} change-log ${pending.count === 1 ? 'entry has' : 'entries have'} not been taken into the index (seq ${pending.first}-${pending.last}); run \`casefile reindex\`.`);
  }
  try {
    db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch {
    // SQLite's words for it ("database disk image is malformed") say nothing the user can act on.
    report('Search index: the full-text index is damaged; run `casefile reindex` (it is rebuilt from the records, nothing is lost).');
  }

  const docByKey = new Map<string, { doc: number; hash: string }>();
  for (const [doc, type, id, hash] of db.prepare('SELECT doc, record_type, record_id, content_hash FROM search_docs').raw().all() as [number, string, string, string][]) {
    docByKey.set(`${type}:${id}`, { doc, hash });
  }
  // Negative row ids are a rebuild's placeholders (indexWriter.ts, placeholders()): no
  // document has one (documents.ts numbers them from 2^40 up), no query asks for their tokens,
  // and a rebuild killed while it settled its index leaves them until the next rebuild.
  const ftsRowids = new Set(db.prepare('SELECT rowid FROM search_fts WHERE rowid >= 0').pluck().all() as number[]);
  const sizes = new Map<number, string>();
  for (const [id, sz] of db.prepare('SELECT id, sz FROM search_fts_docsize').raw().all() as [number, Buffer][]) sizes.set(id, varints(sz).join(','));
  const group = <K, V>(rows: [K, V][]) => {
    const m = new Map<K, V[]>();
    for (const [k, v] of rows) {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    }
    return m;
  };
  const casesHave = group((db.prepare('SELECT doc, case_id FROM search_doc_cases').raw().all() as [number, string][]));
  const casesWant = group((db.prepare(`SELECT doc, case_id FROM (${EXPECTED_CASES_SQL})`).raw().all() as [number, string][]));
  const termsHave = group((db.prepare("SELECT doc, kind || ':' || value FROM search_doc_terms").raw().all() as [number, string][]));
  const sameList = (a: string[] | undefined, b: string[] | undefined) => [...(a ?? [])].sort().join('\n') === [...(b ?? [])].sort().join('\n');
  // column + word → the documents that must contain it
  const probes = new Map<string, number[]>();
  const hashDiffers: string[] = [];

  const total = recordCount(db);
  let done = 0;
  let worker = (opts.worker ?? total >= WORKER_MIN_RECORDS) ? startAnalysisWorker() : null;
  try {
    for (const type of SEARCH_TYPES) {
      const def = tableOf(type);
      for (const id of db.prepare(`SELECT id FROM ${def.table} WHERE deleted_at IS NOT NULL`).pluck().all() as string[]) {
        const key = `${type}:${id}`;
        if (docByKey.delete(key)) report(`Search index: the ${def.label} ${id} is in the trash but still in the index.`);
      }
      worker = analyzeLive(db, type, worker, (page: Analyzed[]) => {
        for (const a of page) {
          const key = `${type}:${a.id}`;
          const have = docByKey.get(key);
          docByKey.delete(key);
          if (!have) { report(`Search index: the ${def.label} ${a.id} is missing from the index.`); continue; }
          if (a.hash !== have.hash) {
            if (type === 'statement') hashDiffers.push(a.id);
            else report(`Search index: the entry for ${def.label} ${a.id} does not match the record (content hash differs).`);
            continue;
          }
          if (!ftsRowids.delete(have.doc)) { report(`Search index: the full-text row of ${def.label} ${a.id} is missing.`); continue; }
          if (sizes.get(have.doc) !== a.fts.sizes.join(',')) {
            report(`Search index: the full-text row of ${def.label} ${a.id} does not say what the record says (it was altered).`);
            continue;
          }
          for (const p of probeWords(a.fts)) {
            const list = probes.get(p);
            if (list) list.push(have.doc);
            else probes.set(p, [have.doc]);
          }
          if (!sameList(casesHave.get(have.doc), casesWant.get(have.doc))) report(`Search index: the case files recorded for ${def.label} ${a.id} are out of date.`);
          if (!sameList(termsHave.get(have.doc), a.attrs.terms.map((t) => `${t[0]}:${t[1]}`))) report(`Search index: the filter values of ${def.label} ${a.id} are out of date.`);
        }
        done += page.length;
        opts.onProgress?.(done, Math.max(total, done), 'check index');
      }, { share: true, signal: opts.signal });
    }
  } finally {
    worker?.close();
  }

  if (hashDiffers.length) {
    const forged = statementsWithForgedTranslation(db);
    const label = tableOf('statement').label;
    for (const id of hashDiffers) {
      if (!forged.has(id)) report(`Search index: the entry for ${label} ${id} does not match the record (content hash differs).`);
    }
  }

  // Each probe word is looked up once; every document that should hold it must be among the rows found.
  const findRows = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck();
  const altered = new Set<number>();
  for (const [probe, docs] of probes) {
    const found = new Set(findRows.all(probe) as number[]);
    for (const d of docs) if (!found.has(d)) altered.add(d);
  }
  if (altered.size) {
    const refs = db.prepare('SELECT record_type, record_id FROM search_docs WHERE doc = ?');
    for (const d of altered) {
      const r = refs.get(d) as { record_type: string; record_id: string } | undefined;
      report(`Search index: the full-text row of ${r ? `${r.record_type} ${r.record_id}` : `document ${d}`} does not say what the record says (it was altered).`);
    }
  }

  for (const [key] of docByKey) report(`Search index: a row remains for ${key.replace(':', ' ')}, which no longer exists (purged).`);
  // Rows of documents reported above (trashed, purged) are not strays; anything else is.
  const known = new Set(db.prepare('SELECT doc FROM search_docs').pluck().all() as number[]);
  for (const r of ftsRowids) if (!known.has(r)) report(`Search index: the full-text table has a row (${r}) that belongs to no record.`);
  if (more) problems.push(`Search index: ${more} more problem(s) not listed; run \`casefile reindex\` to rebuild the index.`);
  return problems;
}

/**
 * Statements with an approved or final translation revision whose text no longer hashes to its
 * pinned approval (db/repos/translations.ts approvalHash), or whose segments cannot be read.
 */
function statementsWithForgedTranslation(db: Db): Set<string> {
  const out = new Set<string>();
  const rows = db.prepare(
    `SELECT t.statement_id, r.segments, r.approved_sha256 FROM translation_revisions r JOIN translations t ON t.id = r.translation_id
     WHERE r.state IN ('approved','final')`,
  ).raw().all() as [string, string, string | null][];
  for (const [statementId, segments, sha] of rows) {
    let hash: string | null;
    try {
      hash = approvalHash(JSON.parse(segments) as { target: string }[]);
    } catch {
      hash = null;
    }
    if (hash === null || hash !== sha) out.add(statementId);
  }
  return out;
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

/**
 * The first word of each word column and the last token of `attrs` (its most specific: the
 * date, where its first is often a case every record of the case shares): a MATCH for each.
 * They repeat across records, so a check needs one query per distinct probe (thousands), not
 * one per record; with the per-column token counts this catches any rewrite of a row.
 */
function probeWords(row: FtsRow): string[] {
  const out: string[] = [];
  for (const col of ['head', 'exact', 'stem'] as const) {
    const text = row[col];
    const sp = text.indexOf(' ');
    const first = sp < 0 ? text : text.slice(0, sp);
    if (first) out.push(`${col} : ${quote(first)}`);
  }
  const last = row.attrs.slice(row.attrs.lastIndexOf(' ') + 1);
  if (last) out.push(`attrs : ${quote(last)}`);
  return out;
}
