// Reads a published report out of its blocks: the headline, the dateline, the body
// paragraphs with their footnote markers, the footnote list, the quoted statement, and the
// lines that are not the report (teasers, promotion, page controls, boilerplate), each with
// the reason it is left out. Pure: no database, nothing written.
import { extractAll, findBidiControls, type ScriptureRef } from '../../../../shared/text';
import type { Block, PageMeta } from './blocks';
import { parseDateline } from './dates';

export const MAX_PARAGRAPH_CHARS = 100_000;
export const MAX_HEADLINE_CHARS = 300;
const MIN_BODY_WORDS = 12;

export interface Marker { n: number; start: number; end: number }
export interface Paragraph { at: number; text: string; markers: Marker[] }
export interface Footnote { n: number; text: string; links: string[]; at: number }
export interface Dropped { at: number; text: string; reason: string; keepable: boolean }
export interface Span { start: number; end: number }

export interface Quotation {
  /** Index into `paragraphs`. */
  paragraph: number;
  /** The quotation with its marks, in the paragraph's text. */
  start: number;
  end: number;
  /** Between the marks, exactly as published. */
  text: string;
  /** The words that introduce it, e.g. `The statement reads:`. */
  attribution: string;
}

export interface ParsedReport {
  headline: string;
  dateline: { text: string; date: string; place: string | null } | null;
  paragraphs: Paragraph[];
  footnotes: Footnote[];
  dropped: Dropped[];
  quotation: Quotation | null;
  hashtags: string[];
  scriptureRefs: ScriptureRef[];
  /** Who published it, when the page says ("a complimentary offering from …"). */
  publisher: string | null;
  /** What the page says about its own distribution. */
  pageSays: 'complimentary' | 'subscribers' | null;
  meta: PageMeta;
  warnings: string[];
}

/** The text is not a report: the message says what was looked for and not found. */
export class NotAReport extends Error {}

// Invisible characters that must not change how a line is recognised (a teaser with a
// zero-width space in it is still a teaser). The text itself keeps them.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function norm(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

interface DropRule { re: RegExp; reason: string; ends?: boolean }

const DROP_RULES: DropRule[] = [
  { re: /^(print|share|e-?mail|tweet|read more|more|back to top|comments?|download( pdf)?|pdf|subscribe|log ?in|sign in|register)\W{0,3}$/i, reason: 'page control ("print", "Read More" and the like)' },
  { re: /\bfull text of this (post|report|article|item|page|dispatch) is (only )?available (only )?to (our )?subscribers\b/i, reason: 'teaser: the full text is for subscribers only', ends: true },
  { re: /^(please )?(log ?in|sign in|register|subscribe)\b.{0,160}\b(subscri|register|log ?in|account)/i, reason: 'login or subscription prompt' },
  { re: /\b(is|are) (now )?a complimentary offering\b|\bsubscription information,? click here\b|^to (subscribe|become a subscriber)\b/i, reason: 'promotional line: subscription offer' },
  { re: /^[\p{P}\p{S}\s]{1,5}$/u, reason: 'punctuation only' },
  { re: /^the cyber (&|and) jihad lab\b/i, reason: "publisher's boilerplate (The Cyber & Jihad Lab)" },
];

const FOOTNOTE_HEADING = /^(foot ?notes|end ?notes|notes|sources|references)\s*:?$/i;
const FOOTNOTE_LINE = /^\[\^?(\d{1,3})\]:?\s*(\S.*)$/;
const NUMBERED_LINE = /^(\d{1,3})[.)]\s+(\S.*)$/;
const MARKER = /\[(\d{1,3})\]/g;

