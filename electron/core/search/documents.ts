// What each kind of record puts into the search index: its searchable fields (which also
// give the snippet), the attributes filters and facets use, and a hash of both so a check
// can tell whether the index still says what the record says.
import crypto from 'node:crypto';
import { SearchType } from '../../../shared/domain';
import { foldText } from '../../../shared/text/fold';
import { pivotName, pivotUrl, quranValues } from '../../../shared/text/pivots';
import { TABLES, type RecordOf } from '../db/tables';
import type { Db } from '../db/open';
import { columns } from './tokens';
import { translationLabel, translationTerms, type IndexedTranslation } from './translations';
import { pageLabel, type IndexedPage } from './pages';

export const SEARCH_TYPES = SearchType.options;
export type { SearchType };

export function isSearchType(t: string): t is SearchType {
  return SearchType.safeParse(t).success;
}

/**
 * Document numbers (the FTS rowid) carry the record type in their high bits: type code
 * × 2^40 + a sequence. So counting hits per type, or keeping one type, needs only the FTS
 * table (rowid >> 40), not a join with search_docs for every hit.
 */
export const TYPE_SHIFT = 2 ** 40;
export const TYPE_CODE: Record<SearchType, number> = { statement: 1, source: 2, note: 3, report: 4, case: 5, actor: 6 };
export const TYPE_OF_CODE: Record<number, SearchType> = Object.fromEntries(Object.entries(TYPE_CODE).map(([t, c]) => [c, t])) as Record<number, SearchType>;

/**
 * A searchable piece of a record. `head` fields (titles, names) weigh more in ranking.
 * `label`, when set, starts a snippet cut from this field (a translation's language and
 * state); it is not indexed and not part of the content hash (what it says is: the field
 * name holds the language, the filter terms the state).
 */
export interface Field { name: string; text: string; head: boolean; label?: string }

export interface DocAttrs {
  date: string | null;
  sortAt: string;
  status: string | null;
  marking: string | null;
  platform: string | null;
  /**
   * [kind, value] pairs: tag, handle (the account and every mention), quran (a sura, and each
   * verse cited), url, lang, speaker, translation (see translations.ts).
   */
  terms: [string, string][];
}

