// Entity extraction from captured originals. Input is whatever an analyst
// pasted: Arabic and Latin mixed, platform-injected bidi marks, links glued to
// punctuation. Everything here is a pure function of the text.

import { fold, mapRange } from './fold';
import { FOLDED_SURA_NAME_SOURCE, SURA_COUNT, stripArabicArticle, suraByArabicName, suraVerseCount } from './suras';

export interface ScriptureRef {
  book: 'quran';
  chapter: number;
  verse: number;
  verseEnd?: number;
  /** The citation exactly as written in the original text. */
  text: string;
}

export interface BidiControl {
  index: number;
  char: string;
  name: string;
}

export interface ExtractedEntities {
  hashtags: string[];
  mentions: string[];
  links: string[];
  scriptureRefs: ScriptureRef[];
}

type Span = readonly [start: number, end: number];

function dedupe(values: Iterable<string>, keyOf: (v: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const k = keyOf(v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

// ---------------------------------------------------------------- links

// Characters that can never be inside a link we report: whitespace, HTML
// delimiters, typographic quotes used around links, and invisible format
// characters (RTL posts often wrap links in LRM/LRI, which are not part of it).
const LINK_BODY = '[^\\s<>"«»“”\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\u061C\\uFEFF]+';
const SCHEME_LINK_RE = new RegExp(`(?<![A-Za-z0-9])https?://${LINK_BODY}`, 'giu');
// Bare links to the platforms the monitored material actually comes from.
// The look-behind keeps "max.com/…" and "a@x.com/…" from matching as x.com.
const BARE_LINK_RE = new RegExp(
  `(?<![A-Za-z0-9_.\\-/@:])(?:(?:www\\.|mobile\\.)?(?:twitter|x)\\.com|t\\.me|telegram\\.(?:me|dog))/${LINK_BODY}`,
  'giu',
);
// Any other scheme://… run. Never reported, only masked so that a "#" or "@"
// inside, say, an ftp:// link is not taken for a hashtag or mention.
const OTHER_SCHEME_RE = /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s<>"]+/giu;

const TRAILING_PUNCT = new Set([...'.,;:!?\'"»«…“”‘’،؛؟۔*']);
const BRACKETS: readonly (readonly [open: string, close: string])[] = [['(', ')'], ['[', ']'], ['{', '}']];

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

// Sentence punctuation after a link belongs to the sentence. A closing
// bracket is kept only when the link itself opened it, as in
// https://en.wikipedia.org/wiki/Foo_(bar).
function trimTrailing(url: string): string {
  const unmatchedClosers = new Map<string, number>();
  for (const [open, close] of BRACKETS) unmatchedClosers.set(close, count(url, close) - count(url, open));
  let end = url.length;
  while (end > 0) {
    const last = url.charAt(end - 1);
    const unmatched = unmatchedClosers.get(last);
    if (unmatched !== undefined) {
      if (unmatched <= 0) break;
      unmatchedClosers.set(last, unmatched - 1);
    } else if (!TRAILING_PUNCT.has(last)) {
      break;
    }
    end--;
  }
  return url.slice(0, end);
}

function isWebUrl(candidate: string): boolean {
  // The WHATWG parser forgives "https:///path" by treating "path" as the
  // host; we report links as written, so such text must not pass.
  if (!/^https?:\/\/[^/\\?#]/i.test(candidate)) return false;
  try {
    const parsed = new URL(candidate);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

interface FoundLink {
  start: number;
  end: number;
  url: string;
}

function scanLinks(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const m of text.matchAll(SCHEME_LINK_RE)) {
    const raw = trimTrailing(m[0]);
    if (isWebUrl(raw)) found.push({ start: m.index, end: m.index + raw.length, url: raw });
  }
  // A bare x.com/… inside a full link (a share URL's query string) is part of that link.
  const outside = outsideSpans(found.map((l) => [l.start, l.end] as const));
  for (const m of text.matchAll(BARE_LINK_RE)) {
    if (!outside(m.index)) continue;
    const raw = trimTrailing(m[0]);
    // "t.me/" with nothing after it names no channel or post.
    if (raw.endsWith('/') && raw.indexOf('/') === raw.length - 1) continue;
    const url = `https://${raw}`;
    if (isWebUrl(url)) found.push({ start: m.index, end: m.index + raw.length, url });
  }
  return found.sort((a, b) => a.start - b.start);
}

// Sorted, non-overlapping spans of anything link-like, so hashtags and
// mentions can be checked against them in a single forward pass.
function urlSpans(text: string, links: readonly FoundLink[]): Span[] {
  const spans: Span[] = links.map((l) => [l.start, l.end] as const);
  for (const m of text.matchAll(OTHER_SCHEME_RE)) spans.push([m.index, m.index + m[0].length]);
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of spans) {
    const prev = merged[merged.length - 1];
    if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

// Yields a predicate for increasing positions only; callers walk matches in
// text order, so the cursor never has to move back.
function outsideSpans(spans: readonly Span[]): (index: number) => boolean {
  let k = 0;
  return (index) => {
    while (k < spans.length && (spans[k]?.[1] ?? 0) <= index) k++;
    const span = spans[k];
    return span === undefined || index < span[0];
  };
}

/** http(s) links and bare t.me / x.com / twitter.com links (given an https:// prefix), deduplicated, in order. */
export function extractLinks(text: string): string[] {
  return linksFrom(scanLinks(text));
}

function linksFrom(links: readonly FoundLink[]): string[] {
  return dedupe(links.map((l) => l.url));
}

// ---------------------------------------------------------------- hashtags

// A hashtag needs a boundary before "#": not a word character (so "a#b" and
// the "#frag" of a link are not tags), not "&" ("&#1234;" entities) and not
// "/", "=", "?" or "#" (fragments and query strings the link scan missed).
// ZWNJ/ZWJ are allowed inside because Persian words are spelt with them. A hyphen between
// two letters is kept too: published English renderings of Arabic tags write them that way
// (#Al-Aqsa_Flood for #طوفان_الأقصى), even though the platforms themselves end a tag there.
const TAG_CHAR = '[\\p{L}\\p{M}\\p{Nd}_]';
const HASHTAG_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{Nd}_&/=?#])#(${TAG_CHAR}(?:${TAG_CHAR}|[\\u200C\\u200D](?=${TAG_CHAR})|(?<=\\p{L})-(?=\\p{L}))*)`,
  'gu',
);

/** Hashtags without "#", exactly as written, deduplicated, in first-seen order. */
export function extractHashtags(text: string): string[] {
  return hashtagsFrom(text, urlSpans(text, scanLinks(text)));
}

function hashtagsFrom(text: string, masked: readonly Span[]): string[] {
  const outside = outsideSpans(masked);
  const tags: string[] = [];
  for (const m of text.matchAll(HASHTAG_RE)) {
    if (!outside(m.index)) continue;
    const tag = m[1] ?? '';
    // "#1" or "#٢٠٢٣" is a number sign, not a tag.
    if (/\p{L}/u.test(tag)) tags.push(tag);
  }
  return dedupe(tags);
}

// ---------------------------------------------------------------- mentions

// X and Telegram handles are ASCII letters, digits and underscore. The
// look-behind rejects e-mail addresses (the local part is glued to "@") and
// paths like medium.com/@author; the look-ahead rejects handles that run past
// 32 characters and fediverse addresses (@user@host).
const MENTION_RE = /(?<![A-Za-z0-9_.+\-!#$%&'*=?^`{|}~@/])@([A-Za-z0-9_]{1,32})(?![A-Za-z0-9_@])/g;

/**
 * Mentioned handles without "@", in first-seen order. Deduplicated without
 * regard to case, because both platforms treat @Name and @name as one account;
 * the first spelling seen is kept.
 */
export function extractMentions(text: string): string[] {
  return mentionsFrom(text, urlSpans(text, scanLinks(text)));
}

function mentionsFrom(text: string, masked: readonly Span[]): string[] {
  const outside = outsideSpans(masked);
  const handles: string[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    if (outside(m.index)) handles.push(m[1] ?? '');
  }
  return dedupe(handles, (h) => h.toLowerCase());
}

// ---------------------------------------------------------------- bidi controls

const BIDI_NAMES: Readonly<Record<string, string>> = {
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};

/** Every bidi control character with its UTF-16 index, e.g. to warn about RLO-reordered text. */
export function findBidiControls(text: string): BidiControl[] {
  const out: BidiControl[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const name = BIDI_NAMES[char];
    if (name !== undefined) out.push({ index: i, char, name });
  }
  return out;
}

/**
 * Characters that take no room on screen (bidi controls aside): they can split a word so it is
 * not found, or join what looks apart. The zero-width non-joiner (U+200C) is left out on
 * purpose: Persian spells with it, so it is part of ordinary text.
 */
const INVISIBLE_NAMES: Readonly<Record<string, string>> = {
  '\u200B': 'ZWSP',
  '\u200D': 'ZWJ',
  '\u00AD': 'SHY',
  '\u2060': 'WJ',
  '\uFEFF': 'ZWNBSP',
};

export interface HiddenCharacter extends BidiControl {
  /** A direction control (reorders text) or an invisible character (zero-width, soft hyphen). */
  kind: 'direction' | 'invisible';
}

/** Every bidi control and invisible character with its UTF-16 index: what Inspect reveals. */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const out: HiddenCharacter[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const bidi = BIDI_NAMES[char];
    if (bidi !== undefined) out.push({ index: i, char, name: bidi, kind: 'direction' });
    else {
      const name = INVISIBLE_NAMES[char];
      if (name !== undefined) out.push({ index: i, char, name, kind: 'invisible' });
    }
  }
  return out;
}

// ---------------------------------------------------------------- scripture references
//
// Citations are matched on the FOLDED text: that single step removes harakat,
// tatweel, case, diacritics, the apostrophe in "Qur'an"/"Qurʾān", bidi marks
// that platforms wrap around numbers, and turns Arabic-Indic digits into ASCII.
// The fold map then gives back the span as written.

const AR_LETTER = '[\\u0621-\\u063F\\u0641-\\u064A\\u066E-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FF\\u0750-\\u077F\\u08A0-\\u08D2]';
const NOT_AFTER_AR = `(?!${AR_LETTER})`;
const NOT_BEFORE_AR = `(?<!${AR_LETTER})`;
// Whitespace inside a citation is bounded, and an optional separator always
// carries its own trailing whitespace (WS(?:sep WS)? rather than WS sep? WS):
// two adjacent unbounded runs backtrack quadratically on long blank stretches.
const WS = '\\s{0,6}';
const WS1 = '\\s{1,6}';
const DASH = '[-\\u2010-\\u2015\\u2212]';
const NAME_AR = `(?<name>${FOLDED_SURA_NAME_SOURCE})${NOT_AFTER_AR}`;
// و/ف/ب/ل attach to the following word in Arabic script ("وسورة", "بسورة").
const SURA_WORD = `(?:[وفبل])?سوره`;
// الآية / آية / الآيات / الآيتان (folded), optionally followed by رقم and ":".
const AYA_WORD = `(?:[وفبل])?(?:ال)?(?:ايه|ايات|ايتان|ايتين)${NOT_AFTER_AR}(?:${WS}رقم)?${WS}(?::${WS})?`;
const NUM_AR = `(?:من${WS})?(?<v>\\d{1,3})(?!\\d)(?:${WS}(?:${DASH}|الي|حتي)${WS}(?<ve>\\d{1,3})(?!\\d))?`;
const OPEN = '[\\[({\\uFD3E\\uFD3F]';
const CLOSE = '[\\])}\\uFD3E\\uFD3F]';

// [الأنفال: 17]  (سورة الأنفال، الآية ١٧)  [التوبة: 5، 29]
const AR_BRACKETED_RE = new RegExp(
  `${OPEN}${WS}(?<sura>${SURA_WORD}${WS1})?${NAME_AR}${WS}(?:(?<sep>[:/،,]|${DASH})${WS})?(?<aya>${AYA_WORD})?${NUM_AR}` +
    `(?<list>(?:${WS}(?:[,،]|و)${WS}\\d{1,3}(?!\\d)(?:${WS}${DASH}${WS}\\d{1,3}(?!\\d))?)*)${WS}${CLOSE}`,
  'gu',
);
// سورة الأنفال، الآية 17   سورة الأنفال: 17
const AR_SURA_FIRST_RE = new RegExp(
  `${NOT_BEFORE_AR}${SURA_WORD}${WS1}${NAME_AR}${WS}(?:(?:[،,]${WS})?${AYA_WORD}|:${WS})${NUM_AR}`,
  'gu',
);
// الآية 17 من سورة الأنفال
const AR_VERSE_FIRST_RE = new RegExp(
  `${NOT_BEFORE_AR}${AYA_WORD}${NUM_AR}${WS}(?:(?:من|في)${WS1})?${SURA_WORD}${WS1}${NAME_AR}`,
  'gu',
);
const AR_LIST_ITEM_RE = new RegExp(`(\\d{1,3})(?:${WS}${DASH}${WS}(\\d{1,3}))?`, 'gu');

const QURAN_WORD = '(?:quran|koran|qoran|kuran|coran)';
const SURAH_WORD = '(?:surah|surat|sura|soorah)';
const NAME_EN = `\\p{L}[\\p{L}\\-]*(?:${WS1}\\p{L}[\\p{L}\\-]*){0,2}`;
// After a bare "Quran" only a transliterated name with its article is taken
// ("Quran al-Anfal 8:17"); any words would let "Quran class at 8:30" through.
const ARTICLE_NAME_EN = `(?:a[lnrstdz]|ash|adh|ath|el|ul)(?:-|${WS1})\\p{L}[\\p{L}\\-]*(?:${WS1}\\p{L}[\\p{L}\\-]*)?`;
const CHAPTER_VERSE =
  `(?<ch>\\d{1,3})(?:${WS}:${WS}|\\.(?=\\d)|${WS}(?:,${WS})?(?:verses?|ayahs?|ayat|aya|vv?\\.?)${WS})(?<v>\\d{1,3})(?![\\d:])` +
  `(?:${WS}${DASH}${WS}(?:(?<ch2>\\d{1,3})${WS}:${WS})?(?<ve>\\d{1,3})(?![\\d:]))?`;
// Quran 8:17, Qur'an, 8:17, Surah 8:17, Surat al-Anfal 8:17, Quran al-Anfal 8:17.
// A sura name is only accepted after Quran/Surah: "al-Anfal 8:17" alone is
// not distinguishable from other "word n:n" text.
const EN_LEAD_SURAH = `(?:${QURAN_WORD}${WS}(?:[,:]${WS})?)?${SURAH_WORD}(?!\\p{L})(?:${WS}(?:[,:]${WS})?${NAME_EN})?`;
const EN_LEAD_QURAN = `${QURAN_WORD}(?!\\p{L})(?:${WS}(?:[,:]${WS})?${ARTICLE_NAME_EN})?`;
const EN_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${EN_LEAD_SURAH}|${EN_LEAD_QURAN})${WS}(?:[,:]${WS})?${CHAPTER_VERSE}`,
  'gu',
);
// The academic short form "Q 9:29" / "Q. 9:29" / "Q9:29".
const EN_Q_RE = new RegExp(`(?<![\\p{L}\\p{N}.])q\\.?${WS}${CHAPTER_VERSE}`, 'gu');

const BRACKET_PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '\uFD3F': '\uFD3E', '\uFD3E': '\uFD3F' };

interface RefCandidate {
  start: number; // folded
  end: number; // folded
  chapter: number;
  verses: { verse: number; verseEnd?: number }[];
}

function verseSpec(chapter: number, verse: number, verseEnd: number | undefined, endChapter?: number): { verse: number; verseEnd?: number } | undefined {
  const max = suraVerseCount(chapter);
  if (chapter < 1 || chapter > SURA_COUNT || verse < 1 || verse > max) return undefined;
  // A backwards, cross-sura or out-of-range end is dropped rather than
  // guessed at; the start verse is still a good reference.
  if (verseEnd === undefined || verseEnd <= verse || verseEnd > max) return { verse };
  if (endChapter !== undefined && endChapter !== chapter) return { verse };
  return { verse, verseEnd };
}

function toInt(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number.parseInt(s, 10);
}

// Inside brackets a sura name is also an ordinary word: "(يوسف، 23)" is a
// name and an age, "(ص 45)" is the usual abbreviation for "page 45". Without
// "سورة", only "name: n", "name/n" or "name، الآية n" is read as a citation,
// and the one-letter names ص ق ن need "سورة" in every case.
function bracketedLooksLikeCitation(g: Record<string, string | undefined>): boolean {
  if (g.sura !== undefined) return true;
  if (stripArabicArticle(g.name ?? '').trim().length <= 1) return false;
  return g.aya !== undefined || g.sep === ':' || g.sep === '/';
}

function arabicCandidates(folded: string, re: RegExp, out: RefCandidate[]): void {
  for (const m of folded.matchAll(re)) {
    const g = m.groups ?? {};
    if (re === AR_BRACKETED_RE && !bracketedLooksLikeCitation(g)) continue;
    const chapter = suraByArabicName(g.name ?? '');
    const verse = toInt(g.v);
    if (chapter === undefined || verse === undefined) continue;
    const verses: RefCandidate['verses'] = [];
    const first = verseSpec(chapter, verse, toInt(g.ve));
    if (first) verses.push(first);
    for (const item of (g.list ?? '').matchAll(AR_LIST_ITEM_RE)) {
      const v = toInt(item[1]);
      const spec = v === undefined ? undefined : verseSpec(chapter, v, toInt(item[2]));
      if (spec) verses.push(spec);
    }
    if (verses.length > 0) out.push({ start: m.index, end: m.index + m[0].length, chapter, verses });
  }
}

function englishCandidates(folded: string, re: RegExp, out: RefCandidate[]): void {
  for (const m of folded.matchAll(re)) {
    const g = m.groups ?? {};
    const chapter = toInt(g.ch);
    const verse = toInt(g.v);
    if (chapter === undefined || verse === undefined) continue;
    const spec = verseSpec(chapter, verse, toInt(g.ve), toInt(g.ch2));
    if (spec) out.push({ start: m.index, end: m.index + m[0].length, chapter, verses: [spec] });
  }
}

// "(Quran 8:17)" and "[Quran, 8:17]" are reported with their brackets, like
// the Arabic "[الأنفال: 17]" whose brackets are part of the form.
function widenToBrackets(folded: string, c: RefCandidate): void {
  const before = folded.charAt(c.start - 1);
  const close = BRACKET_PAIRS[before];
  if (close !== undefined && folded.charAt(c.end) === close) {
    c.start -= 1;
    c.end += 1;
  }
}

/** Quran citations in English or Arabic form, deduplicated by (chapter, verse, verseEnd), in order of appearance. */
export function extractScriptureRefs(text: string): ScriptureRef[] {
  const { folded, map } = fold(text);
  const candidates: RefCandidate[] = [];
  arabicCandidates(folded, AR_BRACKETED_RE, candidates);
  arabicCandidates(folded, AR_SURA_FIRST_RE, candidates);
  arabicCandidates(folded, AR_VERSE_FIRST_RE, candidates);
  englishCandidates(folded, EN_RE, candidates);
  englishCandidates(folded, EN_Q_RE, candidates);
  for (const c of candidates) widenToBrackets(folded, c);

  // Where forms overlap (a bracketed citation also contains "سورة …: n"),
  // the earliest, then longest, reading wins.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const refs: ScriptureRef[] = [];
  const seen = new Set<string>();
  let taken = 0;
  for (const c of candidates) {
    if (c.start < taken) continue;
    taken = c.end;
    const start = map[c.start] ?? text.length;
    const [, end] = mapRange(map, c.start, c.end, text.length, text);
    const written = text.slice(start, end);
    for (const { verse, verseEnd } of c.verses) {
      const key = `${c.chapter}:${verse}:${verseEnd ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push({
        book: 'quran',
        chapter: c.chapter,
        verse,
        ...(verseEnd !== undefined ? { verseEnd } : {}),
        text: written,
      });
    }
  }
  return refs;
}

// ---------------------------------------------------------------- spans

export type EntityKind = 'hashtag' | 'mention' | 'link' | 'scripture';

/** Where an entity is written: original.slice(start, end) is it, "#" or "@" included. */
export interface EntitySpan {
  kind: EntityKind;
  start: number;
  end: number;
}

/**
 * Where the hashtags, mentions, links and scripture references are in `text` (as extractAll
 * finds them), in order and never overlapping (a link wins over what is inside it; between a
 * scripture reference and a tag, the one that starts first, then the longer). For display:
 * each is isolated from the text around it, so "#طوفان_الأقصى #Al_Aqsa_Flood" does not turn
 * into "Al_Aqsa_Flood#".
 */
export function findEntities(text: string): EntitySpan[] {
  const links = scanLinks(text);
  const masked = urlSpans(text, links);
  const spans: EntitySpan[] = links.map((l) => ({ kind: 'link' as const, start: l.start, end: l.end }));
  const outsideTags = outsideSpans(masked);
  for (const m of text.matchAll(HASHTAG_RE)) {
    if (outsideTags(m.index) && /\p{L}/u.test(m[1] ?? '')) spans.push({ kind: 'hashtag', start: m.index, end: m.index + m[0].length });
  }
  const outsideMentions = outsideSpans(masked);
  for (const m of text.matchAll(MENTION_RE)) {
    if (outsideMentions(m.index)) spans.push({ kind: 'mention', start: m.index, end: m.index + m[0].length });
  }
  const { folded, map } = fold(text);
  const candidates: RefCandidate[] = [];
  arabicCandidates(folded, AR_BRACKETED_RE, candidates);
  arabicCandidates(folded, AR_SURA_FIRST_RE, candidates);
  arabicCandidates(folded, AR_VERSE_FIRST_RE, candidates);
  englishCandidates(folded, EN_RE, candidates);
  englishCandidates(folded, EN_Q_RE, candidates);
  for (const c of candidates) {
    widenToBrackets(folded, c);
    const [start, end] = mapRange(map, c.start, c.end, text.length, text);
    spans.push({ kind: 'scripture', start, end });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: EntitySpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) continue;
    out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------- all

export function extractAll(text: string): ExtractedEntities {
  const links = scanLinks(text);
  const masked = urlSpans(text, links);
  return {
    hashtags: hashtagsFrom(text, masked),
    mentions: mentionsFrom(text, masked),
    links: linksFrom(links),
    scriptureRefs: extractScriptureRefs(text),
  };
}
