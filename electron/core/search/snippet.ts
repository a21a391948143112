// Snippets for search hits, cut from the record's ORIGINAL text. Matching happens on the
// folded copy (the same words the index holds); each match is mapped back through fold()'s
// offset map, so a highlight covers the original characters, harakat and tatweel included.
import { fold, mapRange } from '../../../shared/text/fold';
import { stem, tokenSpans, type TokenSpan } from './analyze';
import type { HighlightSpec } from './compile';
import type { Field } from './documents';

export interface Snippet { text: string; highlights: [number, number][] }

const WINDOW = 240;
const LEAD = 60;
/** Very long texts (a 2 MB note) are only scanned this far for a snippet. */
const SCAN_LIMIT = 100_000;

function matchesWord(spec: HighlightSpec, token: string): boolean {
  if (spec.exact.has(token)) return true;
  if (spec.stems.size && spec.stems.has(stem(token))) return true;
  for (const p of spec.prefixes) if (token.startsWith(p)) return true;
  if (spec.stemPrefixes.length) {
    const st = stem(token);
    for (const p of spec.stemPrefixes) if (st.startsWith(p)) return true;
  }
  return false;
}

function runAt(spans: TokenSpan[], i: number, run: HighlightSpec['runs'][number]): boolean {
  const n = run.words.length;
  if (i + n > spans.length) return false;
  for (let k = 0; k < n; k++) {
    const tok = (spans[i + k] as TokenSpan).token;
    const want = run.words[k] as string;
    if (tok === want) continue;
    if (run.prefixLast && k === n - 1 && tok.startsWith(want)) continue;
    if (run.stemmed && stem(tok) === stem(want)) continue;
    return false;
  }
  return true;
}

/** Folded ranges of every match in a folded text, in order, not overlapping. */
function findMatches(folded: string, spec: HighlightSpec): [number, number][] {
  const spans = tokenSpans(folded);
  const out: [number, number][] = [];
  for (let i = 0; i < spans.length; ) {
    let end = -1;
    for (const run of spec.runs) {
      if (runAt(spans, i, run)) end = Math.max(end, i + run.words.length - 1);
    }
    if (end < 0 && matchesWord(spec, (spans[i] as TokenSpan).token)) end = i;
    if (end >= 0) {
      out.push([(spans[i] as TokenSpan).start, (spans[end] as TokenSpan).end]);
      i = end + 1;
    } else i++;
  }
  return out;
}

function highlightsIn(text: string, spec: HighlightSpec): [number, number][] {
  const scanned = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  const { folded, map } = fold(scanned);
  return findMatches(folded, spec).map(([s, e]) => mapRange(map, s, e, scanned.length, scanned));
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

function cut(text: string, hls: [number, number][]): Snippet {
  if (text.length <= WINDOW) return { text, highlights: hls };
  const first = hls[0];
  let start = first ? Math.max(0, first[0] - LEAD) : 0;
  // Begin at a word boundary (or give up after a few characters in an unbroken run).
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
  // Never split a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '')) start--;
  if (end < text.length && /[\udc00-\udfff]/.test(text[end] ?? '')) end++;
  const pre = start > 0 ? '…' : '';
  const post = end < text.length ? '…' : '';
  const shift = pre.length - start;
  const highlights = hls
    .filter(([s, e]) => s < end && e > start)
    .map(([s, e]): [number, number] => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { text: pre + text.slice(start, end) + post, highlights };
}

/**
 * The snippet for one hit: the body field with the most matches (titles are shown anyway),
 * else a title-like field with matches, else the start of the first field.
 */
export function snippetFor(fields: Field[], spec: HighlightSpec): Snippet {
  let best: { f: Field; hls: [number, number][] } | null = null;
  for (const f of fields) {
    const hls = highlightsIn(f.text, spec);
    if (hls.length === 0) continue;
    const better = !best || (best.f.head && !f.head) || (best.f.head === f.head && hls.length > best.hls.length);
    if (better) best = { f, hls };
  }
  if (best) return cut(best.f.text, best.hls);
  const first = fields.find((f) => !f.head) ?? fields[0];
  return first ? cut(first.text, []) : { text: '', highlights: [] };
}
