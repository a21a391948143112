// Reading untrusted XML (files coming back from CAT tools) and the escaping the writers need.
// The reading is saxes' (a maintained, streaming, conformant XML 1.0 parser that expands no
// entity but the five predefined ones and character references); this file refuses any
// DOCTYPE (so no entity definitions: no XXE, no "billion laughs"), anything but UTF-8, and
// nesting past MAX_DEPTH, builds the small element tree the XLIFF reader walks, and words
// saxes' errors as messages that say what to fix, with the line.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlAttr { name: string; ns: string | null; local: string; value: string }
export interface XmlElement {
  type: 'element';
  name: string;
  ns: string | null;
  local: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'XmlError';
  }
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const MAX_DEPTH = 200;
const DOCTYPE_REFUSED = 'a DOCTYPE declaration is not accepted: it could define entities (XML external entities are refused)';
const PREDEFINED = '&amp; &lt; &gt; &quot; &apos;';

/** A character XML 1.0 allows in a document (as itself or as a character reference). */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Escapes text content. \r is written as a reference, or a reader would turn it into \n. */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escapes an attribute value (quoted with "); tab and line breaks as references so they survive normalization. */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c] as string);
}

/** The first character of `s` that XML 1.0 cannot carry at all (control characters, unpaired surrogates), or null. */
export function firstNonXmlChar(s: string): { index: number; codePoint: number } | null {
  let i = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (!isXmlChar(cp)) return { index: i, codePoint: cp };
    i += ch.length;
  }
  return null;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const lineAt = (src: string, index: number) => src.slice(0, index).split('\n').length;

