// The benchmark's baseline: SQLite FTS5 as it comes (the porter and unicode61 tokenizers, no
// folding of our own, its content stored, bm25 `rank`, C `snippet()`), over the same text as
// our index (statements with their published wording, hashtags and latest translations,
// sources, notes, reports, cases, actors) and asked the same questions: the same words, OR,
// phrases, prefixes and exclusions, a clitic query as the word with or without its clitics, a
// name together with the other names our answer says it was searched as, and the filters
// through a plain table of the records' attributes. Each query counts all its hits, ranks
// them, cuts 20 snippets and reads the 20 records.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { foldText } from '../../shared/text/fold';

export interface RawResult { buildMs: number; times: number[] }

const TEXT_OF_TRANSLATIONS = `coalesce((SELECT group_concat(json_extract(j.value, '$.target'), char(10))
  FROM src.translations t JOIN src.translation_revisions r ON r.translation_id = t.id
    AND r.number = (SELECT max(x.number) FROM src.translation_revisions x WHERE x.translation_id = t.id), json_each(r.segments) j
  WHERE t.statement_id = s.id), '')`;

/** [type, rowid offset, head, body, date, sort] per record table (rowids are kept apart by the offset). */
const SOURCES: [string, string, number, string, string, string, string][] = [
  ['statement', 'statements s', 0, "coalesce(s.summary, '')",
    `coalesce(s.original_text, '') || ' ' || coalesce(s.published_wording, '') || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.hashtags)), '')
     || ' ' || coalesce(s.handle, '') || ' ' || ${TEXT_OF_TRANSLATIONS}`, 's.said_at', 'coalesce(s.said_at, s.updated_at)'],
  ['source', 'sources s', 1e10, 's.title', "coalesce(s.publisher, '') || ' ' || coalesce(s.author, '') || ' ' || coalesce(s.notes, '')", 's.published_at', 'coalesce(s.published_at, s.updated_at)'],
  ['note', 'notes s', 2e10, "''", 's.body', 'substr(s.created_at, 1, 10)', 's.updated_at'],
  ['report', 'reports s', 3e10, 's.headline', "coalesce(s.dateline, '') || ' ' || s.lead || ' ' || s.body", 'substr(s.created_at, 1, 10)', 's.updated_at'],
  ['case', 'cases s', 4e10, 's.title', "coalesce(s.summary, '') || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.tags)), '')", 'substr(s.created_at, 1, 10)', 's.updated_at'],
  ['actor', 'actors s', 5e10, "s.name || ' ' || coalesce(s.name_original, '') || ' ' || coalesce((SELECT group_concat(json_extract(value, '$.alias'), ' ') FROM json_each(s.aliases)), '')",
    "coalesce(s.description, '')", 'NULL', 's.updated_at'],
];

const TABLE_OF: Record<string, string> = { statement: 'statements', source: 'sources', note: 'notes', report: 'reports', case: 'cases', actor: 'actors' };

function build(db: Database.Database): number {
  const t0 = performance.now();
  db.exec(`CREATE VIRTUAL TABLE raw USING fts5(head, body, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE TABLE meta (rowid INTEGER PRIMARY KEY, type TEXT NOT NULL, record_id TEXT NOT NULL, date TEXT, lang TEXT, platform TEXT, speaker TEXT, sort_at TEXT);`);
  db.transaction(() => {
    for (const [type, from, offset, head, body, date, sort] of SOURCES) {
      db.exec(`INSERT INTO raw (rowid, head, body) SELECT s.rowid + ${offset}, ${head}, ${body} FROM src.${from} WHERE s.deleted_at IS NULL`);
      const statement = type === 'statement';
      db.exec(`INSERT INTO meta (rowid, type, record_id, date, lang, platform, speaker, sort_at)
        SELECT s.rowid + ${offset}, '${type}', s.id, ${date}, ${statement ? 's.language' : 'NULL'}, ${statement ? 'lower(s.platform)' : 'NULL'},
          ${statement ? 's.speaker_id' : 'NULL'}, ${sort} FROM src.${from} WHERE s.deleted_at IS NULL`);
    }
    db.exec('CREATE INDEX meta_date ON meta(date); CREATE INDEX meta_sort ON meta(sort_at);');
  })();
  return performance.now() - t0;
}

interface RawQuery { match: string | null; where: string[]; params: unknown[] }

const phrase = (text: string) => `"${foldText(text).replace(/"/g, '')}"`;
const CLITICS = ['', 'ال', 'و', 'وال', 'ب', 'بال', 'ل', 'لل', 'ف', 'فال', 'ك', 'كال'];

