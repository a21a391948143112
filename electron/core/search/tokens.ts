// How text becomes index tokens. Everything is folded first (shared/text/fold), then split
// into words here, in JavaScript, and written to FTS5 as space-separated tokens for the
// `ascii` tokenizer, which then only splits on those spaces. So SQLite never sees raw
// text (its unicode61 tokenizer treats harakat as word breaks) and the index, the query
// compiler and the highlighter all agree on what a word is, because they all come here.
import { foldText } from '../../../shared/text/fold';
import { stemToken } from '../../../shared/text/stem';

/** Letters, digits, combining marks (Indic vowel signs) and private-use characters make words. */
export const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Co}]$/u;

/** Words of already folded text. */
export function tokens(folded: string): string[] {
  return folded.match(WORD) ?? [];
}

export interface TokenSpan { token: string; start: number; end: number }

/** Words of folded text with their UTF-16 offsets in it (for highlighting). */
export function tokenSpans(folded: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (const m of folded.matchAll(WORD)) out.push({ token: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

// Stems repeat heavily (a Zipf vocabulary); memoising them makes stemming nearly free.
const stemCache = new Map<string, string>();
export function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    if (stemCache.size > 500_000) stemCache.clear();
    s = stemToken(token);
    stemCache.set(token, s);
  }
  return s;
}

// --- the indexer's fast path -------------------------------------------------------------
// fold() works one code point at a time and the word pattern looks at one code point at a
// time, so `tokens(foldText(text))` can be computed in a single pass with two lookup tables
// over BMP code units, filled lazily from foldText itself: the same rules, without building
// the folded string and running a Unicode regex over it. Astral code points take the slow
// path. A unit test checks that both ways give the same words.

const FOLDED: (string | undefined)[] = new Array(0x10000);
/** 0 = not yet known, 1 = word character, 2 = separator (for a folded BMP unit). */
const CLASS = new Uint8Array(0x10000);

function classOf(u: number): number {
  let c = CLASS[u] as number;
  if (c === 0) {
    c = WORD_CHAR.test(String.fromCharCode(u)) ? 1 : 2;
    CLASS[u] = c;
  }
  return c;
}

/**
 * What one BMP unit becomes, in one number: the folded word unit (> 0), or one of these.
 * 0 means not yet computed. Units that fold to several characters take the general path.
 */
const FAST = new Int32Array(0x10000);
const DROPPED = -1;
const SEPARATOR = -2;
const COMPLEX = -3;

function fastCode(c: number): number {
  let f = FOLDED[c];
  if (f === undefined) {
    f = foldText(String.fromCharCode(c));
    FOLDED[c] = f;
  }
  let code: number;
  if (f.length === 0) code = DROPPED;
  else if (f.length === 1 && !(f.charCodeAt(0) >= 0xd800 && f.charCodeAt(0) <= 0xdfff)) code = classOf(f.charCodeAt(0)) === 1 ? f.charCodeAt(0) : SEPARATOR;
  else code = COMPLEX;
  FAST[c] = code;
  return code;
}

let buf = new Uint16Array(256);

/**
 * The UTF-16 units a character folds to when it folds to several (FOLDED): the units of a word
 * go to `unit`, anything else ends the word.
 */
function foldedUnits(f: string, unit: (u: number) => void, wordBreak: () => void): void {
  for (let k = 0; k < f.length; k++) {
    const u = f.charCodeAt(k);
    if (u >= 0xd800 && u <= 0xdfff) {
      const cp = f.slice(k, k + 2);
      k++;
      if (WORD_CHAR.test(cp)) for (let j = 0; j < cp.length; j++) unit(cp.charCodeAt(j));
      else wordBreak();
    } else if (classOf(u) === 1) unit(u);
    else wordBreak();
  }
}

/**
 * Calls `onWord(word, start, end)` for each word of `tokens(foldText(text))`, with the
 * original offsets of the first and just past the last character that produced it; stops
 * when the callback returns true. Offsets are for finding a match; the exact highlight is
 * still mapped through fold()'s offset map (snippet.ts).
 */
export function scanWords(text: string, onWord: (word: string, start: number, end: number) => boolean | void): void {
  let n = 0;
  let start = -1;
  let end = 0;
  let stop = false;
  const push = (u: number, from: number, to: number) => {
    if (n === buf.length) {
      const grown = new Uint16Array(buf.length * 2);
      grown.set(buf);
      buf = grown;
    }
    if (n === 0) start = from;
    buf[n++] = u;
    end = to;
  };
  const flush = () => {
    if (n > 0) {
      const w = n < 4096 ? String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]) : new TextDecoder('utf-16le').decode(buf.subarray(0, n));
      n = 0;
      if (onWord(w, start, end) === true) stop = true;
    }
  };
  const len = text.length;
  for (let i = 0; i < len && !stop; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (n === 0 && isAsciiAlnum(c)) {
        // A run of ASCII letters and digits (most English words) is sliced out whole when it
        // ends on ASCII too; a word that goes on into other letters takes the general path.
        let j = i + 1;
        let quotes = false;
        for (; j < len; j++) {
          const d = text.charCodeAt(j);
          if (isAsciiAlnum(d)) continue;
          if (d === 0x27 || d === 0x60) { quotes = true; continue; }
          break;
        }
        if (j === len || text.charCodeAt(j) < 0x80) {
          let w = text.slice(i, j).toLowerCase();
          if (quotes) w = w.replace(/['`]/g, '');
          if (onWord(w, i, lastAlnumEnd(text, i, j)) === true) stop = true;
          i = j - 1;
          continue;
        }
      }
      if (c >= 0x61 && c <= 0x7a) push(c, i, i + 1);
      else if (c >= 0x41 && c <= 0x5a) push(c + 0x20, i, i + 1);
      else if (c >= 0x30 && c <= 0x39) push(c, i, i + 1);
      else if (c !== 0x27 && c !== 0x60) flush(); // apostrophes fold away inside words
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair (or a lone surrogate): fold and classify it the slow, exact way.
      const at = i;
      const pair = c <= 0xdbff && i + 1 < len ? text.slice(i, i + 2) : text.charAt(i);
      if (pair.length === 2) i++;
      for (const cp of foldText(pair)) {
        if (WORD_CHAR.test(cp)) for (let k = 0; k < cp.length; k++) push(cp.charCodeAt(k), at, i + 1);
        else flush();
      }
      continue;
    }
    let code = FAST[c] as number;
    if (code === 0) code = fastCode(c);
    if (code > 0) push(code, i, i + 1);
    else if (code === DROPPED) continue;
    else if (code === SEPARATOR) flush();
    else {
      foldedUnits(FOLDED[c] as string, (u) => push(u, i, i + 1), flush);
    }
  }
  if (!stop) flush();
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Just past the last letter or digit of text[from..to) (trailing apostrophes are not part of the word). */
function lastAlnumEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && !isAsciiAlnum(text.charCodeAt(e - 1))) e--;
  return e;
}

