// A saved report page as blocks of text. parse5 builds the tree as a browser would and runs
// nothing; from it only text is taken: scripts, styles, embedded content, forms, hidden
// elements and the site's navigation, banner and footer are skipped, and no attribute but a
// link's address and a few <meta> values is read.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { Block, PageMeta } from './blocks';

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'canvas', 'img', 'picture', 'video', 'audio', 'source', 'track', 'map', 'form', 'input', 'button', 'select', 'textarea',
  'nav', 'aside', 'dialog', 'head',
]);
/** Page-level landmarks: skipped unless inside the article itself, where they hold its headline or notes. */
const PAGE_CHROME = new Set(['header', 'footer']);
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);

type Node = T.ChildNode | T.Document;

function attr(el: T.Element, name: string): string | null {
  return el.attrs.find((a) => a.name === name)?.value ?? null;
}

function isHidden(el: T.Element): boolean {
  if (el.attrs.some((a) => a.name === 'hidden')) return true;
  if (attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style')?.toLowerCase().replace(/\s+/g, '') ?? '';
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function textOf(node: Node): string {
  let out = '';
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.nodeName === '#text') out += (n as T.TextNode).value;
    else if ('childNodes' in n && !SKIP.has(n.nodeName)) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i] as Node);
  }
  return out;
}

function httpUrl(href: string | null): string | null {
  if (!href) return null;
  const h = href.trim();
  return /^https?:\/\/[^\s]+$/i.test(h) ? h : null;
}

function readMeta(doc: T.Document): PageMeta {
  const meta: PageMeta = { title: null, siteName: null, url: null, publishedTime: null, lang: null };
  const stack: Node[] = [doc];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (!('tagName' in n)) {
      if ('childNodes' in n) stack.push(...n.childNodes);
      continue;
    }
    const el = n as T.Element;
    if (el.tagName === 'html') meta.lang = (attr(el, 'lang') ?? '').split('-')[0]?.toLowerCase() || null;
    else if (el.tagName === 'title' && meta.title === null) meta.title = textOf(el).replace(/\s+/g, ' ').trim() || null;
    else if (el.tagName === 'meta') {
      const key = (attr(el, 'property') ?? attr(el, 'name') ?? '').toLowerCase();
      const content = attr(el, 'content')?.replace(/\s+/g, ' ').trim() || null;
      if (key === 'og:site_name') meta.siteName ??= content;
      else if (key === 'og:url') meta.url ??= httpUrl(content);
      else if (key === 'article:published_time' || key === 'citation_publication_date') meta.publishedTime ??= content;
    } else if (el.tagName === 'link' && (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      meta.url = httpUrl(attr(el, 'href')) ?? meta.url;
    }
    if (el.tagName === 'body') continue;
    stack.push(...el.childNodes);
  }
  return meta;
}

/** The blocks of a page, in reading order, and its metadata. */
export function htmlBlocks(html: string): { blocks: Block[]; meta: PageMeta } {
  const doc = parse(html);
  const meta = readMeta(doc);
  const blocks: Block[] = [];
  let text = '';
  let links: string[] = [];
  let heading: number | undefined;

  const flush = () => {
    for (const line of text.split('\n')) {
      const t = line.replace(/[ \t\r\f]+/g, ' ').trim();
      if (t) blocks.push({ text: t, links, ...(heading ? { heading } : {}) });
    }
    text = '';
    links = [];
    heading = undefined;
  };

  // An explicit stack, not recursion: a page nested ten thousand levels deep is still only text.
  type Frame = { node: Node; exit: boolean; inArticle: number };
  const stack: Frame[] = [{ node: doc, exit: false, inArticle: 0 }];
  while (stack.length) {
    const { node, exit, inArticle } = stack.pop() as Frame;
    if (node.nodeName === '#text') {
      text += (node as T.TextNode).value.replace(/[ \t\n\r\f]+/g, ' ');
      continue;
    }
    if (!('childNodes' in node)) continue;
    const tag = 'tagName' in node ? (node as T.Element).tagName : '';
    if (exit) {
      if (BLOCK.has(tag)) flush();
      else if (tag === 'q') text += '"';
      continue;
    }
    if (tag) {
      const el = node as T.Element;
      if (SKIP.has(tag) || isHidden(el) || (PAGE_CHROME.has(tag) && inArticle === 0)) continue;
      if (tag === 'br') { text += '\n'; continue; }
      // A superscript number is a footnote marker: written as the text form [n].
      if (tag === 'sup') {
        const n = textOf(el).trim();
        if (/^\[?\d{1,3}\]?$/.test(n)) { text += `[${n.replace(/[[\]]/g, '')}]`; continue; }
      }
      if (tag === 'a') {
        const url = httpUrl(attr(el, 'href'));
        if (url && !links.includes(url)) links.push(url);
      }
      if (BLOCK.has(tag)) {
        flush();
        const h = /^h([1-6])$/.exec(tag);
        if (h) heading = Number(h[1]);
      }
      if (tag === 'q') text += '"';
    }
    const depth = inArticle + (tag === 'article' || tag === 'main' ? 1 : 0);
    stack.push({ node, exit: true, inArticle });
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i] as Node, exit: false, inArticle: depth });
  }
  flush();
  return { blocks, meta };
}
