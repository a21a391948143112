// Translations in the search index (issue 5: "Search indexes the latest translation text of
// each statement, and says which state it is in"). A translation is not a document of its
// own: it belongs to its statement's document, which holds, for each target language, the
// text of the LATEST revision (whatever its state: a draft is searchable the moment it is
// saved) as one more body field, folded and stemmed like the rest, plus filter terms (see
// query.ts): the states its revisions hold (`translation:approved` is "has approved text",
// even while a newer draft is worked on; issue 8) and the latest revision's state
// (`translation:latest:draft`). Reports and exports quote approved text only; that rule lives
// with them (services/translations.ts), not here.
//
// The text is read straight from the tables (translations, translation_revisions; see
// migration 0003): approvalText's rule, the segments' targets joined by line breaks. An
// approved or final revision counts as approved only while its text still hashes to its
// approval (domain.md). Every translation write records a change of ('translation', id); the
// index follows the change log and re-syncs the statement's document in the same transaction
// (indexWriter.ts).
//
// This module is loaded by the analysis worker too (through documents.ts): no database
// access at import time, only functions that take a Db.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { TranslationState } from '../../../shared/domain/translation';
import type { Db } from '../db/open';

export const TRANSLATION_STATES: readonly TranslationState[] = TranslationState.options;

/** The latest revision of one translation of a statement, as the index sees it. */
export interface IndexedTranslation {
  /** Target language as stored (canonical tag, e.g. en, pt-BR). */
  lang: string;
  state: TranslationState;
  /** The segments' targets joined by line breaks (shared/text/segment.ts approvalText). */
  text: string;
  /**
   * Every state any of its revisions is in, sorted; approved and final only for a revision
   * whose approval still holds, and a final revision also counts as approved.
   */
  held: TranslationState[];
}

const isState = (s: unknown): s is TranslationState => typeof s === 'string' && (TRANSLATION_STATES as readonly string[]).includes(s);

function targetsOf(segments: unknown): string[] {
  let list: unknown = [];
  try {
    list = typeof segments === 'string' ? JSON.parse(segments) : [];
  } catch {
    list = [];
  }
  return Array.isArray(list) ? (list as { target?: unknown }[]).map((x) => (x && typeof x.target === 'string' ? x.target : '')) : [];
}

/** What a revision row says about the states the translation holds (see IndexedTranslation.held). */
function statesOf(state: unknown, segments: unknown, sha: unknown): TranslationState[] {
  if (!isState(state)) return [];
  if (state !== 'approved' && state !== 'final') return [state];
  const holds = typeof sha === 'string' && crypto.createHash('sha256').update(targetsOf(segments).join('\n'), 'utf8').digest('hex') === sha;
  if (!holds) return [];
  return state === 'final' ? ['approved', 'final'] : ['approved'];
}

/**
 * One translation from its latest revision's row and the states of all its revisions.
 * Defensive, as the index must never fail on a row: unreadable segments or a segment without
 * a string target count as empty; an unknown state (impossible under the table's CHECK) drops it.
 */
function indexed(lang: unknown, state: unknown, segments: unknown, held: Iterable<TranslationState>): IndexedTranslation | null {
  if (typeof lang !== 'string' || !isState(state)) return null;
  return { lang, state, text: targetsOf(segments).join('\n'), held: [...new Set(held)].sort() };
}

const byLang = (a: IndexedTranslation, b: IndexedTranslation) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0);

/**
 * What the analysis worker received as a row's `_translations` (translationsFor's values, or
 * nothing): checked again, so that a row without translations is simply a statement without.
 */
export function asTranslations(x: unknown): IndexedTranslation[] {
  if (!Array.isArray(x)) return [];
  return (x as Partial<IndexedTranslation>[])
    .filter((t): t is IndexedTranslation => !!t && typeof t.lang === 'string' && isState(t.state) && typeof t.text === 'string'
      && Array.isArray(t.held) && t.held.every(isState))
    .sort(byLang);
}

type Stmt = Database.Statement;
interface Stmts { ofStatement: Stmt; revisions: Stmt; latest: Stmt; forMany: Stmt; statementOf: Stmt; translated: Stmt }
const cache = new WeakMap<Db, Stmts>();

