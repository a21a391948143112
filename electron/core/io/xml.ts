// A small, strict XML 1.0 reader and the escaping the writers need. Files coming back from
// CAT tools are untrusted input, so the reader accepts no DOCTYPE and therefore no entity
// definitions (no XXE, no "billion laughs"): only the five predefined entities and character
// references. It checks well-formedness (matching tags, quoted and unique attributes, legal
// characters, one root), resolves namespaces, and reports the line of each problem.

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

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const MAX_DEPTH = 200;

// XML 1.0 names, by Unicode category (a close, slightly stricter reading of the production).
const NAME = /^[\p{L}_:][\p{L}\p{N}\p{M}_.:\u00B7\u203F\u2040-]*$/u;

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

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Pending { name: string; attrs: [string, string][]; line: number; selfClosing: boolean }

/** Parses a whole document and returns its root element. Throws XmlError on anything not well-formed. */
export function parseXml(input: string): XmlElement {
  // Line ends are normalized first (XML 1.0 §2.11): \r\n and lone \r become \n.
  const src = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let pos = 0;
  let line = 1;
  const fail = (msg: string): never => { throw new XmlError(msg, line); };

  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (src.charCodeAt(i) === 10) line++;
    pos = to;
  };

  function checkChars(s: string) {
    const bad = firstNonXmlChar(s);
    if (bad) {
      const before = s.slice(0, bad.index).split('\n').length - 1;
      throw new XmlError(`the character U+${bad.codePoint.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, line + before);
    }
  }

  function decode(raw: string, inAttr: boolean): string {
    if (raw.includes('<') && inAttr) fail('"<" is not allowed in an attribute value');
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const amp = raw.indexOf('&', i);
      const chunk = amp < 0 ? raw.slice(i) : raw.slice(i, amp);
      // Attribute-value normalization (XML 1.0 §3.3.3): literal white space becomes a space.
      out += inAttr ? chunk.replace(/[\t\n]/g, ' ') : chunk;
      if (amp < 0) break;
      const semi = raw.indexOf(';', amp);
      if (semi < 0) fail('"&" must start an entity or character reference (write &amp; for a literal ampersand)');
      const ref = raw.slice(amp + 1, semi);
      if (ref.startsWith('#')) {
        const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
        if (!m) fail(`&${ref}; is not a valid character reference`);
        const cp = m?.[1] !== undefined ? parseInt(m[1], 16) : Number(m?.[2]);
        if (!isXmlChar(cp)) fail(`&${ref}; refers to a character XML does not allow`);
        out += String.fromCodePoint(cp);
      } else if (Object.prototype.hasOwnProperty.call(PREDEFINED, ref)) {
        out += PREDEFINED[ref];
      } else {
        fail(`the entity &${ref}; is not defined (only &amp; &lt; &gt; &quot; &apos; and character references are accepted)`);
      }
      i = semi + 1;
    }
    return out;
  }

  function readName(): string {
    const m = /^[^\s/>=<"'&]+/.exec(src.slice(pos, pos + 1000));
    if (!m || !NAME.test(m[0])) fail(`expected a name at "${src.slice(pos, pos + 20)}"`);
    const name = (m as RegExpExecArray)[0];
    advance(pos + name.length);
    return name;
  }

  function skipSpace() {
    const m = /^[ \t\n]*/.exec(src.slice(pos, pos + 10_000));
    advance(pos + (m?.[0].length ?? 0));
  }

  function readTag(): Pending {
    const startLine = line;
    advance(pos + 1); // <
    const name = readName();
    const attrs: [string, string][] = [];
    for (;;) {
      const before = pos;
      skipSpace();
      const c = src[pos];
      if (c === '>') { advance(pos + 1); return { name, attrs, line: startLine, selfClosing: false }; }
      if (c === '/' && src[pos + 1] === '>') { advance(pos + 2); return { name, attrs, line: startLine, selfClosing: true }; }
      if (c === undefined) fail(`the tag <${name}> is not closed`);
      if (pos === before) fail(`expected white space before the attribute in <${name}>`);
      const an = readName();
      skipSpace();
      if (src[pos] !== '=') fail(`the attribute ${an} of <${name}> has no value`);
      advance(pos + 1);
      skipSpace();
      const q = src[pos];
      if (q !== '"' && q !== "'") fail(`the value of ${an} must be in quotes`);
      const end = src.indexOf(q as string, pos + 1);
      if (end < 0) fail(`the value of ${an} is not closed`);
      const raw = src.slice(pos + 1, end);
      checkChars(raw);
      const value = decode(raw, true);
      advance(end + 1);
      if (attrs.some(([n]) => n === an)) fail(`the attribute ${an} appears twice in <${name}>`);
      attrs.push([an, value]);
    }
  }

  const scopes: Map<string, string | null>[] = [new Map([['xml', XML_NS], ['xmlns', XMLNS_NS]])];
  const lookup = (prefix: string): string | null | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const m = scopes[i] as Map<string, string | null>;
      if (m.has(prefix)) return m.get(prefix);
    }
    return undefined;
  };

  function openElement(p: Pending): XmlElement {
    const scope = new Map<string, string | null>();
    for (const [n, v] of p.attrs) {
      if (n === 'xmlns') scope.set('', v === '' ? null : v);
      else if (n.startsWith('xmlns:')) {
        const prefix = n.slice(6);
        if (v === '') fail(`the namespace prefix ${prefix} cannot be undeclared`);
        if (prefix === 'xml' || prefix === 'xmlns') fail(`the prefix ${prefix} cannot be redeclared`);
        scope.set(prefix, v);
      }
    }
    scopes.push(scope);
    const split = (qname: string, isAttr: boolean): { ns: string | null; local: string } => {
      const colon = qname.indexOf(':');
      if (colon < 0) return { ns: isAttr ? null : (lookup('') ?? null), local: qname };
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (!local || local.includes(':')) fail(`${qname} is not a valid qualified name`);
      const ns = lookup(prefix);
      if (ns === undefined || ns === null) fail(`the namespace prefix ${prefix} (in ${qname}) is not declared`);
      return { ns: ns as string, local };
    };
    const el = split(p.name, false);
    const attrs: XmlAttr[] = [];
    const seen = new Set<string>();
    for (const [n, v] of p.attrs) {
      if (n === 'xmlns' || n.startsWith('xmlns:')) continue;
      const a = split(n, true);
      const key = `${a.ns ?? ''}|${a.local}`;
      if (seen.has(key)) fail(`<${p.name}> has two attributes named {${a.ns ?? ''}}${a.local}`);
      seen.add(key);
      attrs.push({ name: n, ns: a.ns, local: a.local, value: v });
    }
    return { type: 'element', name: p.name, ns: el.ns, local: el.local, attrs, children: [], line: p.line };
  }

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let sawDecl = false;

  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    const text = lt < 0 ? src.slice(pos) : src.slice(pos, lt);
    if (text) {
      checkChars(text);
      if (text.includes(']]>')) fail('"]]>" is not allowed in text');
      const parent = stack[stack.length - 1];
      if (!parent) {
        if (text.trim()) fail('there is text outside the root element');
      } else {
        parent.children.push(decode(text, false));
      }
      advance(lt < 0 ? src.length : lt);
      if (lt < 0) break;
    }
    if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos);
      if (end < 0) fail('a processing instruction is not closed');
      const body = src.slice(pos + 2, end);
      if (/^xml[\s?]/i.test(`${body}?`) || body === 'xml') {
        if (pos !== 0 || sawDecl) fail('the XML declaration may only come first');
        sawDecl = true;
        const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(body);
        if (enc && !/^utf-?8$/i.test(enc[1] as string)) fail(`the document declares encoding ${enc[1]}; only UTF-8 is accepted`);
        if (!/^xml\s+version\s*=\s*["']1\.[0-9]+["']/.test(body)) fail('the XML declaration needs version="1.0"');
      }
      checkChars(body);
      advance(end + 2);
    } else if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) fail('a comment is not closed');
      const body = src.slice(pos + 4, end);
      if (body.includes('--') || body.endsWith('-')) fail('"--" is not allowed inside a comment');
      checkChars(body);
      advance(end + 3);
    } else if (src.startsWith('<![CDATA[', pos)) {
      const parent = stack[stack.length - 1];
      if (!parent) fail('CDATA outside the root element');
      const end = src.indexOf(']]>', pos);
      if (end < 0) fail('a CDATA section is not closed');
      const body = src.slice(pos + 9, end);
      checkChars(body);
      parent?.children.push(body);
      advance(end + 3);
    } else if (src.startsWith('<!', pos)) {
      if (/^<!DOCTYPE/i.test(src.slice(pos, pos + 9))) {
        fail('a DOCTYPE declaration is not accepted: it could define entities (XML external entities are refused)');
      }
      if (/^<!ENTITY/i.test(src.slice(pos, pos + 8))) fail('entity declarations are not accepted');
      fail(`unexpected markup "${src.slice(pos, pos + 12)}"`);
    } else if (src.startsWith('</', pos)) {
      advance(pos + 2);
      const name = readName();
      skipSpace();
      if (src[pos] !== '>') fail(`the end tag </${name}> is not closed`);
      advance(pos + 1);
      const open = stack.pop();
      if (!open) fail(`the end tag </${name}> has no start tag`);
      if (open?.name !== name) fail(`the end tag </${name}> does not match <${open?.name}> (line ${open?.line})`);
      scopes.pop();
    } else {
      const tag = readTag();
      if (root && stack.length === 0) fail('a document has exactly one root element');
      if (stack.length >= MAX_DEPTH) fail(`elements are nested more than ${MAX_DEPTH} deep`);
      const el = openElement(tag);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else root = el;
      if (tag.selfClosing) scopes.pop();
      else stack.push(el);
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]?.name}> (line ${stack[stack.length - 1]?.line}) is never closed`);
  if (!root) fail('the document has no root element');
  return mergeText(root as XmlElement);
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