/** `tokens(foldText(text))`, appended to `out`. */
export function wordsInto(text: string, out: string[]): void {
  scanWords(text, (w) => { out.push(w); });
}

/** Folded words of a piece of user or record text. */
export function words(text: string): string[] {
  const out: string[] = [];
  wordsInto(text, out);
  return out;
}

/**
 * Written between two fields of one column so that a phrase never matches across them.
 * The query side can never produce it: it is not a word character.
 */
export const FIELD_BREAK = '\u00b7';

export interface ColumnText {
  exact: string;
  /** Stems of the words whose stem differs from the word, in order (see compile.ts). */
  stem: string;
  /** How many FTS tokens each column holds (the field breaks count), for the index check. */
  exactCount: number;
  stemCount: number;
}

// The indexer's inner loop. Words are written straight into a UTF-16 buffer (decoded once
// per column) and their stems are looked up in an open-addressing table keyed by the
// buffer's characters, so no string is made for a word the table has seen before. This is
// `tokens(foldText(t))` + stemToken, only several times faster; a unit test compares them.

// The table is an Int32Array of slots pointing into dense entry arrays: small enough to stay
// in cache (a sparse table of strings made every lookup a few cache misses).
const STEM_SLOTS = 1 << 19;
const MAX_ENTRIES = STEM_SLOTS >> 1;
const slots = new Int32Array(STEM_SLOTS); // entry index + 1; 0 = free
const entryHash = new Int32Array(MAX_ENTRIES);
let entryKey: string[] = [];
let entryStem: (string | null)[] = [];

