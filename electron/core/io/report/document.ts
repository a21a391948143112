// The one intermediate document (blocks, runs, footnotes) every export format is written from.
// The body is CommonMark (markdown-it, raw HTML off); its references (shared/report/references)
// are swapped for placeholders before parsing, so markdown cannot split or reinterpret them, and
// come back as footnote markers and quotations. Footnotes are numbered here, by first use.
import MarkdownIt from 'markdown-it';
// markdown-it's own types and @types/markdown-it disagree on Token: take it from parse().

import type { Block, Footnote, Marking, ReportDocument, ResolvedQuotation, Run } from '../../../../shared/domain';
import { parseBody, type Reference } from '../../../../shared/report/references';
import type { CslItem } from '../csl';
import { formatFootnotes, type CitationStyle } from './citations';
import { MARKING_LABEL } from '../policy';

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
type Token = ReturnType<typeof md.parse>[number];

// Noncharacters are reserved for a program's internal use: a body never needs them as text.
const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const PLACEHOLDER = /\uFDD0(\d+)\uFDD1/g;
const SAFE_LINK = /^(https?:|mailto:)/i;

/** A quotation as the document shows it: resolved text split into paragraphs. */
export interface QuotationText extends ResolvedQuotation {
  paragraphs: string[];
}

/** What each reference of the body resolved to (null: not found, shown as such in the preview). */
export type Resolution =
  | { kind: 'cite'; item: CslItem | null }
  | { kind: 'quote'; quotation: QuotationText | null };

export interface DocumentInput {
  headline: string;
  dateline: string;
  datelineDate: string | null;
  showHijri: boolean;
  lead: string;
  body: string;
  marking: Marking;
}

export interface BuiltDocument {
  document: ReportDocument;
  /** The body's references in order, with their resolutions (same index). */
  references: Reference[];
  /** Images in the body are not exported (no remote resources): how many were dropped. */
  droppedImages: number;
}

const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function gregorianDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(utcDate(iso));
}

/** The Umm al-Qura calendar date, as Intl gives it in English: "Rabiʻ II 17, 1445 AH". */
export function hijriDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US-u-ca-islamic-umalqura', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(utcDate(iso));
}

export function datelineOf(r: Pick<DocumentInput, 'dateline' | 'datelineDate' | 'showHijri'>): ReportDocument['dateline'] {
  const gregorian = r.datelineDate ? gregorianDate(r.datelineDate) : null;
  const hijri = r.datelineDate && r.showHijri ? hijriDate(r.datelineDate) : null;
  const text = [r.dateline.trim(), gregorian].filter(Boolean).join(', ') + (hijri ? ` (${hijri})` : '');
  return { place: r.dateline.trim(), date: r.datelineDate, gregorian, hijri, text };
}

/**
 * Builds the document. `resolve` gives each reference's resolution (index-aligned with the
 * references parseBody finds); malformed references stay in the text as written.
 */