function markersIn(text: string): Marker[] {
  return [...text.matchAll(MARKER)].map((m) => ({ n: Number(m[1]), start: m.index, end: m.index + m[0].length }));
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function parseReport(blocks: Block[], meta: PageMeta): ParsedReport {
  const paragraphs: Paragraph[] = [];
  const footnotes: Footnote[] = [];
  const dropped: Dropped[] = [];
  const warnings: string[] = [];
  let headline: string | null = null;
  let dateline: ParsedReport['dateline'] = null;
  let inFootnotes = false;
  let ended = false;
  let publisher: string | null = null;
  let pageSays: ParsedReport['pageSays'] = null;
  const firstH1 = blocks.findIndex((b) => b.heading === 1);

  const drop = (at: number, text: string, reason: string, keepable = true) => {
    const long = text.length > 1_000;
    dropped.push({ at, text: long ? cut(text, 1_000) : text, reason, keepable: keepable && !long });
  };

  blocks.forEach((b, at) => {
    const n = norm(b.text);
    if (n === '') return;
    if (b.text.length > MAX_PARAGRAPH_CHARS) {
      drop(at, b.text, `a line of ${b.text.length.toLocaleString('en-US')} characters: far longer than any paragraph of a report`, false);
      return;
    }
    if (headline !== null && paragraphs.length > 0) {
      if (FOOTNOTE_HEADING.test(n)) {
        inFootnotes = true;
        drop(at, b.text, 'heading of the footnote list (each footnote becomes a source)', false);
        return;
      }
      const f = FOOTNOTE_LINE.exec(n) ?? (inFootnotes ? NUMBERED_LINE.exec(n) : null);
      if (f) {
        footnotes.push({ n: Number(f[1]), text: (f[2] as string).trim(), links: b.links, at });
        return;
      }
    }
    const rule = DROP_RULES.find((r) => r.re.test(n));
    if (rule) {
      const from = /complimentary offering from (.+?)\.(?:\s|$)/i.exec(n);
      if (from) publisher ??= (from[1] as string).trim();
      if (/complimentary offering/i.test(n)) pageSays = 'complimentary';
      else if (rule.ends && pageSays === null) pageSays = 'subscribers';
      drop(at, b.text, rule.reason);
      if (rule.ends && paragraphs.length > 0) ended = true;
      return;
    }
    if (ended) {
      drop(at, b.text, "after the end of the report's published text (the publisher's boilerplate)");
      return;
    }
    if (headline === null) {
      if (firstH1 > at) {
        drop(at, b.text, "before the headline (the site's banner or links)");
        return;
      }
      if (n.length > MAX_HEADLINE_CHARS) {
        throw new NotAReport(`its first line of text is ${n.length.toLocaleString('en-US')} characters long, too long for a headline ("${cut(n, 60)}")`);
      }
      headline = b.text.trim();
      return;
    }
    const d = dateline === null && paragraphs.length === 0 ? parseDateline(n) : null;
    if (d) {
      dateline = { text: n, ...d };
      return;
    }
    paragraphs.push({ at, text: b.text.trim(), markers: markersIn(b.text.trim()) });
  });

  if (headline === null) {
    throw new NotAReport(dropped.length
      ? `every line was left out as a teaser, promotion, page control or boilerplate (${dropped.length} lines), so no headline is left`
      : 'no headline was found');
  }
  if (paragraphs.length === 0) {
    throw new NotAReport(`no body paragraph follows the headline "${cut(norm(headline), 80)}"${dropped.length ? ` (${dropped.length} lines were left out as teasers, promotion or page controls)` : ''}`);
  }
  const longest = Math.max(...paragraphs.map((p) => words(p.text)));
  if (longest < MIN_BODY_WORDS) {
    throw new NotAReport(`no paragraph after the headline reads as the body of a report (the longest has ${longest} words)`);
  }

  const body = paragraphs.map((p) => p.text).join('\n\n');
  const found = extractAll(body);
  const quotation = findQuotation(paragraphs);
  if (!dateline) warnings.push('No dateline (a line with the date under the headline) was found: set the date before publishing.');
  if (!quotation) warnings.push('No quoted statement was found (text in quotation marks after "… said:" or "The statement reads:"): no statement will be created.');
  warnings.push(...bidiWarnings(headline, paragraphs));

  return {
    headline, dateline, paragraphs, footnotes, dropped, quotation,
    hashtags: found.hashtags, scriptureRefs: found.scriptureRefs, publisher, pageSays, meta, warnings,
  };
}

function bidiWarnings(headline: string, paragraphs: Paragraph[]): string[] {
  const out: string[] = [];
  const say = (where: string, text: string) => {
    const found = findBidiControls(text);
    if (found.length === 0) return;
    const names = [...new Set(found.map((c) => `U+${c.char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} ${c.name}`))];
    out.push(`${where} contains invisible direction controls (${names.join(', ')}): they are kept as published, so check how it reads.`);
  };
  say('The headline', headline);
  paragraphs.forEach((p, i) => say(`Paragraph ${i + 1}`, p.text));
  return out;
}

// --- quotations and sentences ----------------------------------------------------------------

const CLOSE: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' };

/** Spans of text in double quotation marks (with the marks), left to right, not nested. */
export function quotationSpans(text: string): Span[] {
  const spans: Span[] = [];
  const exhausted = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const close = CLOSE[c];
    if (close === undefined || exhausted.has(c)) continue;
    const j = text.indexOf(close, i + 1);
    // No closing mark after this one: none after a later one either.
    if (j === -1) { exhausted.add(c); continue; }
    spans.push({ start: i, end: j + 1 });
    i = j;
  }
  return spans;
}

