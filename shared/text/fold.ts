// Search folding shared by the indexer and the query parser. Both sides MUST go
// through foldText/fold: the index only matches a query if the two were folded
// by the same function, so every rule here is a decision about what analysts
// consider "the same word" (diacritized vs bare Arabic, Persian vs Arabic
// letter shapes, transliterations with and without ayn/hamza marks).
//
// Folding is done one code point at a time. That is slightly weaker than
// normalising the whole string (a precomposed Hangul syllable and the same
// syllable spelt in conjoining jamo stay different), but it is what lets us
// say exactly which original character produced each folded character, which
// the UI needs to put a highlight found in folded text back on the original.

export interface FoldResult {
  folded: string;
  /** map[i] = index (UTF-16) in the original string of the character that produced folded[i]. */
  map: Int32Array;
}

const TATWEEL = 0x0640;

// Characters that vanish entirely. Harakat, Quranic annotation marks and
// tatweel are optional in Arabic writing; invisible format characters (zero
// width, bidi controls) are routinely injected by copy/paste, by platforms, or
// deliberately to defeat keyword matching.
function isDropped(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // Latin (and Greek/Cyrillic) combining diacritics, after NFD
    (cp >= 0x064b && cp <= 0x065f) ||
    cp === 0x0670 || // superscript (dagger) alef
    (cp >= 0x06d6 && cp <= 0x06ed) ||
    (cp >= 0x08d3 && cp <= 0x08ff) ||
    cp === TATWEEL ||
    (cp >= 0x200b && cp <= 0x200f) || // ZWSP, ZWNJ, ZWJ, LRM, RLM
    cp === 0x2060 ||
    cp === 0xfeff ||
    cp === 0x061c ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    isApostropheLike(cp)
  );
}

// Transliterations of ayn and hamza are written ’ ‘ ʿ ʾ ' ` (or left out) at
// random across sources, so "Ka'bi", "Ka‘bi", "Kaʿbī" and "Kabi" must meet.
// Dropping the sign instead of unifying it is what makes the unmarked
// spelling match too. The cost is that English contractions fold as well
// ("don't" → "dont"), which is harmless because queries fold the same way.
// ´ is listed because NFKC would otherwise turn it into a space plus a
// combining accent and split the word.
function isApostropheLike(cp: number): boolean {
  return (
    cp === 0x0027 || // '
    cp === 0x0060 || // `
    cp === 0x00b4 || // ´
    cp === 0x2018 || // ‘
    cp === 0x2019 || // ’
    cp === 0x201b || // ‛
    cp === 0x2032 || // ′ (prime, used as a quote by some keyboards)
    cp === 0x02bb || // ʻ
    cp === 0x02bc || // ʼ
    cp === 0x02be || // ʾ
    cp === 0x02bf //    ʿ
  );
}

const ALEF = 'ا';
const YEH = 'ي';

// One-to-one (or one-to-few) letter substitutions applied after NFKC/NFD.
const LETTER_MAP = new Map<number, string>([
  // Hamza/madda alef forms and wasla: writers omit hamza on alef constantly.
  [0x0622, ALEF], // آ
  [0x0623, ALEF], // أ
  [0x0625, ALEF], // إ
  [0x0671, ALEF], // ٱ
  [0x0672, ALEF], // ٲ
  [0x0673, ALEF], // ٳ
  // Hamza on a seat: we keep the seat letter and drop the hamza (ؤ → و,
  // ئ → ي) rather than mapping both to a bare ء, because casual writing
  // drops the hamza and leaves the seat ("مسؤول"/"مسوول", "رئيس"/"ريس").
  // NFD already splits these into seat + U+0654, which isDropped removes;
  // the explicit entries document the choice and guard against that
  // decomposition being bypassed.
  [0x0624, 'و'],
  [0x0626, YEH],
  // Alef maqsura vs yeh and ta marbuta vs heh are confused in Egyptian and
  // general informal spelling ("علي"/"على", "الكعبة"/"الكعبه").
  [0x0649, YEH],
  [0x0629, 'ه'],
  // Persian/Urdu keyboards produce these shapes for the same Arabic letters.
  [0x06a9, 'ك'], // ک
  [0x06cc, YEH], // ی
  // Full case folding where the lower-case form is still ambiguous.
  [0x00df, 'ss'], // ß (ẞ lower-cases to it first)
  [0x03c2, 'σ'], //  final sigma
]);
for (let d = 0; d <= 9; d++) {
  LETTER_MAP.set(0x0660 + d, String(d)); // Arabic-Indic
  LETTER_MAP.set(0x06f0 + d, String(d)); // Extended Arabic-Indic (Persian/Urdu)
}