/** The first "&" in `region` that does not start a reference, as an index into it, or -1. */
function bareAmpersand(region: string): number {
  for (let i = region.indexOf('&'); i >= 0; i = region.indexOf('&', i + 1)) {
    if (!/^&(#x[0-9A-Fa-f]+|#[0-9]+|[^\s&;<>"'#]+);/.test(region.slice(i, i + 80))) return i;
  }
  return -1;
}

interface Context {
  src: string;
  /** Where the construct that failed starts: the end of the last one saxes reported. */
  from: number;
  /** Where saxes stopped (just after the character it refused). */
  at: number;
  line: number;
  open: XmlElement | undefined;
}

/** saxes' error for what it refused, worded for the person who has to fix the file. */
function explain(raw: string, c: Context): XmlError {
  const msg = raw.replace(/^[^:]*:\d+:\d+: /, '').replace(/^\d+:\d+: /, '');
  // saxes hands over text when it meets the "<" after it: the construct may begin one back.
  const from = c.src[c.from - 1] === '<' && c.src[c.from] !== '<' ? c.from - 1 : c.from;
  const region = c.src.slice(from, c.at);
  const fail = (m: string, line = c.line) => new XmlError(m, line);
  const markup = region.trimStart();
  // The tag saxes was reading when it stopped.
  const tag = c.src.slice(c.src.lastIndexOf('<', c.at - 1), c.at);
  const inMarkupWithoutReferences = /^<(!--|!\[CDATA\[|\?)/.test(markup);
  const amp = inMarkupWithoutReferences ? -1 : bareAmpersand(region);

  if (msg === 'inappropriately located doctype declaration.' || /^<!DOCTYPE/i.test(markup)) return fail(DOCTYPE_REFUSED);
  if (amp >= 0 && !msg.startsWith('undefined entity') && !msg.startsWith('malformed character entity')) {
    return fail('"&" must start an entity or character reference (write &amp; for a literal ampersand)', lineAt(c.src, from + amp));
  }
  if (msg === 'undefined entity.') {
    const name = /&([^&;]*);$/.exec(c.src.slice(0, c.at))?.[1] ?? '';
    return fail(`the entity &${name}; is not defined (only ${PREDEFINED} and character references are accepted)`);
  }
  if (msg === 'malformed character entity.') {
    const ref = /&(#[^&;]*);$/.exec(c.src.slice(0, c.at))?.[1] ?? '#';
    return /^#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7})$/.test(ref)
      ? fail(`&${ref}; refers to a character XML does not allow`)
      : fail(`&${ref}; is not a valid character reference`);
  }
  if (msg === 'disallowed character.') {
    let i = c.at - 1;
    const low = c.src.charCodeAt(i);
    if (low >= 0xdc00 && low <= 0xdfff && i > 0) i--;
    const cp = c.src.codePointAt(i) ?? 0;
    if (cp === 0x3c && /=\s*["'][^"']*$/.test(c.src.slice(c.from, i))) return fail('"<" is not allowed in an attribute value');
    return fail(`the character ${hex(cp)} is not allowed in XML`);
  }
  if (msg === 'unexpected close tag.' || msg.startsWith('unmatched closing tag')) {
    const name = /<\/\s*([^\s>]+)\s*>$/.exec(c.src.slice(0, c.at))?.[1] ?? '';
    if (msg.startsWith('unmatched') || !c.open) return fail(`the end tag </${name}> has no start tag`);
    return fail(`the end tag </${name}> does not match <${c.open.name}> (line ${c.open.line})`);
  }
  if (msg.startsWith('unclosed tag') || msg === 'unexpected end.') {
    const opened = lineAt(c.src, from + region.length - markup.length);
    if (markup.startsWith('<![CDATA[')) return fail('a CDATA section is not closed', opened);
    if (markup.startsWith('<!--')) return fail('a comment is not closed', opened);
    if (markup.startsWith('<?')) return fail('a processing instruction is not closed', opened);
  }
  if (msg.startsWith('unclosed tag')) {
    return c.open ? fail(`<${c.open.name}> (line ${c.open.line}) is never closed`) : fail('an element is never closed');
  }
  if (msg.startsWith('duplicate attribute: ')) {
    const name = msg.slice('duplicate attribute: '.length).replace(/\.$/, '');
    const el = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
    return name.startsWith('{') ? fail(`<${el}> has two attributes named ${name}`) : fail(`the attribute ${name} appears twice in <${el}>`);
  }
  if (msg.startsWith('unbound namespace prefix: ')) {
    const prefix = JSON.parse(msg.slice('unbound namespace prefix: '.length).replace(/\.$/, '')) as string;
    const qname = new RegExp(`(?:^<|\\s)(${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[^\\s=/>]+)`).exec(tag)?.[1] ?? `${prefix}:…`;
    return fail(`the namespace prefix ${prefix} (in ${qname}) is not declared`);
  }
  if (msg === 'incorrect syntax.') {
    return /^<!ENTITY/i.test(markup) ? fail('entity declarations are not accepted') : fail(`unexpected markup "${markup.slice(0, 12)}"`);
  }
  const plain: Record<string, string> = {
    'unquoted attribute value.': 'an attribute value must be in quotes',
    'documents may contain only one root.': 'a document has exactly one root element',
    'text data outside of root node.': 'there is text outside the root element',
    'the string "]]>" is disallowed in char data.': '"]]>" is not allowed in text',
    'malformed comment.': '"--" is not allowed inside a comment',
    'document must contain a root element.': 'the document has no root element',
    'an XML declaration must be at the start of the document.': 'the XML declaration may only come first',
    'the XML declaration must appear at the start of the document.': 'the XML declaration may only come first',
    'version number must match /^1\\.[0-9]+$/.': 'the XML declaration needs version="1.0"',
    'XML declaration must contain a version.': 'the XML declaration needs version="1.0"',
    'unexpected end.': 'the document ends in the middle of markup',
  };
  return fail(plain[msg] ?? msg.replace(/\.$/, ''));
}

function toAttrs(tag: SaxesTagNS): XmlAttr[] {
  return Object.values(tag.attributes)
    .filter((a) => a.uri !== XMLNS_NS)
    .map((a) => ({ name: a.name, ns: a.uri === '' ? null : a.uri, local: a.local, value: a.value }));
}

/** Parses a whole document and returns its root element. Throws XmlError on anything not well-formed or refused. */
export function parseXml(input: string): XmlElement {
  const src = input.replace(/^\uFEFF/, '');
  if (!src.isWellFormed()) {
    // saxes waits for the other half of a lone surrogate; say what is wrong instead.
    const bad = firstNonXmlChar(src) as { index: number; codePoint: number };
    throw new XmlError(`the character ${hex(bad.codePoint)} is not allowed in XML`, lineAt(src, bad.index));
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let tagLine = 1;
  let from = 0;
  const done = () => { from = parser.position; };
  const refuse = (message: string, line = parser.line): never => { throw new XmlError(message, line); };
  const textNode = (text: string) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(text);
    else if (text.trim()) refuse('there is text outside the root element');
  };

  // saxes reports a mismatched end tag after it has handed us the element it closed instead.
  let closed: { el: XmlElement | undefined; from: number } | null = null;
  parser.on('error', (err) => {
    const mismatch = closed !== null && err.message.endsWith('unexpected close tag.');
    throw explain(err.message, {
      src, from: mismatch ? closed!.from : from, at: parser.position, line: parser.line, open: mismatch ? closed!.el : stack[stack.length - 1],
    });
  });
  parser.on('doctype', () => refuse(DOCTYPE_REFUSED));
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) refuse(`the document declares encoding ${decl.encoding}; only UTF-8 is accepted`);
    done();
  });
  parser.on('opentagstart', () => { tagLine = parser.line; });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_DEPTH) refuse(`elements are nested more than ${MAX_DEPTH} deep`);
    const el: XmlElement = {
      type: 'element', name: tag.name, ns: tag.uri === '' ? null : tag.uri, local: tag.local, attrs: toAttrs(tag), children: [], line: tagLine,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) stack.push(el);
    done();
  });
  parser.on('closetag', (tag) => {
    closed = { el: tag.isSelfClosing ? undefined : stack.pop(), from };
    done();
  });
  parser.on('text', (text) => { textNode(text); done(); });
  parser.on('cdata', (text) => { textNode(text); done(); });
  parser.on('comment', done);
  parser.on('processinginstruction', done);

  parser.write(src).close();
  if (!root) refuse('the document has no root element');
  return mergeText(root as unknown as XmlElement);
}

/** Adjacent text pieces (text, CDATA, text) become one string. */
function mergeText(el: XmlElement): XmlElement {
  const out: XmlNode[] = [];
  for (const c of el.children) {
    const last = out[out.length - 1];
    if (typeof c === 'string' && typeof last === 'string') out[out.length - 1] = last + c;
    else out.push(typeof c === 'string' ? c : mergeText(c));
  }
  el.children = out;
  return el;
}

export function attr(el: XmlElement, local: string, ns: string | null = null): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value;
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}
