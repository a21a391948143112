// Sentence segmentation of a captured original for translation, and the edits a translator
// makes to it (merge, split). Pure: the renderer shows the same segments the Core stores.
//
// Rules (the unit tests hold them):
// - Sentences come from Intl.Segmenter(lang, { granularity: 'sentence' }) (ICU/UAX #29), which
//   already ends a sentence after . ! ? and the Arabic question mark ؟ and Arabic full stop ۔
//   (even with no space after them, as Arabic text often has), and at every line break.
// - The ellipsis … (and ...) ends a sentence when whitespace follows it; ICU keeps "…" inside.
// - The Arabic comma ، and semicolon ؛ (like , and ;) join clauses: they never end a segment.
// - Segments are exact substrings of the original: [start, end) in UTF-16 code units, with the
//   surrounding white space left out. What lies between two segments (the separator) is white
//   space only, so separators + segments reproduce the original exactly.

export interface TextSpan {
  /** original.slice(start, end) === text */
  text: string;
  start: number;
  end: number;
}

/** A segment as a translation revision stores it. */
export interface TranslationSegment {
  /** s1, s2, ...: given once, kept across edits, merges and splits, never reused. */
  id: string;
  /** Exactly original.slice(sourceStart, sourceEnd); empty when there is no aligned original. */
  source: string;
  target: string;
  /** The translator's note on this segment (not part of the approved text). */
  note: string;
  sourceStart: number;
  sourceEnd: number;
  /**
   * Set when a correction of the original changed this segment's source after it was
   * translated: the source the target was written against ('' for a sentence the correction
   * added). The translator and the reviewer check the target against the new source; a new
   * revision made from approved text starts without it.
   */
  previousSource?: string;
}

export class SegmentError extends Error {
  /** Which input was wrong: the segment named, or the offset to split at. */
  readonly field: 'segmentId' | 'at';
  constructor(message: string, field: 'segmentId' | 'at' = 'segmentId') {
    super(message);
    this.name = 'SegmentError';
    this.field = field;
  }
}

const CLAUSE_END = /[،؛,;]$/u;
// An ellipsis followed by white space, then the start of a new sentence.
const ELLIPSIS_BREAK = /(?:…|\.{3,})(\s+)(?=\S)/gu;

function segmenter(lang: string | null | undefined): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang || 'und', { granularity: 'sentence' });
  } catch {
    // An unknown or malformed tag: the root rules still know every script's punctuation.
    return new Intl.Segmenter('und', { granularity: 'sentence' });
  }
}

/** [start, end) of `text` inside [from, to) with leading and trailing white space left out, or null when it is all white space. */
function trimmed(original: string, from: number, to: number): [number, number] | null {
  let a = from;
  let b = to;
  while (a < b && /\s/u.test(original[a] as string)) a++;
  while (b > a && /\s/u.test(original[b - 1] as string)) b--;
  return a < b ? [a, b] : null;
}

/** The sentences of `original`, in order, as exact substrings with their offsets. */
export function segmentSentences(original: string, lang?: string | null): TextSpan[] {
  const raw: [number, number][] = [];
  for (const part of segmenter(lang).segment(original)) {
    const start = part.index;
    const end = start + part.segment.length;
    // Split after an ellipsis that is followed by white space (ICU does not).
    let from = start;
    for (const m of part.segment.matchAll(ELLIPSIS_BREAK)) {
      const cut = start + (m.index ?? 0) + m[0].length;
      if (cut < end) {
        raw.push([from, cut]);
        from = cut;
      }
    }
    raw.push([from, end]);
  }
  const spans: [number, number][] = [];
  for (const [from, to] of raw) {
    const t = trimmed(original, from, to);
    if (!t) continue;
    const prev = spans[spans.length - 1];
    // A clause mark never ends a segment, whatever the segmenter decided.
    if (prev && CLAUSE_END.test(original.slice(prev[0], prev[1])) && !original.slice(prev[1], t[0]).includes('\n')) {
      prev[1] = t[1];
    } else {
      spans.push([t[0], t[1]]);
    }
  }
  return spans.map(([start, end]) => ({ text: original.slice(start, end), start, end }));
}

