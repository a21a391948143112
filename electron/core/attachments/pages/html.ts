// A saved web page's readable text. parse5 builds the tree as a browser would and runs
// nothing: scripts, styles, embedded content and form controls are dropped, no attribute is
// followed, nothing is fetched. Only the address the page claims for itself is read
// (canonical link, og:url, and the "saved from url" comment Chromium writes at the top).
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { httpUrl, type PageText } from './types';

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'canvas', 'img', 'picture', 'video', 'audio', 'source', 'track', 'map', 'input', 'button', 'select', 'textarea', 'head',
]);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);

type Node = T.ChildNode | T.Document;

const attr = (el: T.Element, name: string): string | null => el.attrs.find((a) => a.name === name)?.value ?? null;

/** `<!-- saved from url=(0042)https://example.org/... -->`, as Chromium and IE write it. */
const SAVED_FROM = /<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/i;

export interface HtmlMeta { title: string | null; url: string | null; publishedAt: string | null }

function metaOf(doc: T.Document, html: string): HtmlMeta {
  let title: string | null = null;
  let canonical: string | null = null;
  let og: string | null = null;
  let publishedAt: string | null = null;
  const stack: Node[] = [doc];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (!('tagName' in n)) {
      if ('childNodes' in n) stack.push(...n.childNodes);
      continue;
    }
    const el = n as T.Element;
    if (el.tagName === 'title' && title === null) title = el.childNodes.map((c) => (c.nodeName === '#text' ? (c as T.TextNode).value : '')).join('').replace(/\s+/g, ' ').trim() || null;
    else if (el.tagName === 'meta') {
      const key = (attr(el, 'property') ?? attr(el, 'name') ?? '').toLowerCase();
      const content = attr(el, 'content');
      if (key === 'og:url') og ??= httpUrl(content);
      else if (key === 'article:published_time') publishedAt ??= content?.trim() || null;
    } else if (el.tagName === 'link' && (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      canonical ??= httpUrl(attr(el, 'href'));
    }
    if (el.tagName === 'body') continue;
    stack.push(...el.childNodes);
  }
  const savedFrom = httpUrl(SAVED_FROM.exec(html.slice(0, 4096))?.[1] ?? null);
  return { title, url: canonical ?? og ?? savedFrom, publishedAt };
}

/** Text with a line break between blocks and runs of spaces collapsed, as a reader sees it. */
function visibleText(doc: T.Document): string {
  const parts: string[] = [];
  // Iterative, so a hostile page nested a hundred thousand deep cannot exhaust the stack.
  const stack: (Node | '\n')[] = [doc];
  while (stack.length) {
    const n = stack.pop() as Node | '\n';
    if (n === '\n') {
      parts.push('\n');
      continue;
    }
    if (n.nodeName === '#text') {
      parts.push((n as T.TextNode).value.replace(/\s+/g, ' '));
      continue;
    }
    if (!('childNodes' in n) || SKIP.has(n.nodeName)) continue;
    if ('attrs' in n && (n.attrs.some((a) => a.name === 'hidden') || attr(n, 'aria-hidden') === 'true')) continue;
    const block = BLOCK.has(n.nodeName);
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i] as Node);
  }
  return parts.join('').split('\n').map((l) => l.trim()).filter((l) => l.length > 0).join('\n');
}

export function htmlText(html: string): PageText {
  const doc = parse(html);
  const meta = metaOf(doc, html);
  // A page saved as HTML carries no capture time (only, at best, when the article was published).
  return { text: visibleText(doc), title: meta.title, url: meta.url, capturedAt: null };
}
