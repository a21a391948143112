// Pivots: the values a record shares with others (a hashtag, a handle, a Quran verse, a URL),
// as the search index keeps them and as a search query names them. The index (electron/core/
// search/documents.ts) and the links the app draws from a record both go through these, so a
// pivot from a record always finds that record again.
import { foldText } from './fold';

/** A hashtag or a handle as filters compare it: folded, without the leading # or @. */
export function pivotName(v: string): string {
  return foldText(v.trim().replace(/^[#＃@＠]+/, '')).trim();
}

/**
 * A URL as filters compare it: folded (case, digits, invisible characters), without the scheme,
 * a leading www., the fragment and trailing slashes, so http://X.com/a/ and https://www.x.com/a
 * are one address.
 */
export function pivotUrl(u: string): string {
  return foldText(u.trim())
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/#.*$/s, '')
    .replace(/\/+$/, '');
}

/** At most this many verses of one range are indexed (a range of a whole sura names its sura). */
const MAX_RANGE = 300;

/** The Quran values of a reference: its sura ("8"), and each verse it covers ("8:17", "8:18"). */
export function quranValues(ref: { chapter: number; verse: number; verseEnd?: number | undefined }): string[] {
  const out = [String(ref.chapter)];
  const end = Math.min(Math.max(ref.verseEnd ?? ref.verse, ref.verse), ref.verse + MAX_RANGE);
  for (let v = ref.verse; v <= end; v++) out.push(`${ref.chapter}:${v}`);
  return out;
}

/**
 * A `quran:` filter value (8, 8:17, 8:17-19; Arabic-Indic digits fold to ASCII) as the values
 * it may match, or null when it is not one.
 */
export function parseQuranValue(value: string): string[] | null {
  const m = /^(\d{1,3})(?::(\d{1,3})(?:-(\d{1,3}))?)?$/.exec(foldText(value.trim()).replace(/\s+/g, ''));
  if (!m) return null;
  const chapter = Number(m[1]);
  if (chapter < 1 || chapter > 114) return null;
  if (m[2] === undefined) return [String(chapter)];
  const verse = Number(m[2]);
  const end = m[3] === undefined ? verse : Number(m[3]);
  if (verse < 1 || end < verse) return null;
  return quranValues({ chapter, verse, verseEnd: end }).slice(1);
}

/** How a value is quoted in a query (a value with a space or a quote needs the quotes). */
function q(v: string): string {
  return /^[^\s"]+$/.test(v) ? v : `"${v.replace(/"/g, '')}"`;
}

export type PivotKind = 'tag' | 'mention' | 'quran' | 'url' | 'speaker';

/** The search query that lists every record sharing this value. */
export function pivotQuery(kind: PivotKind, value: string): string {
  switch (kind) {
    case 'tag': return `tag:${q(value.trim().replace(/^[#＃]+/, ''))}`;
    case 'mention': return `mention:${q(value.trim().replace(/^[@＠]+/, ''))}`;
    case 'quran': return `quran:${value}`;
    case 'url': return `url:${q(value.trim())}`;
    case 'speaker': return `speaker:${value}`;
  }
}
