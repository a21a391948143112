// What each kind of record puts into the search index: its searchable fields (which also
// give the snippet), the attributes filters and facets use, and a hash of both so a check
// can tell whether the index still says what the record says.
import crypto from 'node:crypto';
import { SearchType } from '../../../shared/domain';
import { foldText } from '../../../shared/text/fold';
import { TABLES, type RecordOf } from '../db/tables';
import type { Db } from '../db/open';
import { columns } from './tokens';
import { translationLabel, translationTerms, type IndexedTranslation } from './translations';

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
  /** [kind, value] pairs: tag, handle, lang, speaker, translation (see translations.ts). */
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
export interface DocExtras { translations?: readonly IndexedTranslation[] }

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
      ];
      attrs = {
        date: st.saidAt, sortAt: st.saidAt ?? updated, status: st.originalStatus, marking: st.marking,
        platform: st.platform ? st.platform.toLowerCase() : null,
        terms: dedupe([
          ...st.hashtags.map((h): [string, string] => ['tag', normTag(h)]),
          ...(st.handle ? [['handle', normTag(st.handle.replace(/^@/, ''))] as [string, string]] : []),
          ...langTerms(st.language, st.publishedWordingLanguage),
          ...[st.speakerId, st.onBehalfOfId].filter((x): x is string => !!x).map((x): [string, string] => ['speaker', x]),
          ...translationTerms(translations),
        ]),
      };
      break;
    }
    case 'source': {
      const s = r as unknown as RecordOf<'source'>;
      fields = [f('title', s.title, true), f('publisher', s.publisher), f('author', s.author), f('notes', s.notes)];
      attrs = { date: s.publishedAt, sortAt: s.publishedAt ?? updated, status: null, marking: s.marking, platform: null, terms: [] };
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

/** The three FTS columns of a document, and how many tokens each holds. */
export interface FtsRow { head: string; exact: string; stem: string; sizes: [number, number, number] }

export function ftsRowOf(d: DocSource): FtsRow {
  const head = columns(d.fields.filter((f) => f.head).map((f) => f.text));
  const body = columns(d.fields.filter((f) => !f.head).map((f) => f.text));
  const stem = head.stem && body.stem ? `${head.stem} ${body.stem}` : head.stem || body.stem;
  return { head: head.exact, exact: body.exact, stem, sizes: [head.exactCount, body.exactCount, head.stemCount + body.stemCount] };
}