/** Our query in FTS5 syntax and SQL on `meta`, with the same meaning. */
export function rawQuery(q: string, kind: string, expansions: string[]): RawQuery {
  const parts: string[] = [];
  const not: string[] = [];
  const where: string[] = [];
  const params: unknown[] = [];
  let joinNext = false;
  for (const m of q.matchAll(/(-?)([a-z]+):"([^"]*)"|(-?)([a-z]+):(\S+)|(-?)"([^"]*)"|(-?)(\S+)/g)) {
    const key = m[2] ?? m[5];
    if (key) {
      const value = (m[3] ?? m[6]) as string;
      if (key === 'type') { where.push('meta.type = ?'); params.push(value); }
      if (key === 'lang') { where.push('meta.lang = ?'); params.push(value); }
      if (key === 'platform') { where.push('meta.platform = ?'); params.push(value); }
      if (key === 'from') { where.push('meta.date >= ?'); params.push(value); }
      if (key === 'to') { where.push('meta.date <= ?'); params.push(`${value}\uffff`); }
      if (key === 'case') { where.push('meta.record_id IN (SELECT item_id FROM src.case_items WHERE case_id = ?)'); params.push(value); }
      if (key === 'speaker') { where.push('meta.speaker IN (SELECT id FROM src.actors WHERE name = ?)'); params.push(value); }
      continue;
    }
    let term: string;
    let negated: boolean;
    if (m[8] !== undefined) { term = phrase(m[8]); negated = m[7] === '-'; }
    else {
      const w = m[10] as string;
      negated = m[9] === '-';
      if (w === 'OR') { joinNext = true; continue; }
      if (w.endsWith('*')) term = `${phrase(w.slice(0, -1))}*`;
      else if (kind === 'clitic') {
        const bare = foldText(w).replace(/^وال/, '');
        term = `(${CLITICS.map((c) => phrase(c + bare)).join(' OR ')})`;
      } else term = phrase(w);
    }
    if (negated) not.push(term);
    else if (joinNext && parts.length) { parts.push(`(${parts.pop() as string} OR ${term})`); joinNext = false; }
    else parts.push(term);
  }
  if (expansions.length && parts.length) parts.splice(0, parts.length, `(${[parts.join(' AND '), ...expansions.map(phrase)].join(' OR ')})`);
  let match = parts.length ? parts.join(' AND ') : null;
  if (match && not.length) match = `(${match}) NOT (${not.join(' OR ')})`;
  return { match, where, params };
}

/** Builds the baseline beside the case database in `dir` and runs the queries twice (timing the second round). */
export function rawBaseline(dir: string, dbFile: string, queries: { q: string; kind: string }[], expansions: string[][]): RawResult {
  const file = path.join(dir, 'raw-baseline.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`ATTACH '${path.join(dir, dbFile)}' AS src`);
  try {
    const buildMs = build(db);
    const planned = queries.map((x, i) => rawQuery(x.q, x.kind, expansions[i] ?? []));
    const hydrate = Object.fromEntries(Object.entries(TABLE_OF).map(([t, table]) => [t, db.prepare(`SELECT * FROM src.${table} WHERE id = ?`)]));
    const metaOf = db.prepare('SELECT type, record_id FROM meta WHERE rowid = ?');
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const p of planned) {
        const filters = p.where.length ? ` AND ${p.where.join(' AND ')}` : '';
        const s = performance.now();
        try {
          let top: { type: string; record_id: string }[];
          if (p.match) {
            // The attributes are joined only when a filter needs them, as anyone would write it.
            const join = filters ? ' JOIN meta ON meta.rowid = raw.rowid' : '';
            db.prepare(`SELECT count(*) FROM raw${join} WHERE raw MATCH ?${filters}`).pluck().get(p.match, ...p.params);
            const ranked = db.prepare(`SELECT raw.rowid AS id, snippet(raw, 1, '[', ']', '…', 24) AS snip FROM raw${join}
              WHERE raw MATCH ?${filters} ORDER BY rank LIMIT 20`).all(p.match, ...p.params) as { id: number }[];
            top = ranked.map((r) => metaOf.get(r.id) as { type: string; record_id: string });
          } else {
            db.prepare(`SELECT count(*) FROM meta WHERE 1${filters}`).pluck().get(...p.params);
            top = db.prepare(`SELECT type, record_id FROM meta WHERE 1${filters} ORDER BY sort_at DESC LIMIT 20`).all(...p.params) as typeof top;
          }
          for (const r of top) hydrate[r.type]?.get(r.record_id);
        } catch (err) {
          throw new Error(`raw baseline: ${p.match ?? ''} failed: ${(err as Error).message}`);
        }
        if (round === 1) times.push(performance.now() - s);
      }
    }
    return { buildMs, times };
  } finally {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}