let out = new Uint16Array(1 << 16);
const utf16 = new TextDecoder('utf-16le');

function decode(from: number, to: number): string {
  return to - from < 48 ? String.fromCharCode.apply(null, out.subarray(from, to) as unknown as number[]) : utf16.decode(out.subarray(from, to));
}

/** The stem of out[from..to) (hash h), or null when it is the word itself. */
function stemAt(from: number, to: number, h: number): string | null {
  const n = to - from;
  let i = h & (STEM_SLOTS - 1);
  for (;;) {
    const e = slots[i] as number;
    if (e === 0) break;
    if (entryHash[e - 1] === h) {
      const key = entryKey[e - 1] as string;
      if (key.length === n) {
        let k = 0;
        while (k < n && key.charCodeAt(k) === out[from + k]) k++;
        if (k === n) return entryStem[e - 1] as string | null;
      }
    }
    i = (i + 1) & (STEM_SLOTS - 1);
  }
  if (entryKey.length >= MAX_ENTRIES) {
    slots.fill(0);
    entryKey = [];
    entryStem = [];
    i = h & (STEM_SLOTS - 1);
  }
  const word = decode(from, to);
  const st = stem(word);
  const value = st === word ? null : st;
  entryHash[entryKey.length] = h;
  entryKey.push(word);
  entryStem.push(value);
  slots[i] = entryKey.length;
  return value;
}

/** The exact and stem column text for some fields: one FIELD_BREAK between non-empty fields. */
export function columns(texts: readonly (string | null | undefined)[]): ColumnText {
  let len = 0;
  let exactCount = 0;
  const stems: string[] = [];
  let tokStart = -1;
  let h = 0;
  let fieldStart = false;
  const endToken = () => {
    const st = stemAt(tokStart, len, h);
    if (st !== null) stems.push(st);
    tokStart = -1;
  };
  const unit = (u: number) => {
    if (len + 4 >= out.length) {
      const grown = new Uint16Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    if (tokStart < 0) {
      if (len > 0) {
        if (fieldStart) {
          out[len++] = 0x20;
          out[len++] = 0xb7;
          exactCount++;
        }
        out[len++] = 0x20;
      }
      fieldStart = false;
      tokStart = len;
      h = 0x811c9dc5 | 0;
      exactCount++;
    }
    out[len++] = u;
    h = Math.imul(h ^ u, 16777619);
  };
  for (const text of texts) {
    if (!text) continue;
    fieldStart = len > 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x61 && c <= 0x7a) unit(c);
        else if (c >= 0x41 && c <= 0x5a) unit(c + 0x20);
        else if (c >= 0x30 && c <= 0x39) unit(c);
        else if (c !== 0x27 && c !== 0x60 && tokStart >= 0) endToken();
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const pair = c <= 0xdbff && i + 1 < n ? text.slice(i, i + 2) : text.charAt(i);
        if (pair.length === 2) i++;
        for (const cp of foldText(pair)) {
          if (WORD_CHAR.test(cp)) for (let k = 0; k < cp.length; k++) unit(cp.charCodeAt(k));
          else if (tokStart >= 0) endToken();
        }
        continue;
      }
      let code = FAST[c] as number;
      if (code === 0) code = fastCode(c);
      if (code > 0) unit(code);
      else if (code === DROPPED) continue;
      else if (code === SEPARATOR) { if (tokStart >= 0) endToken(); }
      else {
        foldedUnits(FOLDED[c] as string, unit, () => { if (tokStart >= 0) endToken(); });
      }
    }
    if (tokStart >= 0) endToken();
  }
  return { exact: len ? decode(0, len) : '', stem: stems.join(' '), exactCount, stemCount: stems.length };
}
