// The four export formats, checked by their content: the Markdown parsed (with footnotes), the
// HTML parsed with jsdom, the DOCX unzipped, the PDF's text extracted. The sample report rebuilt
// from the sample case must export as the sample page reads.
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../shared/domain';
import { formatQuotation } from '../../shared/report/references';
import { chromiumPdfEngine, findChromium } from '../../electron/core/io/report/pdf';
import { makeDesk, newSource, newStatement, useCleanup, type Desk } from './helpers';
import { sampleParts, sampleReport } from './reportFixtures';

useCleanup();

const ARABIC = 'لن نتوقف ولا هدنة ولا تراجع، والنصر للإسلام';

async function exported(d: Desk, id: string, format: ExportFormat) {
  return d.core.invoke('reports.export', { as: d.reviewer.id, id, format });
}

/** The sample report plus a block quotation in Arabic (published wording), for the direction checks. */
async function withArabic(d: Desk) {
  const s = await sampleReport(d);
  const ar = await newStatement(d, { originalText: null, originalStatus: 'not_captured', publishedWording: ARABIC, publishedWordingLanguage: 'ar', marking: 'public' });
  const report = await d.core.invoke('reports.update', {
    as: d.analyst.id, id: s.report.id, rev: s.report.rev, body: `${s.report.body}\n\nIn Arabic:\n\n${formatQuotation({ statementId: ar.id, wording: 'published' })}`,
  });
  return { ...s, report };
}

describe('the sample report', () => {
  it('exports as Markdown with the sample page\'s headline, dateline, body and footnote numbering', async () => {
    const d = await makeDesk();
    const { report } = await sampleReport(d);
    const md = Buffer.from((await exported(d, report.id, 'md')).data).toString('utf8');
    const sample = sampleParts();
    const paras = md.trimEnd().split('\n\n');
    expect(paras[0]).toBe('Marking: PUBLIC');
    expect(paras[1]).toBe(`# ${sample.headline}`);
    expect(paras[2]).toBe(sample.dateline);
    // The sample's [1] markers are Markdown footnote references [^1].
    expect(paras.slice(3, 6)).toEqual(sample.body.map((p) => p.replace(/\[(\d+)\]/g, '[^$1]')));
    expect(paras.slice(6)).toEqual([
      '[^1]: X (formerly Twitter), Akram Al-Kaabi, November 1, 2023.',
      '[^2]: Al-Nujaba Movement, “Al-Nujaba written statement, October 23, 2023,” October 23, 2023.',
      '[^3]: Al-Nujaba Movement, “Al-Nujaba video, October 30, 2023,” October 30, 2023.',
    ]);
  });

  it('Markdown parses back (CommonMark with footnotes) to the headline, the paragraphs and three footnotes', async () => {
    const d = await makeDesk();
    const { report } = await sampleReport(d);
    const md = Buffer.from((await exported(d, report.id, 'md')).data).toString('utf8');
    const tokens = new MarkdownIt('commonmark').use(footnote).parse(md, {});
    const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
    expect(tokens[h1 + 1]?.content).toBe(sampleParts().headline);
    expect(tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children ?? []).filter((t) => t.type === 'footnote_ref').map((t) => (t.meta as { id: number }).id + 1)).toEqual([1, 2, 3]);
    expect(tokens.filter((t) => t.type === 'footnote_open')).toHaveLength(3);
    const html = new MarkdownIt('commonmark').use(footnote).render(md);
    expect(html).toContain('[believers]');
    expect(html).not.toMatch(/<a href="believers/);
  });
});

describe('HTML', () => {
  it('is one self-contained file: strict CSP, inline style, no script, nothing remote; marking at the top; Arabic in its own direction', async () => {
    const d = await makeDesk();
    const { report, sources } = await withArabic(d);
    const html = Buffer.from((await exported(d, report.id, 'html')).data).toString('utf8');
    const doc = new JSDOM(html).window.document;
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'unsafe-inline'/);
    expect(csp).not.toMatch(/script-src|https?:/);
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    expect([...doc.querySelectorAll('[src], [srcset], [style]')]).toHaveLength(0);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('style')?.textContent).toMatch(/Noto Naskh Arabic.*Geeza Pro.*Segoe UI/s);
    expect(doc.body.firstElementChild?.textContent).toBe('Marking: PUBLIC');
    expect(doc.querySelector('h1')?.textContent).toBe(sampleParts().headline);
    expect(doc.querySelector('.dateline')?.textContent).toBe('November 1, 2023');

    const refs = [...doc.querySelectorAll('sup.fnref a')];
    expect(refs.map((a) => a.textContent)).toEqual(['[1]', '[2]', '[3]']);
    expect(refs.map((a) => a.getAttribute('href'))).toEqual(['#fn1', '#fn2', '#fn3']);
    const notes = [...doc.querySelectorAll('.footnotes li')];
    expect(notes.map((li) => li.id)).toEqual(['fn1', 'fn2', 'fn3']);
    expect(notes[0]?.textContent).toContain('X (formerly Twitter), Akram Al-Kaabi, November 1, 2023.');
    expect(sources).toHaveLength(4);

    const inline = doc.querySelector('p bdi.quote');
    expect(inline?.getAttribute('dir')).toBe('auto');
    expect(inline?.textContent).toMatch(/^In the Name of Allah.*\[believers\].*no retreat\.$/);
    const ar = doc.querySelector('blockquote.quotation');
    expect(ar?.getAttribute('dir')).toBe('rtl');
    expect(ar?.getAttribute('lang')).toBe('ar');
    expect(ar?.textContent).toBe(ARABIC);
    for (const el of doc.querySelectorAll('article p, article h1, li')) expect(el.getAttribute('dir'), el.outerHTML.slice(0, 60)).toBe('auto');
  });
});

