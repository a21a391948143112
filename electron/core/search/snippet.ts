// Snippets for search hits, cut from the record's ORIGINAL text. Matching happens on folded
// words (the same words the index holds). A quick scan finds the first match in a field;
// the window around it is then folded with fold()'s offset map and every match in it is
// mapped back through mapRange, so a highlight covers the original characters, harakat
// and tatweel included. A field with a label (a statement's translation) puts it first:
// `Translation (en, approved): …text…`, highlights shifted past it.
import { fold, mapRange } from '../../../shared/text/fold';
import { scanWords, stem, tokenSpans, type TokenSpan } from './tokens';
import { cliticForms, type HighlightSpec } from './compile';
import type { Field } from './documents';

export interface Snippet { text: string; highlights: [number, number][] }

const WINDOW = 240;
const LEAD = 60;
/** Very long texts (a 2 MB note) are only scanned this far for a match. */
const SCAN_LIMIT = 100_000;

// A word's stem keeps the word's letters but the last (Porter rewrites endings such as
// cry → cri, the Arabic stemmer takes off a prefix and ending), so a word that does not
// contain the first letters of any stem looked for cannot have it: most words of a text are
// dismissed without being stemmed.
const heads = new WeakMap<Set<string>, string[]>();
function stemHeads(stems: Set<string>): string[] {
  let h = heads.get(stems);
  if (!h) {
    h = [...new Set([...stems].map((s) => s.slice(0, Math.max(1, Math.min(3, s.length - 1)))))];
    heads.set(stems, h);
  }
  return h;
}

function matchesWord(spec: HighlightSpec, token: string): boolean {
  if (spec.exact.has(token)) return true;
  if (spec.stems.size && stemHeads(spec.stems).some((h) => token.includes(h)) && spec.stems.has(stem(token))) return true;
  for (const p of spec.prefixes) if (token.startsWith(p)) return true;
  if (spec.stemPrefixes.length) {
    const st = stem(token);
    for (const p of spec.stemPrefixes) if (st.startsWith(p)) return true;
  }
  return false;
}

function runMatches(tokens: readonly string[], at: number, run: HighlightSpec['runs'][number]): boolean {
  const n = run.words.length;
  if (at < 0 || at + n > tokens.length) return false;
  for (let k = 0; k < n; k++) {
    const tok = tokens[at + k] as string;
    const want = run.words[k] as string;
    if (tok === want) continue;
    if (k === 0 && run.clitic && cliticForms(want).includes(tok)) continue;
    if (run.prefixLast && k === n - 1 && tok.startsWith(want)) continue;
    if (run.stemmed && stem(tok) === stem(want)) continue;
    return false;
  }
  return true;
}

/** Original offset of the first match in `text`, or -1. */
function firstMatch(text: string, spec: HighlightSpec): number {
  const scanned = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  const toks: string[] = [];
  const starts: number[] = [];
  let found = -1;
  scanWords(scanned, (w, start) => {
    toks.push(w);
    starts.push(start);
    const j = toks.length - 1;
    if (matchesWord(spec, w)) { found = start; return true; }
    for (const run of spec.runs) {
      const at = j - run.words.length + 1;
      if (runMatches(toks, at, run)) { found = starts[at] as number; return true; }
    }
    return false;
  });
  return found;
}

/** Folded ranges of every match in a folded text, in order, not overlapping. */
function findMatches(folded: string, spec: HighlightSpec): [number, number][] {
  const spans = tokenSpans(folded);
  const words = spans.map((s) => s.token);
  const out: [number, number][] = [];
  for (let i = 0; i < spans.length; ) {
    let end = -1;
    for (const run of spec.runs) if (runMatches(words, i, run)) end = Math.max(end, i + run.words.length - 1);
    if (end < 0 && matchesWord(spec, words[i] as string)) end = i;
    if (end >= 0) {
      out.push([(spans[i] as TokenSpan).start, (spans[end] as TokenSpan).end]);
      i = end + 1;
    } else i++;
  }
  return out;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/** [start, end) of the window shown around original offset `at` (word boundaries, no split pairs). */
function windowAround(text: string, at: number): [number, number] {
  if (text.length <= WINDOW) return [0, text.length];
  let start = Math.max(0, at - LEAD);
  if (start > 0) {
    let k = start;
    while (k > 0 && k > start - 20 && !isSpace(text[k - 1])) k--;
    start = k > 0 && isSpace(text[k - 1]) ? k : start;
  }
  let end = Math.min(text.length, start + WINDOW);
  if (end < text.length) {
    let k = end;
    while (k < text.length && k < end + 20 && !isSpace(text[k])) k++;
    end = k;
  }
  if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '')) start--;
  if (end < text.length && /[\udc00-\udfff]/.test(text[end] ?? '')) end++;
  return [start, end];
}

function cut(text: string, at: number, spec: HighlightSpec | null, label = ''): Snippet {
  const [start, end] = windowAround(text, Math.max(0, at));
  const part = text.slice(start, end);
  let hls: [number, number][] = [];
  if (spec) {
    const { folded, map } = fold(part);
    hls = findMatches(folded, spec).map(([s, e]) => mapRange(map, s, e, part.length, part));
  }
  const pre = label + (start > 0 ? '…' : '');
  const post = end < text.length ? '…' : '';
  return { text: pre + part + post, highlights: hls.map(([s, e]): [number, number] => [s + pre.length, e + pre.length]) };
}

/**
 * The snippet for one hit: the first body field with a match (titles are shown anyway),
 * else a title-like field with a match, else the start of the first body field.
 */
export function snippetFor(fields: Field[], spec: HighlightSpec): Snippet {
  const ordered = [...fields.filter((f) => !f.head), ...fields.filter((f) => f.head)];
  const looksFor = spec.exact.size + spec.stems.size + spec.prefixes.length + spec.stemPrefixes.length + spec.runs.length > 0;
  for (const f of looksFor ? ordered : []) {
    const at = firstMatch(f.text, spec);
    if (at >= 0) return cut(f.text, at, spec, f.label);
  }
  const first = ordered[0];
  return first ? cut(first.text, 0, null, first.label) : { text: '', highlights: [] };
}
