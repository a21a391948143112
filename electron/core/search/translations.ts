// Translations in the search index (issue 5: "Search indexes the latest translation text of
// each statement, and says which state it is in"). A translation is not a document of its
// own: it belongs to its statement's document, which holds, for each target language, the
// text of the LATEST revision (whatever its state: a draft is searchable the moment it is
// saved) as one more body field, folded and stemmed like the rest, plus filter terms for the
// state (`translation:approved`, see query.ts). Reports and exports quote approved text only;
// that rule lives with them (services/translations.ts), not here.
//
// The text is read straight from the tables (translations, translation_revisions; see
// migration 0003): approvalText's rule, the segments' targets joined by line breaks. Every
// translation write records a change of ('translation', id); the index follows the change log
// and re-syncs the statement's document in the same transaction (indexWriter.ts).
//
// This module is loaded by the analysis worker too (through documents.ts): no database
// access at import time, only functions that take a Db.
import type Database from 'better-sqlite3';
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
}

const isState = (s: unknown): s is TranslationState => typeof s === 'string' && (TRANSLATION_STATES as readonly string[]).includes(s);

/**
 * One translation from its stored row: the segments' targets joined by line breaks. Defensive,
 * as the index must never fail on a row: unreadable segments or a segment without a string
 * target count as empty; an unknown state (impossible under the table's CHECK) drops it.
 */
function indexed(lang: unknown, state: unknown, segments: unknown): IndexedTranslation | null {
  if (typeof lang !== 'string' || !isState(state)) return null;
  let list: unknown = [];
  try {
    list = typeof segments === 'string' ? JSON.parse(segments) : [];
  } catch {
    list = [];
  }
  const targets = Array.isArray(list) ? (list as { target?: unknown }[]).map((x) => (x && typeof x.target === 'string' ? x.target : '')) : [];
  return { lang, state, text: targets.join('\n') };
}

const byLang = (a: IndexedTranslation, b: IndexedTranslation) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0);

/**
 * What the analysis worker received as a row's `_translations` (translationsFor's values, or
 * nothing): checked again, so that a row without translations is simply a statement without.
 */
export function asTranslations(x: unknown): IndexedTranslation[] {
  if (!Array.isArray(x)) return [];
  return (x as Partial<IndexedTranslation>[])
    .filter((t): t is IndexedTranslation => !!t && typeof t.lang === 'string' && isState(t.state) && typeof t.text === 'string')
    .sort(byLang);
}

type Stmt = Database.Statement;
interface Stmts { ofStatement: Stmt; latest: Stmt; forMany: Stmt; statementOf: Stmt; translated: Stmt }
const cache = new WeakMap<Db, Stmts>();

// (The one-statement path uses two plain lookups, not a join: a join costs SQLite several
// times as much even when the statement has no translation, and most have none.)
function stmts(db: Db): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = {
      ofStatement: db.prepare('SELECT id, target_lang FROM translations WHERE statement_id = ?').raw(),
      latest: db.prepare('SELECT state, segments FROM translation_revisions WHERE translation_id = ? ORDER BY number DESC LIMIT 1').raw(),
      forMany: db.prepare(`SELECT t.statement_id, t.target_lang, r.state, r.segments
        FROM translations t JOIN translation_revisions r ON r.translation_id = t.id
        WHERE t.statement_id IN (SELECT value FROM json_each(?))
          AND r.number = (SELECT max(x.number) FROM translation_revisions x WHERE x.translation_id = t.id)`).raw(),
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
    const rev = s.latest.get(id) as [string, string] | undefined;
    const t = rev ? indexed(lang, rev[0], rev[1]) : null;
    if (t) out.push(t);
  }
  return out.sort(byLang);
}

/** translationsOf for many statements in one query (a rebuild's page): only those that have any. */
export function translationsFor(db: Db, statementIds: readonly string[]): Map<string, IndexedTranslation[]> {
  const out = new Map<string, IndexedTranslation[]>();
  if (statementIds.length === 0) return out;
  for (const [statementId, lang, state, segments] of stmts(db).forMany.all(JSON.stringify(statementIds)) as [string, string, string, string][]) {
    const t = indexed(lang, state, segments);
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
 * The `translation` filter terms of a statement with these translations: `any`, each state,
 * each target language (full tag and primary subtag, lower case), and language:state pairs.
 */
export function translationTerms(ts: readonly IndexedTranslation[]): [string, string][] {
  const out: [string, string][] = [];
  for (const t of ts) {
    const full = t.lang.toLowerCase();
    const primary = full.split('-')[0] as string;
    out.push(['translation', 'any'], ['translation', t.state]);
    for (const l of new Set([full, primary])) out.push(['translation', l], ['translation', `${l}:${t.state}`]);
  }
  return out;
}
