// One self-contained HTML file from the intermediate document: styles inline in one <style>, no
// script, nothing loaded from anywhere (a CSP meta tag says so to the browser too), every block
// in its own direction (dir="auto") and inline quotations isolated in <bdi>, so an Arabic
// quotation reads right to left inside English prose. The PDF is printed from this same file.
import type { Block, ReportDocument, Run } from '../../../../shared/domain';
import { firstStrongDirection } from './bidi';

export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Fonts: a serif for Latin text, then faces with Arabic glyphs on each system (Windows: Segoe UI,
 * Arial, Tahoma; macOS: Geeza Pro, Baghdad; Linux: Noto Naskh/Sans Arabic, DejaVu), before the
 * generic family, so Arabic never falls back to a face without its letters.
 */
const ARABIC_FONTS = '"Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Baghdad", "Segoe UI", "Arial", "Tahoma", "DejaVu Sans"';
const STYLE = `
:root { color-scheme: light; }
html { background: #fff; }
body { margin: 0 auto; max-width: 42rem; padding: 2rem 1.5rem 3rem; color: #1b1b1b; line-height: 1.55; font-size: 16px;
  font-family: Georgia, "Times New Roman", "Noto Serif", "DejaVu Serif", ${ARABIC_FONTS}, serif; }
:lang(ar), :lang(fa), :lang(ur), :lang(ps) { font-family: ${ARABIC_FONTS}, sans-serif; line-height: 1.8; }
.marking { display: inline-block; margin: 0 0 1rem; padding: .3rem .6rem; border: 1px solid #8a1c1c; color: #8a1c1c;
  font: 600 .78rem/1.2 "Segoe UI", Arial, "DejaVu Sans", sans-serif; letter-spacing: .06em; }
h1 { font-size: 1.65rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; } h3, h4, h5, h6 { font-size: 1.1rem; }
.dateline { margin: 0 0 1.25rem; color: #4a4a4a; }
.lead { font-style: italic; }
blockquote { margin: 1rem 0; padding: .1rem 1rem; border-inline-start: 3px solid #9a9a9a; color: #222; }
bdi.quote { unicode-bidi: isolate; }
sup.fnref { line-height: 0; font-size: .75em; }
sup.fnref a, .footnotes a.backref { text-decoration: none; color: #1f4e8c; }
pre, code { font-family: "DejaVu Sans Mono", Consolas, Menlo, monospace; font-size: .9em; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .5rem .75rem; }
.footnotes { margin-top: 2rem; font-size: .9rem; }
.footnotes ol { list-style: none; padding: 0; }
.footnotes li { margin: .3rem 0; }
.fn-number { margin-inline-end: .35rem; }
@page { size: A4; margin: 2cm; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; } .footnotes a.backref { display: none; } }
`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const langAttr = (lang: string | null) => (lang ? ` lang="${escapeHtml(lang)}"` : '');

function runsToHtml(runs: readonly Run[], d: ReportDocument, seen: Map<number, number>): string {
  return runs.map((r) => {
    switch (r.type) {
      case 'break': return '<br>';
      case 'footnote': {
        const k = (seen.get(r.n) ?? 0) + 1;
        seen.set(r.n, k);
        const id = k === 1 ? `fnref${r.n}` : `fnref${r.n}-${k}`;
        return `<sup class="fnref"><a href="#fn${r.n}" id="${id}" aria-label="Note ${r.n}">[${r.n}]</a></sup>`;
      }
      case 'quote': {
        const q = d.quotations[r.quotation];
        return `"<bdi class="quote" dir="auto"${langAttr(r.lang)}${wordingAttrs(q?.wording)}>${escapeHtml(r.text)}</bdi>"`;
      }
      case 'text': {
        let h = escapeHtml(r.text);
        if (r.marks?.code) h = `<code>${h}</code>`;
        if (r.marks?.bold) h = `<strong>${h}</strong>`;
        if (r.marks?.italic) h = `<em>${h}</em>`;
        if (r.href) h = `<a href="${escapeHtml(r.href)}" rel="noreferrer noopener">${h}</a>`;
        return h;
      }
    }
  }).join('');
}

function wordingAttrs(wording: string | undefined): string {
  return wording === 'published' ? ' class="published-wording" data-wording="published" title="Published wording"' : '';
}

function blockToHtml(b: Block, d: ReportDocument, seen: Map<number, number>): string {
  switch (b.type) {
    case 'paragraph': return `<p dir="auto">${runsToHtml(b.runs, d, seen)}</p>`;
    case 'heading': { const h = Math.min(6, b.level + 1); return `<h${h} dir="auto">${runsToHtml(b.runs, d, seen)}</h${h}>`; }
    case 'quotation': {
      const q = d.quotations[b.quotation];
      const cls = q?.wording === 'published' ? 'quotation published-wording' : 'quotation';
      const wording = q?.wording === 'published' ? ' data-wording="published" title="Published wording"' : '';
      // Written out: dir="auto" on the quote would skip its paragraphs' text (they carry their own dir).
      const dir = firstStrongDirection(b.paragraphs.join(' ')) ?? 'auto';
      return `<blockquote class="${cls}" dir="${dir}"${langAttr(b.lang)}${wording}>${b.paragraphs.map((p) => `<p dir="auto">${escapeHtml(p)}</p>`).join('')}</blockquote>`;
    }
    case 'blockquote': return `<blockquote dir="auto">${b.paragraphs.map((p) => `<p dir="auto">${runsToHtml(p, d, seen)}</p>`).join('')}</blockquote>`;
    case 'code': return `<pre dir="ltr"><code>${escapeHtml(b.text)}</code></pre>`;
    case 'rule': return '<hr>';
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag} dir="auto"${start}>${b.items.map((i) => `<li dir="auto">${runsToHtml(i, d, seen)}</li>`).join('')}</${tag}>`;
    }
  }
}

export function writeHtml(d: ReportDocument): string {
  const seen = new Map<number, number>();
  const body = d.blocks.map((b) => blockToHtml(b, d, seen)).join('\n');
  const notes = d.footnotes.length
    ? `<section class="footnotes" aria-label="Notes">\n<hr>\n<ol>\n${d.footnotes.map((f) =>
      `<li id="fn${f.n}" dir="auto"><span class="fn-number">[${f.n}]</span>${runsToHtml(f.runs, d, new Map())} <a class="backref" href="#fnref${f.n}" aria-label="Back to the text">↩</a></li>`).join('\n')}\n</ol>\n</section>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Casefile">
<meta name="marking" content="${escapeHtml(d.marking)}">
<title>${escapeHtml(d.headline)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="marking" role="note">Marking: ${escapeHtml(d.markingLabel)}</p>
<article>
<header>
<h1 dir="auto">${escapeHtml(d.headline)}</h1>
${d.dateline.text ? `<p class="dateline" dir="auto">${escapeHtml(d.dateline.text)}</p>` : ''}
</header>
${d.lead ? `<p class="lead" dir="auto">${escapeHtml(d.lead)}</p>\n` : ''}${body}
${notes}
</article>
</body>
</html>
`;
}
