/**
 * Notes are markdown: rendered with raw HTML disabled, then sanitized. Images are not
 * rendered at all (an <img> with a remote address is a network request); links keep their
 * target visible and open only through the confirmation (see <Markdown>). Then, on the
 * sanitized DOM (elements and text nodes, never HTML strings), every block gets its own
 * direction and the hashtags, handles, links, scripture references and quotations inside it
 * their own <bdi> (shared/text/direction.ts), as plain text does (<Paragraphs>).
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { firstStrong, paragraphRuns } from '../../../shared/text/direction';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
md.disable(['image']);

const SAFE_LINK = /^(https?:|mailto:|#)/i;
const BLOCKS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'TD', 'TH', 'PRE', 'UL', 'OL']);

let purifier: ReturnType<typeof DOMPurify> | null = null;
function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    // Each block takes its own direction: an Arabic heading does not turn an English paragraph.
    if (BLOCKS.has(node.nodeName)) node.setAttribute('dir', 'auto');
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href.trim())) {
        node.removeAttribute('href');
      } else {
        node.setAttribute('data-href', href);
        node.setAttribute('rel', 'noreferrer noopener');
        node.setAttribute('title', href);
      }
      node.removeAttribute('target');
    }
  });
  purifier = p;
  return p;
}

export function renderMarkdown(source: string): string {
  const html = md.render(source);
  const body = purify().sanitize(html, {
    FORBID_TAGS: ['img', 'style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'video', 'audio', 'source', 'picture', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'background', 'poster'],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-href'],
    RETURN_DOM: true,
  }) as HTMLElement;
  for (const block of body.querySelectorAll<HTMLElement>(TEXT_BLOCKS)) isolateIn(block);
  return body.innerHTML;
}

// The blocks that hold a paragraph's text (a <ul> or <blockquote> holds blocks, not text).
const TEXT_BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, td, th';

/** Text nodes of `block` that are its own (not a nested block's, not code's). */
function ownText(block: HTMLElement): Text[] {
  const out: Text[] = [];
  const walk = (el: Element) => {
    for (const n of [...el.childNodes]) {
      if (n.nodeType === 3) out.push(n as Text);
      else if (n.nodeType === 1) {
        const child = n as Element;
        if (!child.matches(`${TEXT_BLOCKS}, code, pre, ul, ol, blockquote`)) walk(child);
      }
    }
  };
  walk(block);
  return out;
}

/**
 * Isolates the entities and quotations in a block's text nodes (each in a <bdi> made with
 * createElement, its text set as textContent) and gives the block its direction: dir="auto"
 * when its text outside them says which, else that of its first strong character.
 */
function isolateIn(block: HTMLElement): void {
  const doc = block.ownerDocument;
  let outside = '';
  for (const node of ownText(block)) {
    const p = paragraphRuns(node.data, { quotations: true });
    if (!p.runs.some((r) => r.isolate)) { outside += node.data; continue; }
    const parts = p.runs.map((r) => {
      if (!r.isolate) { outside += r.text; return doc.createTextNode(r.text); }
      const bdi = doc.createElement('bdi');
      bdi.setAttribute('dir', r.isolate.dir);
      bdi.className = `isolated isolated-${r.isolate.kind}`;
      bdi.textContent = r.text;
      return bdi;
    });
    node.replaceWith(...parts);
  }
  block.setAttribute('dir', firstStrong(outside) ? 'auto' : firstStrong(block.textContent ?? '') ?? 'auto');
}
