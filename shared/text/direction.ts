// How mixed Arabic and Latin text is laid out, decided once for every screen: which parts of a
// paragraph are isolated from the text around them (hashtags, handles, links and scripture
// references; in what people write, also quotations), and which direction the paragraph
// takes. Pure: the renderer turns the runs into text nodes and <bdi> elements, never HTML.
//
// Why isolate: in a right-to-left paragraph, the "#" of "#Al_Aqsa_Flood" is a neutral
// character next to Arabic, so it takes the paragraph's direction and is drawn at the far
// end: "Al_Aqsa_Flood#". Isolated (in its own left-to-right run) it stays in front. And
// dir="auto" takes a paragraph's direction from its first strong character outside isolated
// parts: an English comment that opens with an Arabic quotation stays left to right once the
// quotation is isolated.
import { findEntities, type EntityKind } from './extract';

export type Dir = 'ltr' | 'rtl';

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;

/** The direction of the first strong character (a letter, or LRM / RLM / ALM), as the bidi algorithm finds it; null when there is none. */
export function firstStrong(text: string): Dir | null {
  for (const ch of text) {
    if (ch === '\u200E') return 'ltr';
    if (ch === '\u200F' || ch === '\u061C') return 'rtl';
    if (!/\p{L}/u.test(ch)) continue;
    return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
  }
  return null;
}

// Opening quotation mark → its closing mark. Straight double quotes pair with each other; the
// single quotes are left alone (they are apostrophes as often as quotes).
const QUOTES: Readonly<Record<string, string>> = { '«': '»', '“': '”', '„': '“', '"': '"', '‹': '›', '「': '」' };

/** Quotations in a paragraph: an opening mark and its closing mark, the marks included. */
export function findQuotations(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const close = QUOTES[text.charAt(i)];
    if (!close) continue;
    const end = text.indexOf(close, i + 1);
    if (end < 0) continue;
    out.push({ start: i, end: end + 1 });
    i = end;
  }
  return out;
}

export type IsolatedKind = EntityKind | 'quotation';

export interface Run {
  text: string;
  /** Set for an isolated part: its kind and its own direction ('auto': it has no strong character). */
  isolate?: { kind: IsolatedKind; dir: Dir | 'auto' };
}

export interface Paragraph {
  runs: Run[];
  /**
   * The paragraph's direction: 'auto' when the browser's dir="auto" gets it right (its first
   * strong character outside the isolated parts), else the direction of its first strong
   * character anywhere (a line that is only a hashtag keeps the hashtag's), else 'auto'.
   */
  dir: Dir | 'auto';
}

/**
 * One paragraph of displayed text cut into runs: plain text, and isolated entities (links and
 * handles always left to right; hashtags and scripture references in their own script's
 * direction), and quotations when `quotations` is set (for what people write: comments,
 * notes; never for a captured original, where quotation marks are just characters).
 */
export function paragraphRuns(text: string, opts: { quotations?: boolean } = {}): Paragraph {
  const spans: { start: number; end: number; kind: IsolatedKind }[] = findEntities(text);
  if (opts.quotations) {
    for (const q of findQuotations(text)) {
      // A quotation holds the entities inside it; an entity holding a quote mark stays whole.
      if (spans.some((s) => s.start < q.start && s.end > q.start)) continue;
      for (let i = spans.length - 1; i >= 0; i--) {
        const s = spans[i] as { start: number; end: number };
        if (s.start >= q.start && s.end <= q.end) spans.splice(i, 1);
      }
      spans.push({ ...q, kind: 'quotation' });
    }
    spans.sort((a, b) => a.start - b.start);
  }
  const runs: Run[] = [];
  let at = 0;
  let outside = '';
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) {
      runs.push({ text: text.slice(at, s.start) });
      outside += text.slice(at, s.start);
    }
    const part = text.slice(s.start, s.end);
    const dir = s.kind === 'link' || s.kind === 'mention' ? 'ltr' : firstStrong(part) ?? 'auto';
    runs.push({ text: part, isolate: { kind: s.kind, dir } });
    at = s.end;
  }
  if (at < text.length) {
    runs.push({ text: text.slice(at) });
    outside += text.slice(at);
  }
  return { runs, dir: firstStrong(outside) ? 'auto' : firstStrong(text) ?? 'auto' };
}