export function buildDocument(input: DocumentInput, resolutions: (refs: Reference[]) => Resolution[], style: CitationStyle): BuiltDocument {
  const body = input.body.replace(/[\uFDD0\uFDD1]/g, '');
  const { references } = parseBody(body);
  const resolved = resolutions(references);

  let marked = '';
  let at = 0;
  references.forEach((r, i) => {
    marked += body.slice(at, r.start) + OPEN + i + CLOSE;
    at = r.end;
  });
  marked += body.slice(at);

  const footnoteKeys = new Map<string, number>();
  const cites: { sourceId: string; locator: string }[] = [];
  const quotations: QuotationText[] = [];
  let droppedImages = 0;

  const footnoteFor = (ref: Extract<Reference, { kind: 'cite' }>): number => {
    const key = `${ref.sourceId}\u0000${ref.locator}`;
    let n = footnoteKeys.get(key);
    if (n === undefined) {
      n = footnoteKeys.size + 1;
      footnoteKeys.set(key, n);
      cites.push({ sourceId: ref.sourceId, locator: ref.locator });
    }
    return n;
  };
  const blockQuotations = new Set<number>();
  const quotationFor = (i: number): { index: number; q: QuotationText } | null => {
    const res = resolved[i];
    if (res?.kind !== 'quote' || !res.quotation) return null;
    quotations.push(res.quotation);
    const index = quotations.length - 1;
    if ((references[i] as Extract<Reference, { kind: 'quote' }>).block) blockQuotations.add(index);
    return { index, q: res.quotation };
  };

  /** Text with placeholders -> runs (footnote markers, inline quotations). */
  const textRuns = (text: string, marks: RunStyle): Run[] => {
    const out: Run[] = [];
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (m.index > last) out.push(textRun(text.slice(last, m.index), marks));
      last = m.index + m[0].length;
      const i = Number(m[1]);
      const ref = references[i];
      if (!ref) continue;
      if (ref.kind === 'cite') out.push({ type: 'footnote', n: footnoteFor(ref) });
      else {
        const found = quotationFor(i);
        out.push(found
          ? { type: 'quote', quotation: found.index, text: found.q.paragraphs.join(' '), lang: found.q.lang }
          : textRun(`[quotation of statement ${ref.statementId} unavailable]`, marks));
      }
    }
    if (last < text.length) out.push(textRun(text.slice(last), marks));
    return out;
  };
  const restore = (text: string) => text.replace(PLACEHOLDER, (_m, i: string) => {
    const r = references[Number(i)];
    return r ? body.slice(r.start, r.end) : '';
  });

  const inlineRuns = (tokens: Token[]): Run[] => {
    const out: Run[] = [];
    const marks = { italic: 0, bold: 0 };
    let href: string | undefined;
    const current = () => ({
      marks: { ...(marks.italic ? { italic: true } : {}), ...(marks.bold ? { bold: true } : {}) },
      ...(href ? { href } : {}),
    });
    for (const t of tokens) {
      switch (t.type) {
        case 'text': out.push(...textRuns(t.content, current())); break;
        case 'softbreak': out.push({ type: 'text', text: ' ' }); break;
        case 'hardbreak': out.push({ type: 'break' }); break;
        case 'code_inline': out.push({ type: 'text', text: restore(t.content), marks: { ...current().marks, code: true } }); break;
        case 'em_open': marks.italic++; break;
        case 'em_close': marks.italic--; break;
        case 'strong_open': marks.bold++; break;
        case 'strong_close': marks.bold--; break;
        case 'link_open': { const h = String(t.attrGet('href') ?? ''); href = SAFE_LINK.test(h) ? h : undefined; break; }
        case 'link_close': href = undefined; break;
        case 'image':
          droppedImages++;
          if (t.content) out.push(...textRuns(t.content, current()));
          break;
        default:
          if (t.content) out.push(...textRuns(t.content, current()));
      }
    }
    return mergeRuns(out);
  };

  const blocks: Block[] = [];
  const tokens = md.parse(marked, {});
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'paragraph_open') {
      const inline = tokens[i + 1] as Token;
      i += 2;
      blocks.push(...splitBlockQuotations(inlineRuns(inline.children ?? []), blockQuotations, quotations));
    } else if (t.type === 'heading_open') {
      const inline = tokens[i + 1] as Token;
      i += 2;
      blocks.push({ type: 'heading', level: Number(t.tag.slice(1)), runs: inlineRuns(inline.children ?? []) });
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      const end = closing(tokens, i);
      const items: Run[][] = [];
      let item: Run[] | null = null;
      let depth = 0;
      for (let k = i + 1; k < end; k++) {
        const x = tokens[k] as Token;
        if (x.type === 'list_item_open') { depth++; if (depth === 1) { item = []; items.push(item); } continue; }
        if (x.type === 'list_item_close') { depth--; continue; }
        if (x.type === 'inline' && item) {
          if (item.length) item.push({ type: 'break' });
          item.push(...inlineRuns(x.children ?? []));
        } else if ((x.type === 'fence' || x.type === 'code_block') && item) {
          if (item.length) item.push({ type: 'break' });
          item.push({ type: 'text', text: restore(x.content.replace(/\n$/, '')), marks: { code: true } });
        }
      }
      const start = t.type === 'ordered_list_open' ? Number(t.attrGet('start') ?? 1) : undefined;
      blocks.push({ type: 'list', ordered: t.type === 'ordered_list_open', ...(start !== undefined && start !== 1 ? { start } : {}), items });
      i = end;
    } else if (t.type === 'blockquote_open') {
      const end = closing(tokens, i);
      const paragraphs: Run[][] = [];
      for (let k = i + 1; k < end; k++) {
        const x = tokens[k] as Token;
        if (x.type === 'inline') paragraphs.push(inlineRuns(x.children ?? []));
        else if (x.type === 'fence' || x.type === 'code_block') paragraphs.push([{ type: 'text', text: restore(x.content), marks: { code: true } }]);
      }
      blocks.push({ type: 'blockquote', paragraphs });
      i = end;
    } else if (t.type === 'fence' || t.type === 'code_block') {
      blocks.push({ type: 'code', text: restore(t.content.replace(/\n$/, '')) });
    } else if (t.type === 'hr') {
      blocks.push({ type: 'rule' });
    }
  }

  const items = new Map<string, CslItem>();
  resolved.forEach((r) => { if (r.kind === 'cite' && r.item) items.set(r.item.id, r.item); });
  const found = cites.filter((c) => items.has(c.sourceId));
  const texts = formatFootnotes(style, items, found);
  const footnotes: Footnote[] = cites.map((c, k) => {
    const idx = found.indexOf(c);
    const t = idx >= 0 ? texts[idx] : undefined;
    const fallback = `[Source ${c.sourceId} not found.]`;
    return { n: k + 1, sourceId: c.sourceId, locator: c.locator, runs: t?.runs ?? [{ type: 'text', text: fallback }], text: t?.text ?? fallback };
  });

  const document: ReportDocument = {
    headline: input.headline.trim(),
    dateline: datelineOf(input),
    lead: input.lead.trim(),
    marking: input.marking,
    markingLabel: MARKING_LABEL[input.marking],
    blocks,
    footnotes,
    quotations: quotations.map(({ paragraphs: _p, ...q }) => q),
  };
  return { document, references, droppedImages };
}