describe('DOCX', () => {
  it('has real Word footnotes, the marking at the top, and Arabic runs marked right to left', async () => {
    const d = await makeDesk();
    const { report } = await withArabic(d);
    const out = await exported(d, report.id, 'docx');
    expect(out.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = unzipSync(out.data);
    const documentXml = strFromU8(zip['word/document.xml'] as Uint8Array);
    const footnotesXml = strFromU8(zip['word/footnotes.xml'] as Uint8Array);
    expect([...documentXml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    const notes = [...footnotesXml.matchAll(/<w:footnote (?:[^>]*\s)?w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
      .filter((m) => Number(m[1]) > 0)
      .map((m) => [m[1], [...(m[2] as string).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')]);
    expect(notes).toEqual([
      ['1', 'X (formerly Twitter), Akram Al-Kaabi, November 1, 2023.'],
      ['2', 'Al-Nujaba Movement, “Al-Nujaba written statement, October 23, 2023,” October 23, 2023.'],
      ['3', 'Al-Nujaba Movement, “Al-Nujaba video, October 30, 2023,” October 30, 2023.'],
    ]);
    const firstText = /<w:t[^>]*>([^<]*)<\/w:t>/.exec(documentXml)?.[1];
    expect(firstText).toBe('Marking: PUBLIC');
    expect(documentXml).toContain('Leader Of Iraqi Shi&apos;ite Al-Nujaba Movement');
    // The Arabic paragraph is bidirectional and its run right to left, with an Arabic complex-script language.
    const arPara = [...documentXml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(ARABIC)) as string;
    expect(arPara).toMatch(/<w:bidi\/>/);
    expect(arPara).toMatch(/<w:rtl\/>/);
    expect(arPara).toMatch(/w:bidi="ar-SA"/);
    expect(arPara).toMatch(/w:cs="Arial"/);
  });
});

describe('DOCX, a source cited twice', () => {
  it('keeps one Word footnote with one reference mark; the second citation shows the same number in superscript', async () => {
    const d = await makeDesk();
    const src = await newSource(d, { kind: 'social_post', publisher: 'X (formerly Twitter)', author: '@akramalkaabi', publishedAt: '2023-11-01', marking: 'public' });
    const r = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Twice', marking: 'public', body: `First[@${src.id}] and again[@${src.id}].` });
    const zip = unzipSync((await exported(d, r.id, 'docx')).data);
    const documentXml = strFromU8(zip['word/document.xml'] as Uint8Array);
    expect([...documentXml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['1']);
    expect(documentXml).toMatch(/<w:r><w:rPr><w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">1<\/w:t><\/w:r>/);
  });
});

describe('PDF', () => {
  it('is printed from the same HTML by the system Chromium and holds the headline, the quotation and the footnotes', async () => {
    const chromium = findChromium();
    expect(chromium, 'a Chromium is needed for the PDF test (apt-get install chromium, or CHROMIUM_PATH)').toBeTruthy();
    const d = await makeDesk({ pdfEngine: chromiumPdfEngine() });
    const { report } = await sampleReport(d);
    const out = await exported(d, report.id, 'pdf');
    expect(Buffer.from(out.data.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(out.data) }).promise;
    let textContent = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      textContent += content.items.map((x) => ('str' in x ? x.str : '')).join('');
    }
    const flat = textContent.replace(/\s+/g, ' ');
    expect(flat).toContain('Marking: PUBLIC');
    expect(flat).toContain("Leader Of Iraqi Shi'ite Al-Nujaba Movement");
    expect(flat).toContain('No stopping, no truce, no retreat.');
    expect(flat).toContain('X (formerly Twitter), Akram Al-Kaabi, November 1, 2023.');
    expect(flat).toContain('Al-Nujaba video, October 30, 2023');
  }, 120_000);

  it('says which setting to fix when CHROMIUM_PATH points nowhere', async () => {
    const d = await makeDesk({ pdfEngine: chromiumPdfEngine({ executable: undefined }) });
    const r = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'h', marking: 'public' });
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    try {
      await expect(exported(d, r.id, 'pdf')).rejects.toThrow(/CHROMIUM_PATH is set to \/nowhere\/chromium, but there is no such file/);
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
    expect(fs.readdirSync(d.dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});