/** The segments a new translation starts with: one per sentence, ids s1..sN, targets empty. */
export function initialSegments(original: string, lang?: string | null): TranslationSegment[] {
  return segmentSentences(original, lang).map((s, i) => ({
    id: `s${i + 1}`, source: s.text, target: '', note: '', sourceStart: s.start, sourceEnd: s.end,
  }));
}

const ID = /^s([1-9]\d*)$/;

/** The next unused id after all of `ids` (pass every id the translation ever had, so none is reused). */
export function nextSegmentId(ids: Iterable<string>): string {
  let max = 0;
  for (const id of ids) {
    const m = ID.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `s${max + 1}`;
}

function indexOf(segments: TranslationSegment[], id: string): number {
  const i = segments.findIndex((s) => s.id === id);
  if (i < 0) throw new SegmentError(`there is no segment ${id} (segments: ${segments.map((s) => s.id).join(', ')})`);
  return i;
}

function requireAligned(original: string, seg: TranslationSegment): void {
  if (seg.source === '' && seg.sourceStart === seg.sourceEnd) {
    throw new SegmentError(`segment ${seg.id} has no aligned original text, so there is nothing to merge or split`);
  }
  if (original.slice(seg.sourceStart, seg.sourceEnd) !== seg.source) {
    throw new SegmentError(`segment ${seg.id} no longer matches the original (it was corrected after the translation was segmented)`);
  }
}

const joinText = (a: string, b: string, sep: string) => (a && b ? `${a}${sep}${b}` : a || b);

/**
 * Merges segment `id` with the one after it. The merged segment keeps the first id; its
 * source is the original from the first's start to the second's end (separator included);
 * targets are joined by a space and notes by a line break.
 */
export function mergeSegments(segments: TranslationSegment[], original: string, id: string): TranslationSegment[] {
  const i = indexOf(segments, id);
  const a = segments[i] as TranslationSegment;
  const b = segments[i + 1];
  if (!b) throw new SegmentError(`segment ${id} is the last one: there is no next segment to merge it with`);
  requireAligned(original, a);
  requireAligned(original, b);
  const merged: TranslationSegment = {
    id: a.id,
    source: original.slice(a.sourceStart, b.sourceEnd),
    target: joinText(a.target, b.target, ' '),
    note: joinText(a.note, b.note, '\n'),
    sourceStart: a.sourceStart,
    sourceEnd: b.sourceEnd,
  };
  return [...segments.slice(0, i), merged, ...segments.slice(i + 2)];
}

/**
 * Splits segment `id` at `at` (a UTF-16 offset into its source). The first half keeps the id,
 * the target and the note; the second half gets `newId` and an empty target. White space
 * around the cut goes to neither half.
 */
export function splitSegment(segments: TranslationSegment[], original: string, id: string, at: number, newId: string): TranslationSegment[] {
  const i = indexOf(segments, id);
  const seg = segments[i] as TranslationSegment;
  requireAligned(original, seg);
  if (!Number.isInteger(at) || at <= 0 || at >= seg.source.length) {
    throw new SegmentError(`a split of ${id} must fall inside its text: between 1 and ${seg.source.length - 1}`, 'at');
  }
  const code = seg.source.charCodeAt(at);
  if (code >= 0xdc00 && code <= 0xdfff) throw new SegmentError(`offset ${at} falls inside a character of ${id}`, 'at');
  const first = trimmed(original, seg.sourceStart, seg.sourceStart + at);
  const second = trimmed(original, seg.sourceStart + at, seg.sourceEnd);
  if (!first || !second) throw new SegmentError(`splitting ${id} at ${at} would leave an empty segment`, 'at');
  if (segments.some((s) => s.id === newId)) throw new SegmentError(`segment id ${newId} is already used`);
  const one: TranslationSegment = { ...seg, source: original.slice(first[0], first[1]), sourceStart: first[0], sourceEnd: first[1] };
  const two: TranslationSegment = {
    id: newId, source: original.slice(second[0], second[1]), target: '', note: '', sourceStart: second[0], sourceEnd: second[1],
  };
  return [...segments.slice(0, i), one, two, ...segments.slice(i + 1)];
}

/**
 * The approved text of a revision, exactly as its SHA-256 is pinned: the segments' targets in
 * order, joined by one line feed (U+000A), nothing added, nothing normalized, hashed as UTF-8.
 * Sources and translator's notes are not part of it: the approval is of what gets quoted.
 */
export function approvalText(segments: readonly Pick<TranslationSegment, 'target'>[]): string {
  return segments.map((s) => s.target).join('\n');
}

// --- re-alignment after a correction of the original ---------------------------------------------

export interface Realignment {
  /** The segments in the order of the corrected original, offsets into it. */
  segments: TranslationSegment[];
  /** Segments whose source text changed (their target needs checking), by id. */
  changed: string[];
  /** New segments for sentences the correction added (empty targets). */
  added: string[];
  /** Segments whose sentence the correction removed: their target is dropped with them. */
  removed: TranslationSegment[];
}

/** Every occurrence of `needle` in `hay`, as start offsets. */
function occurrences(hay: string, needle: string, cap = 50): number[] {
  const out: number[] = [];
  for (let at = hay.indexOf(needle); at >= 0 && out.length < cap; at = hay.indexOf(needle, at + 1)) out.push(at);
  return out;
}

interface Anchor { index: number; start: number; end: number }

/**
 * The longest chain of segments whose source text still occurs in `original`, in their order
 * and without overlapping (by total length matched; among equals, the one that moves text the
 * least). A changed sentence breaks no chain: the segments around it keep their anchors
 * wherever the correction moved them. O(C log C) in the candidate occurrences: a prefix-maximum
 * tree over end offsets gives the best chain a candidate can extend.
 */
function anchorsIn(segments: readonly TranslationSegment[], original: string): Anchor[] {
  const candidates: (Anchor & { cost: number })[] = [];
  // A correction is local: most segments are where they were, or moved by the same amount as
  // the segment before them. Only a segment found at neither place is looked for everywhere.
  let shift = 0;
  segments.forEach((seg, index) => {
    if (!seg.source) return;
    const near = [seg.sourceStart, seg.sourceStart + shift].filter((at) => at >= 0 && original.startsWith(seg.source, at));
    const found = near.length ? [...new Set(near)] : occurrences(original, seg.source);
    if (found.length === 0) return;
    const closest = found.reduce((a, b) => (Math.abs(b - seg.sourceStart - shift) < Math.abs(a - seg.sourceStart - shift) ? b : a));
    shift = closest - seg.sourceStart;
    for (const start of found) {
      candidates.push({ index, start, end: start + seg.source.length, cost: Math.abs(start - seg.sourceStart) });
    }
  });
  if (candidates.length === 0) return [];
  // Chains compare by (length matched, then less movement): [score, -cost, candidate].
  type Best = [number, number, number];
  const better = (a: Best, b: Best) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  const ends = [...new Set(candidates.map((c) => c.end))].sort((a, b) => a - b);
  const tree: Best[] = Array.from({ length: ends.length + 1 }, () => [0, 0, -1] as Best);
  const put = (end: number, v: Best) => {
    for (let i = upperBound(ends, end); i <= ends.length; i += i & -i) if (better(v, tree[i] as Best)) tree[i] = v;
  };
  // The best chain whose last anchor ends at or before `at`.
  const bestUpTo = (at: number): Best => {
    let out: Best = [0, 0, -1];
    for (let i = upperBound(ends, at); i > 0; i -= i & -i) if (better(tree[i] as Best, out)) out = tree[i] as Best;
    return out;
  };
  const chainOf: Best[] = [];
  const prev: number[] = [];
  let i = 0;
  while (i < candidates.length) {
    // One segment's occurrences are alternatives: none may extend another, so they go in together.
    let j = i;
    while (j < candidates.length && (candidates[j] as Anchor).index === (candidates[i] as Anchor).index) j++;
    for (let k = i; k < j; k++) {
      const c = candidates[k] as Anchor & { cost: number };
      const before = bestUpTo(c.start);
      chainOf[k] = [before[0] + (c.end - c.start), before[1] - c.cost, k];
      prev[k] = before[2];
    }
    for (let k = i; k < j; k++) put((candidates[k] as Anchor).end, chainOf[k] as Best);
    i = j;
  }
  let best = bestUpTo(Infinity)[2];
  const chain: Anchor[] = [];
  for (; best >= 0; best = prev[best] as number) {
    const c = candidates[best] as Anchor;
    chain.push({ index: c.index, start: c.start, end: c.end });
  }
  return chain.reverse();
}

/** How many of the sorted `xs` are <= x (a 1-based position for the tree). */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Re-aligns a translation's segments with a corrected original, by content: a segment whose
 * source text is still in the original keeps its id, target and note (only its offsets move);
 * the text between two such segments goes to the segments that stood between them (now
 * flagged with `previousSource`), one sentence each and the rest to the last of them; a
 * sentence with no segment left to take it becomes a new segment (id from `newId`, empty
 * target); a segment with no text left to take is removed. Segments without an aligned
 * original (published wording) are returned as they are.
 */
export function realignSegments(
  segments: readonly TranslationSegment[], original: string, lang: string | null | undefined, newId: () => string,
): Realignment {
  if (segments.length === 0 || segments.some((s) => s.source === '')) return { segments: [...segments], changed: [], added: [], removed: [] };
  const anchors = anchorsIn(segments, original);
  const out: TranslationSegment[] = [];
  const changed: string[] = [];
  const added: string[] = [];
  const removed: TranslationSegment[] = [];

  const fillGap = (from: number, to: number, orphans: TranslationSegment[]) => {
    if (orphans.length === 0 && !trimmed(original, from, to)) return;
    const sentences = segmentSentences(original.slice(from, to), lang).map((x) => ({ start: x.start + from, end: x.end + from }));
    if (sentences.length === 0) {
      removed.push(...orphans);
      return;
    }
    if (orphans.length === 0) {
      for (const x of sentences) {
        const id = newId();
        added.push(id);
        out.push({ id, source: original.slice(x.start, x.end), target: '', note: '', sourceStart: x.start, sourceEnd: x.end, previousSource: '' });
      }
      return;
    }
    const taking = Math.min(orphans.length, sentences.length);
    for (let k = 0; k < taking; k++) {
      const seg = orphans[k] as TranslationSegment;
      const first = sentences[k] as { start: number; end: number };
      // The last segment that takes text takes every sentence left over.
      const last = k === taking - 1 ? (sentences[sentences.length - 1] as { end: number }) : first;
      const source = original.slice(first.start, last.end);
      const moved: TranslationSegment = { ...seg, source, sourceStart: first.start, sourceEnd: last.end };
      if (source !== seg.source) {
        moved.previousSource = seg.previousSource ?? seg.source;
        changed.push(seg.id);
      }
      out.push(moved);
    }
    removed.push(...orphans.slice(taking));
  };

  let cursor = 0;
  let next = 0;
  for (const a of anchors) {
    fillGap(cursor, a.start, segments.slice(next, a.index) as TranslationSegment[]);
    const seg = segments[a.index] as TranslationSegment;
    out.push({ ...seg, sourceStart: a.start, sourceEnd: a.end });
    cursor = a.end;
    next = a.index + 1;
  }
  fillGap(cursor, original.length, segments.slice(next) as TranslationSegment[]);
  return { segments: out, changed, added, removed };
}

/**
 * The segments whose source text is no longer found in `original` (in order, by content, so a
 * sentence that only moved is not counted): the translation was made, or approved, against
 * text the original no longer has.
 */
export function segmentsNotInOriginal(segments: readonly Pick<TranslationSegment, 'id' | 'source' | 'sourceStart'>[], original: string): string[] {
  const aligned = segments.filter((s) => s.source !== '');
  if (aligned.length === 0) return [];
  const anchored = new Set(anchorsIn(aligned.map((s) => ({ ...s, target: '', note: '', sourceEnd: s.sourceStart + s.source.length })), original).map((a) => a.index));
  return aligned.filter((_, i) => !anchored.has(i)).map((s) => s.id);
}
