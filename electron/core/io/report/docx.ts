// DOCX from the intermediate document, with the `docx` library: real Word footnotes (footnote
// reference runs and word/footnotes.xml, not superscript text), the marking at the top, and
// right-to-left text marked as such (bidirectional paragraph, rtl runs, complex-script font and
// language) so Word and LibreOffice shape and order Arabic correctly.
import {
  BorderStyle, Document, ExternalHyperlink, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun,
  type ParagraphChild,
} from 'docx';
import type { Block, ReportDocument, Run } from '../../../../shared/domain';
import { firstStrongDirection, hasRtl } from './bidi';

const LATIN_FONT = 'Georgia';
/** Present on Windows and macOS; LibreOffice substitutes a face with Arabic glyphs where it is missing. */
const ARABIC_FONT = 'Arial';

function bidiLang(lang: string | null): string {
  const primary = (lang ?? 'ar').split('-')[0]?.toLowerCase() ?? 'ar';
  return ({ ar: 'ar-SA', fa: 'fa-IR', ur: 'ur-PK', ps: 'ps-AF', he: 'he-IL' } as Record<string, string>)[primary] ?? 'ar-SA';
}

interface TextOpts { italic?: boolean; bold?: boolean; code?: boolean; lang?: string | null; size?: number; color?: string }

/** A run of text; Arabic-script text is marked right to left with a complex-script font and language. */
function textRun(text: string, o: TextOpts = {}): TextRun {
  const rtl = hasRtl(text);
  return new TextRun({
    text,
    bold: o.bold, boldComplexScript: o.bold, italics: o.italic, italicsComplexScript: o.italic,
    size: o.size, sizeComplexScript: o.size, color: o.color,
    font: o.code ? { ascii: 'Consolas', hAnsi: 'Consolas', cs: ARABIC_FONT } : { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: ARABIC_FONT },
    ...(rtl ? { rightToLeft: true, language: { value: 'en-US', bidirectional: bidiLang(o.lang ?? null) } } : {}),
  });
}

/**
 * A Word footnote has one reference mark: a source cited again (same number) gets its number
 * as superscript text, like the mark, instead of a second footnote. `referenced` is per document.
 */
function runsToChildren(runs: readonly Run[], d: ReportDocument, referenced: Set<number>): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const r of runs) {
    switch (r.type) {
      case 'footnote':
        if (referenced.has(r.n)) out.push(new TextRun({ text: String(r.n), superScript: true }));
        else { referenced.add(r.n); out.push(new FootnoteReferenceRun(r.n)); }
        break;
      case 'break': out.push(new TextRun({ break: 1 })); break;
      case 'quote': {
        const q = d.quotations[r.quotation];
        // First-strong isolates keep an Arabic quotation from reordering the English around it (what <bdi> does in HTML).
        const text = hasRtl(r.text) ? `\u2068${r.text}\u2069` : r.text;
        out.push(textRun('"'), textRun(text, { lang: r.lang ?? q?.lang ?? null }), textRun('"'));
        break;
      }
      case 'text': {
        const run = textRun(r.text, { italic: r.marks?.italic, bold: r.marks?.bold, code: r.marks?.code });
        out.push(r.href ? new ExternalHyperlink({ link: r.href, children: [run] }) : run);
        break;
      }
    }
  }
  return out;
}

function paragraphOf(children: ParagraphChild[], text: string, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
  return new Paragraph({ children, bidirectional: firstStrongDirection(text) === 'rtl', spacing: { after: 160, line: 300 }, ...extra });
}

const plain = (runs: readonly Run[]) => runs.map((r) => (r.type === 'text' || r.type === 'quote' ? r.text : '')).join('');

function blockToParagraphs(b: Block, d: ReportDocument, seen: Set<number>): Paragraph[] {
  switch (b.type) {
    case 'paragraph': return [paragraphOf(runsToChildren(b.runs, d, seen), plain(b.runs))];
    case 'heading': {
      const levels = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
      return [paragraphOf(runsToChildren(b.runs, d, seen), plain(b.runs), { heading: levels[Math.min(b.level, 5) - 1] })];
    }
    case 'quotation': return b.paragraphs.map((p) => paragraphOf([textRun(p, { lang: b.lang })], p, {
      indent: { start: 567, end: 567 },
      border: { [firstStrongDirection(p) === 'rtl' ? 'right' : 'left']: { style: BorderStyle.SINGLE, size: 12, color: '9A9A9A', space: 8 } },
    }));
    case 'blockquote': return b.paragraphs.map((p) => paragraphOf(runsToChildren(p, d, seen), plain(p), { indent: { start: 567, end: 567 } }));
    case 'code': return b.text.split('\n').map((line) => new Paragraph({ children: [textRun(line, { code: true })], spacing: { after: 0 } }));
    case 'rule': return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '9A9A9A', space: 1 } } })];
    case 'list': return b.items.map((item, i) => paragraphOf(
      [textRun(b.ordered ? `${(b.start ?? 1) + i}.\t` : '•\t'), ...runsToChildren(item, d, seen)], plain(item), { indent: { start: 567, hanging: 283 } },
    ));
  }
}

export async function writeDocx(d: ReportDocument): Promise<Uint8Array> {
  const children: Paragraph[] = [
    new Paragraph({ children: [textRun(`Marking: ${d.markingLabel}`, { bold: true, size: 18, color: '8A1C1C' })], spacing: { after: 240 } }),
    new Paragraph({
      children: [textRun(d.headline, { bold: true, size: 34 })], heading: HeadingLevel.HEADING_1, spacing: { after: 120 },
      bidirectional: firstStrongDirection(d.headline) === 'rtl',
    }),
  ];
  if (d.dateline.text) children.push(paragraphOf([textRun(d.dateline.text, { color: '4A4A4A' })], d.dateline.text));
  if (d.lead) children.push(paragraphOf([textRun(d.lead, { italic: true })], d.lead));
  const seen = new Set<number>();
  for (const b of d.blocks) children.push(...blockToParagraphs(b, d, seen));

  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (const f of d.footnotes) {
    footnotes[f.n] = { children: [new Paragraph({ children: runsToChildren(f.runs, d, new Set()), bidirectional: firstStrongDirection(f.text) === 'rtl' })] };
  }
  const doc = new Document({
    creator: 'Casefile',
    title: d.headline,
    description: `Marking: ${d.markingLabel}`,
    styles: { default: { document: { run: { font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: ARABIC_FONT }, size: 22 } } } },
    footnotes,
    sections: [{ properties: {}, children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