interface RunStyle { marks?: { italic?: boolean; bold?: boolean; code?: boolean }; href?: string }

function textRun(text: string, opts: RunStyle): Run {
  const marks = opts.marks && Object.keys(opts.marks).length ? opts.marks : undefined;
  return { type: 'text', text, ...(marks ? { marks } : {}), ...(opts.href ? { href: opts.href } : {}) };
}

/** Adjacent text runs with the same marks and link become one. */
function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (r.type === 'text' && last?.type === 'text' && JSON.stringify(last.marks ?? {}) === JSON.stringify(r.marks ?? {}) && last.href === r.href) {
      out[out.length - 1] = { ...last, text: last.text + r.text };
    } else if (!(r.type === 'text' && r.text === '')) out.push(r);
  }
  return out;
}

/** The index of the token that closes the one at `open` (same nesting level). */
function closing(tokens: Token[], open: number): number {
  const level = (tokens[open] as Token).level;
  for (let k = open + 1; k < tokens.length; k++) {
    const x = tokens[k] as Token;
    if (x.nesting === -1 && x.level === level) return k;
  }
  return tokens.length - 1;
}

/**
 * A quotation alone on its line is a block quotation: the paragraph around it is split, so the
 * text before and after stays as paragraphs of its own.
 */
function splitBlockQuotations(runs: Run[], blockQuotations: ReadonlySet<number>, quotations: QuotationText[]): Block[] {
  const out: Block[] = [];
  let current: Run[] = [];
  const flush = () => {
    const trimmed = trimRuns(current);
    if (trimmed.length) out.push({ type: 'paragraph', runs: trimmed });
    current = [];
  };
  for (const r of runs) {
    if (r.type === 'quote' && blockQuotations.has(r.quotation)) {
      flush();
      const q = quotations[r.quotation] as QuotationText;
      out.push({ type: 'quotation', quotation: r.quotation, paragraphs: q.paragraphs, lang: q.lang });
    } else current.push(r);
  }
  flush();
  return out;
}

function trimRuns(runs: Run[]): Run[] {
  const out = [...runs];
  while (out.length && (out[0]?.type === 'break' || (out[0]?.type === 'text' && (out[0] as { text: string }).text.trim() === ''))) out.shift();
  while (out.length && (out[out.length - 1]?.type === 'break' || (out[out.length - 1]?.type === 'text' && (out[out.length - 1] as { text: string }).text.trim() === ''))) out.pop();
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, text: first.text.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { ...last, text: last.text.replace(/\s+$/, '') };
  return out;
}