const ATTRIBUTION_VERB = /\b(said|says|stated|states|wrote|writes|reads|read|declared|declares|added|adds|posted|tweeted|announced|warned|threatened|continued|concluded|saying|stating|writing|reading|as follows)\s*,?\s*$/i;
const MIN_QUOTATION_CHARS = 20;

/**
 * The quoted statement: the longest quotation introduced as one (after a colon or a verb of
 * saying), so that scare quotes ("Iraqi Islamic resistance") are not taken for it.
 */
function findQuotation(paragraphs: Paragraph[]): Quotation | null {
  let best: Quotation | null = null;
  paragraphs.forEach((p, idx) => {
    for (const s of quotationSpans(p.text)) {
      const inner = p.text.slice(s.start + 1, s.end - 1);
      if (inner.trim().length < MIN_QUOTATION_CHARS || /\[\d{1,3}\]/.test(inner)) continue;
      const before = p.text.slice(Math.max(0, s.start - 120), s.start);
      if (!/:\s*$/.test(before) && !ATTRIBUTION_VERB.test(before)) continue;
      if (best && best.text.length >= inner.length) continue;
      const from = sentenceStart(p.text, s.start, quotationSpans(p.text));
      best = { paragraph: idx, start: s.start, end: s.end, text: inner, attribution: cut(p.text.slice(from, s.start).trim(), 1_000) };
    }
  });
  return best;
}

const BOUNDARY = /[.!?]["”’»)\]]*(?:\[\d{1,3}\])*\s+(?=["“«(]?[\p{Lu}\p{N}\p{Script=Arabic}])/gu;

/** Sentence boundaries of a paragraph, never inside a quotation. */
export function sentenceBoundaries(text: string, opaque: Span[] = quotationSpans(text)): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index + m[0].length;
    if (!opaque.some((q) => m.index >= q.start && m.index < q.end - 1)) out.push(at);
  }
  return out;
}

function sentenceStart(text: string, pos: number, opaque: Span[]): number {
  let start = 0;
  for (const b of sentenceBoundaries(text, opaque)) if (b <= pos) start = b;
  return start;
}

/** The sentence around `pos`, as [start, end). */
export function sentenceAt(text: string, pos: number): Span {
  let start = 0;
  let end = text.length;
  for (const b of sentenceBoundaries(text)) {
    if (b <= pos) start = b;
    else { end = b; break; }
  }
  return { start, end };
}

/** Text without its footnote markers, for previews and summaries. */
export function withoutMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/\s{2,}/g, ' ').trim();
}