export interface DocSource {
  type: SearchType;
  id: string;
  title: string;
  fields: Field[];
  attrs: DocAttrs;
}

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** A tag or hashtag as filters compare it: folded, without the leading #. */
export function normTag(t: string): string {
  return foldText(t.trim().replace(/^[#＃]+/, '')).trim();
}

function langTerms(...langs: (string | null)[]): [string, string][] {
  const out = new Set<string>();
  for (const l of langs) {
    if (!l) continue;
    const low = l.toLowerCase();
    out.add(low);
    out.add(low.split('-')[0] as string);
  }
  return [...out].map((v) => ['lang', v]);
}

function dedupe(terms: [string, string][]): [string, string][] {
  const seen = new Map<string, [string, string]>();
  for (const t of terms) if (t[1]) seen.set(`${t[0]}\u0000${t[1]}`, t);
  return [...seen.values()];
}

/**
 * What a record's document holds besides the record's own row: for a statement, the latest
 * revision of each of its translations (translations.ts reads them; the indexer, the check
 * and the search's hydration all pass them, so the three agree).
 */
export interface DocExtras { translations?: readonly IndexedTranslation[]; pages?: readonly IndexedPage[] }

/** A source's or statement's saved pages (search/pages.ts): after its own fields, so a snippet prefers those. */
const pageFields = (extras: DocExtras): Field[] => (extras.pages ?? []).map((p) => ({ name: 'page', text: p.text, head: false, label: pageLabel(p) }));

/** The index's view of one live record. */
export function docOf(type: SearchType, r: Rec, extras: DocExtras = {}): DocSource {
  const f = (name: string, text: unknown, head = false): Field | null => (str(text) ? { name, text: text as string, head } : null);
  const id = r.id as string;
  const updated = r.updatedAt as string;
  let fields: (Field | null)[] = [];
  let attrs: DocAttrs;
  switch (type) {
    case 'statement': {
      const st = r as unknown as RecordOf<'statement'>;
      const translations = extras.translations ?? [];
      fields = [
        f('summary', st.summary, true), f('originalText', st.originalText), f('publishedWording', st.publishedWording),
        // After the original and the published wording, so a snippet prefers them when both match.
        // A translation of blank segments only (just started) adds no field, only its terms.
        ...translations.map((t): Field | null => (t.text.trim() ? { name: `translation:${t.lang}`, text: t.text, head: false, label: translationLabel(t) } : null)),
        ...st.hashtags.map((h) => f('hashtag', h)), f('handle', st.handle),
        ...pageFields(extras),
      ];
      attrs = {
        date: st.saidAt, sortAt: st.saidAt ?? updated, status: st.originalStatus, marking: st.marking,
        platform: st.platform ? st.platform.toLowerCase() : null,
        terms: dedupe([
          ...st.hashtags.map((h): [string, string] => ['tag', normTag(h)]),
          ...(st.handle ? [['handle', normTag(st.handle.replace(/^@/, ''))] as [string, string]] : []),
          ...st.mentions.map((m): [string, string] => ['handle', pivotName(m)]),
          ...st.scriptureRefs.flatMap((r) => quranValues(r).map((v): [string, string] => ['quran', v])),
          ...[st.url, ...st.links].filter((u): u is string => !!u).map((u): [string, string] => ['url', pivotUrl(u)]),
          ...langTerms(st.language, st.publishedWordingLanguage),
          ...[st.speakerId, st.onBehalfOfId].filter((x): x is string => !!x).map((x): [string, string] => ['speaker', x]),
          ...translationTerms(translations),
        ]),
      };
      break;
    }
    case 'source': {
      const s = r as unknown as RecordOf<'source'>;
      fields = [f('title', s.title, true), f('publisher', s.publisher), f('author', s.author), f('notes', s.notes), ...pageFields(extras)];
      attrs = {
        date: s.publishedAt, sortAt: s.publishedAt ?? updated, status: null, marking: s.marking, platform: null,
        terms: s.url ? [['url', pivotUrl(s.url)]] : [],
      };
      break;
    }
    case 'note': {
      const n = r as unknown as RecordOf<'note'>;
      fields = [f('body', n.body)];
      attrs = { date: n.createdAt.slice(0, 10), sortAt: updated, status: null, marking: null, platform: null, terms: [] };
      break;
    }
    case 'report': {
      const p = r as unknown as RecordOf<'report'>;
      fields = [f('headline', p.headline, true), f('dateline', p.dateline), f('lead', p.lead), f('body', p.body)];
      attrs = { date: p.createdAt.slice(0, 10), sortAt: updated, status: null, marking: p.marking, platform: null, terms: [] };
      break;
    }
    case 'case': {
      const c = r as unknown as RecordOf<'case'>;
      fields = [f('title', c.title, true), f('summary', c.summary), ...c.tags.map((t) => f('tag', t))];
      attrs = {
        date: c.createdAt.slice(0, 10), sortAt: updated, status: c.status, marking: c.marking, platform: null,
        terms: dedupe(c.tags.map((t): [string, string] => ['tag', normTag(t)])),
      };
      break;
    }
    case 'actor': {
      const a = r as unknown as RecordOf<'actor'>;
      fields = [
        f('name', a.name, true), f('nameOriginal', a.nameOriginal, true),
        ...a.aliases.map((al) => f('alias', al.alias, true)), f('description', a.description),
      ];
      attrs = {
        date: null, sortAt: updated, status: null, marking: null, platform: null,
        terms: dedupe(a.aliases.filter((al) => al.kind === 'handle').map((al): [string, string] => ['handle', normTag(al.alias.replace(/^@/, ''))])),
      };
      break;
    }
  }
  const title = TABLES[type].titleOf(r as never) as string;
  return { type, id, title, fields: fields.filter((x): x is Field => x !== null), attrs };
}

/** Hash of what the index is built from: the fields' text and the attributes. */
export function contentHash(d: DocSource): string {
  const h = crypto.createHash('sha1');
  for (const f of d.fields) h.update(`${f.name}\u0000${f.head ? 1 : 0}\u0000${f.text}\u0001`);
  const { terms, ...rest } = d.attrs;
  h.update(JSON.stringify(rest));
  h.update(JSON.stringify([...terms].sort()));
  return h.digest('base64url');
}

/** The case files a record shows up under: its own case, the cases it is filed in, a note's target's. */
export function casesOf(db: Db, type: SearchType, id: string, r: Rec): string[] {
  switch (type) {
    case 'case': return [id];
    case 'statement': case 'source': case 'report':
      return db.prepare('SELECT case_id FROM case_items WHERE item_type = ? AND item_id = ?').pluck().all(type, id) as string[];
    case 'note': {
      const tt = r.targetType as string;
      const tid = r.targetId as string;
      if (tt === 'case') return [tid];
      if (tt === 'event') return db.prepare('SELECT case_id FROM events WHERE id = ?').pluck().all(tid) as string[];
      if (tt === 'statement' || tt === 'source' || tt === 'report') {
        return db.prepare('SELECT case_id FROM case_items WHERE item_type = ? AND item_id = ?').pluck().all(tt, tid) as string[];
      }
      return [];
    }
    case 'actor': return [];
  }
}

/**
 * casesOf() for a page of records of one type at once (a rebuild or a check reads records a
 * page at a time): record id → its cases, for the records that have any.
 */
export function casesOfPage(db: Db, type: SearchType, ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (ids.length === 0 || type === 'actor') return out;
  if (type === 'case') {
    for (const id of ids) out.set(id, [id]);
    return out;
  }
  const json = JSON.stringify(ids);
  const rows = (type === 'note'
    ? db.prepare(`SELECT n.id, ci.case_id FROM notes n JOIN case_items ci ON ci.item_type = n.target_type AND ci.item_id = n.target_id
        WHERE n.id IN (SELECT value FROM json_each(@ids)) AND n.target_type IN ('statement', 'source', 'report')
      UNION SELECT n.id, n.target_id FROM notes n WHERE n.id IN (SELECT value FROM json_each(@ids)) AND n.target_type = 'case'
      UNION SELECT n.id, e.case_id FROM notes n JOIN events e ON e.id = n.target_id
        WHERE n.id IN (SELECT value FROM json_each(@ids)) AND n.target_type = 'event'`).raw().all({ ids: json })
    : db.prepare('SELECT item_id, case_id FROM case_items WHERE item_type = ? AND item_id IN (SELECT value FROM json_each(?))').raw().all(type, json)) as [string, string][];
  for (const [id, caseId] of rows) {
    const list = out.get(id);
    if (list) list.push(caseId);
    else out.set(id, [caseId]);
  }
  return out;
}

/**
 * The four FTS columns of a document, and how many tokens each holds: `head`, `exact` and
 * `stem` hold its words (tokens.ts), `attrs` its filter values as tokens (attrsTokens).
 */
export interface FtsRow { head: string; exact: string; stem: string; attrs: string; sizes: [number, number, number, number] }

export function ftsRowOf(d: DocSource, cases: readonly string[]): FtsRow {
  const head = columns(d.fields.filter((f) => f.head).map((f) => f.text));
  const body = columns(d.fields.filter((f) => !f.head).map((f) => f.text));
  const stem = head.stem && body.stem ? `${head.stem} ${body.stem}` : head.stem || body.stem;
  const attrs = attrsTokens(d.attrs, cases);
  return {
    head: head.exact, exact: body.exact, stem, attrs: attrs.join(' '),
    sizes: [head.exactCount, body.exactCount, head.stemCount + body.stemCount, attrs.length],
  };
}

// --- filters as tokens -------------------------------------------------------------------
// A query's filters (speaker:, case:, lang:, tag:, translation:, platform:, status:, marking:,
// from:/to:) are part of its full-text MATCH: each filter value of a document is one token of
// the `attrs` column, so FTS5 intersects them with the words in C instead of SQLite probing a
// table for every hit (a common word with speaker: went from about 50 ms to 3 at 100,000
// statements). No query word can ever match one: the query compiler only targets the other
// columns. The tables (search_docs, search_doc_terms, search_doc_cases) still hold the same
// values for queries of filters alone, facets and the check.

/** One letter pair per filter kind; the value follows as 20 hex digits of its SHA-1 (80 bits). */
export const FILTER_KINDS = {
  speaker: 'sp', lang: 'lg', tag: 'tg', translation: 'tr', platform: 'pf', status: 'st', marking: 'mk', case: 'cs',
  // Pivots (issue 14): mention: (a handle), quran:, url:.
  handle: 'hd', quran: 'qr', url: 'ul',
} as const;
export type FilterKind = keyof typeof FILTER_KINDS;

const tokenMemo = new Map<string, string>();

/**
 * The token for one filter value: only ASCII letters and digits, so the `ascii` tokenizer
 * keeps it whole, and the same for the same value on the index and the query side. Values
 * repeat heavily (languages, platforms, speakers), so tokens are remembered.
 */
export function filterToken(kind: FilterKind, value: string): string {
  const key = `${kind}\u0000${value}`;
  let t = tokenMemo.get(key);
  if (t === undefined) {
    if (tokenMemo.size >= 100_000) tokenMemo.clear();
    t = FILTER_KINDS[kind] + crypto.createHash('sha1').update(key).digest('hex').slice(0, 20);
    tokenMemo.set(key, t);
  }
  return t;
}

const DATE_PARTS = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * Tokens for a document's date (a partial date: 2023, 2023-11, 2023-11-01, or with a time):
 * `dy2023` for every date in that year, `dm202311` for every date in that month, `dd20231101`
 * for that day, and `do2023` / `dp202311` for a date given only to the year / the month. A
 * date range is then a union of whole years, months and days (compile.ts dateRangeExpr).
 */
export function dateTokens(date: string | null): string[] {
  const m = date ? DATE_PARTS.exec(date) : null;
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string | undefined, string | undefined];
  const out = [`dy${y}`];
  if (mo === undefined) out.push(`do${y}`);
  else {
    out.push(`dm${y}${mo}`);
    if (d === undefined) out.push(`dp${y}${mo}`);
    else out.push(`dd${y}${mo}${d}`);
  }
  return out;
}

/** The `attrs` column of a document: its cases first, then its other filter values and its date. */
export function attrsTokens(attrs: DocAttrs, cases: readonly string[]): string[] {
  const out = [...new Set(cases)].sort().map((c) => filterToken('case', c));
  for (const [kind, value] of attrs.terms) {
    if (kind === 'speaker' || kind === 'lang' || kind === 'tag' || kind === 'translation' || kind === 'handle' || kind === 'quran' || kind === 'url') {
      out.push(filterToken(kind, value));
    }
  }
  if (attrs.platform) out.push(filterToken('platform', attrs.platform));
  if (attrs.status) out.push(filterToken('status', attrs.status));
  if (attrs.marking) out.push(filterToken('marking', attrs.marking));
  out.push(...dateTokens(attrs.date));
  return out;
}