// Per-code-point results are memoised: the fold runs over whole case files
// on every re-index and the distinct characters in them number in the hundreds.
const cache = new Map<number, string>();

function foldNonAscii(cp: number, ch: string): string {
  if (isDropped(cp)) return '';
  const cached = cache.get(cp);
  if (cached !== undefined) return cached;

  const compat = ch.normalize('NFKC').toLowerCase();
  let out = '';
  let droppedSomething = false;
  for (const part of compat.normalize('NFD')) {
    const pcp = part.codePointAt(0) ?? 0;
    if (isDropped(pcp)) {
      droppedSomething = true;
      continue;
    }
    out += LETTER_MAP.get(pcp) ?? part;
  }
  // Spacing forms of diacritics (¨, ˜, the isolated harakat U+FE70–FE7E)
  // decompose to space + mark; without the mark only a stray space would
  // be left in the middle of a word.
  if (droppedSomething && out.trim() === '') out = '';
  // Recompose what survives so non-Latin letters built from marks we keep
  // (e.g. kana with dakuten) match their precomposed spelling.
  out = out.normalize('NFC');
  cache.set(cp, out);
  return out;
}

function foldCodePoint(cp: number, ch: string): string {
  if (cp < 0x80) {
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 0x20);
    if (cp === 0x27 || cp === 0x60) return '';
    return ch;
  }
  return foldNonAscii(cp, ch);
}

/** Folds text for search and reports, for each folded UTF-16 unit, the original index that produced it. */
export function fold(text: string): FoldResult {
  const parts: string[] = [];
  let map = new Int32Array(text.length + 16);
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const out = foldCodePoint(cp, width === 1 ? text.charAt(i) : text.slice(i, i + 2));
    if (out.length > 0) {
      if (n + out.length > map.length) {
        const grown = new Int32Array(Math.max(map.length * 2, n + out.length));
        grown.set(map.subarray(0, n));
        map = grown;
      }
      for (let k = 0; k < out.length; k++) map[n++] = i;
      parts.push(out);
    }
    i += width;
  }
  return { folded: parts.join(''), map: map.slice(0, n) };
}

/** The folded string alone, for indexing and for queries. */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    out += foldCodePoint(cp, width === 1 ? text.charAt(i) : text.slice(i, i + 2));
    i += width;
  }
  return out;
}

function isTrailingMark(cp: number): boolean {
  return cp === TATWEEL || /\p{M}/u.test(String.fromCodePoint(cp));
}

/**
 * Maps the folded range [foldedStart, foldedEnd) back to the original string.
 *
 * The end is pushed past characters the fold removed after the last matched
 * character, so a highlight on "بسم" covers "بِسْمِ" with its final kasra and a
 * highlight on "الكعبي" covers its tatweel. With only the map we cannot tell a
 * removed mark from a removed apostrophe or bidi control, so the whole removed
 * run up to the next surviving character is taken. Passing `original` narrows
 * that to combining marks and tatweel, which is what a highlight should cover.
 */
export function mapRange(
  map: ArrayLike<number>,
  foldedStart: number,
  foldedEnd: number,
  originalLength: number,
  original?: string,
): [number, number] {
  const len = map.length;
  const s = Math.max(0, Math.min(Math.trunc(foldedStart), len));
  const e = Math.max(s, Math.min(Math.trunc(foldedEnd), len));
  if (s === e) {
    const at = s < len ? (map[s] ?? originalLength) : originalLength;
    return [at, at];
  }
  const start = map[s] ?? originalLength;
  const last = map[e - 1] ?? start;
  let next = originalLength;
  for (let j = e; j < len; j++) {
    const m = map[j] ?? originalLength;
    if (m !== last) {
      next = m;
      break;
    }
  }
  if (original === undefined) return [start, next];

  const lastCp = original.codePointAt(last) ?? 0;
  let end = Math.min(last + (lastCp > 0xffff ? 2 : 1), next);
  while (end < next) {
    const cp = original.codePointAt(end) ?? 0;
    if (!isTrailingMark(cp)) break;
    end += cp > 0xffff ? 2 : 1;
  }
  return [start, end];
}
