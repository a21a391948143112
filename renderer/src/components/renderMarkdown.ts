/**
 * Notes are markdown: rendered with raw HTML disabled, then sanitized. Images are not
 * rendered at all (an <img> with a remote address is a network request); links keep their
 * target visible and open only through the confirmation (see <Markdown>).
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

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
  return purify().sanitize(html, {
    FORBID_TAGS: ['img', 'style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'video', 'audio', 'source', 'picture', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'background', 'poster'],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-href'],
  });
}