// (The one-statement path uses two plain lookups, not a join: a join costs SQLite several
// times as much even when the statement has no translation, and most have none.)
function stmts(db: Db): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = {
      ofStatement: db.prepare('SELECT id, target_lang FROM translations WHERE statement_id = ?').raw(),
      // Segments are read only where they matter: the latest revision's text, an approval's hash.
      revisions: db.prepare(`SELECT state, CASE WHEN number = (SELECT max(x.number) FROM translation_revisions x WHERE x.translation_id = r.translation_id)
          OR state IN ('approved','final') THEN segments END, approved_sha256
        FROM translation_revisions r WHERE translation_id = ? ORDER BY number`).raw(),
      latest: db.prepare(`SELECT t.target_lang, r.state, r.segments FROM translations t JOIN translation_revisions r
          ON r.translation_id = t.id AND r.number = (SELECT max(x.number) FROM translation_revisions x WHERE x.translation_id = t.id)
        WHERE t.statement_id = ?`).raw(),
      forMany: db.prepare(`SELECT t.id, t.statement_id, t.target_lang, r.state,
          CASE WHEN r.number = (SELECT max(x.number) FROM translation_revisions x WHERE x.translation_id = t.id) OR r.state IN ('approved','final')
            THEN r.segments END, r.approved_sha256
        FROM translations t JOIN translation_revisions r ON r.translation_id = t.id
        WHERE t.statement_id IN (SELECT value FROM json_each(?))
        ORDER BY t.id, r.number`).raw(),
      statementOf: db.prepare('SELECT statement_id FROM translations WHERE id = ?').pluck(),
      translated: db.prepare('SELECT DISTINCT statement_id FROM translations ORDER BY statement_id').pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

/** The latest revision of each translation of a statement, by language. */
export function translationsOf(db: Db, statementId: string): IndexedTranslation[] {
  const s = stmts(db);
  const out: IndexedTranslation[] = [];
  for (const [id, lang] of s.ofStatement.all(statementId) as [string, string][]) {
    const revs = s.revisions.all(id) as [string, string | null, string | null][];
    const last = revs[revs.length - 1];
    const t = last ? indexed(lang, last[0], last[1], revs.flatMap(([state, segs, sha]) => statesOf(state, segs, sha))) : null;
    if (t) out.push(t);
  }
  return out.sort(byLang);
}

/**
 * The latest revision of each translation, its text and state only (`held` left empty): what
 * a hit's snippet shows, without reading every revision and hashing approvals.
 */
export function latestTranslationsOf(db: Db, statementId: string): IndexedTranslation[] {
  const out: IndexedTranslation[] = [];
  for (const [lang, state, segments] of stmts(db).latest.all(statementId) as [string, string, string][]) {
    const t = indexed(lang, state, segments, []);
    if (t) out.push(t);
  }
  return out.sort(byLang);
}

/** translationsOf for many statements in one query (a rebuild's page): only those that have any. */
export function translationsFor(db: Db, statementIds: readonly string[]): Map<string, IndexedTranslation[]> {
  const out = new Map<string, IndexedTranslation[]>();
  if (statementIds.length === 0) return out;
  const rows = stmts(db).forMany.all(JSON.stringify(statementIds)) as [string, string, string, string, string | null, string | null][];
  // Rows come by translation, revisions in order: the last row of each is its latest revision.
  for (let i = 0; i < rows.length;) {
    const [id, statementId, lang] = rows[i] as (typeof rows)[number];
    const held: TranslationState[] = [];
    let last = rows[i] as (typeof rows)[number];
    for (; i < rows.length && (rows[i] as (typeof rows)[number])[0] === id; i++) {
      last = rows[i] as (typeof rows)[number];
      held.push(...statesOf(last[3], last[4], last[5]));
    }
    const t = indexed(lang, last[3], last[4], held);
    if (!t) continue;
    const list = out.get(statementId);
    if (list) list.push(t);
    else out.set(statementId, [t]);
  }
  for (const list of out.values()) list.sort(byLang);
  return out;
}

/** The statement a translation belongs to, or undefined for an unknown id. */
export function statementOfTranslation(db: Db, translationId: string): string | undefined {
  return stmts(db).statementOf.get(translationId) as string | undefined;
}

/** Every statement that has at least one translation. */
export function translatedStatements(db: Db): string[] {
  return stmts(db).translated.all() as string[];
}

/**
 * What a hit's snippet says before text cut from a translation: `Translation (en, draft): `.
 * The state is the value the `translation:` filter takes (query.ts).
 */
export function translationLabel(t: Pick<IndexedTranslation, 'lang' | 'state'>): string {
  return `Translation (${t.lang}, ${t.state}): `;
}

/**
 * The `translation` filter terms of a statement with these translations: `any`; each state any
 * revision holds (`approved`: has approved text) and the latest revision's state
 * (`latest:draft`); each target language (full tag and primary subtag, lower case), and the
 * language with either (`en:approved`, `en:latest:draft`).
 */
export function translationTerms(ts: readonly IndexedTranslation[]): [string, string][] {
  const out: [string, string][] = [];
  for (const t of ts) {
    const full = t.lang.toLowerCase();
    const primary = full.split('-')[0] as string;
    const states = [...t.held, `latest:${t.state}`];
    out.push(['translation', 'any'], ...states.map((st): [string, string] => ['translation', st]));
    for (const l of new Set([full, primary])) out.push(['translation', l], ...states.map((st): [string, string] => ['translation', `${l}:${st}`]));
  }
  return out;
}
