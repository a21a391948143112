// The strict XML reader behind the XLIFF import (electron/core/io/xml.ts, over saxes): files from
// CAT tools are untrusted, so no DOCTYPE or entity definitions, and well-formedness is enforced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, childElements, escapeAttr, escapeText, parseXml, XmlError, type XmlElement } from '../../electron/core/io/xml';

const fails = (xml: string): string => {
  try {
    parseXml(xml);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlError);
    return (e as Error).message;
  }
  throw new Error('should have been refused');
};

describe('parseXml', () => {
  it('resolves namespaces (default and prefixed), CDATA, references, and normalizes line ends and attribute white space', () => {
    const root = parseXml('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<!-- c --><x:a xmlns:x="urn:x" xmlns="urn:d" x:k="1&#10;2\t3" k="&lt;&amp;&quot;&apos;&gt;">'
      + '<b>t&#x1F54C;&#13;\r\n<![CDATA[<raw> & ]]>end</b><?pi data?></x:a>');
    expect(root).toMatchObject({ ns: 'urn:x', local: 'a' });
    expect(attr(root, 'k', 'urn:x')).toBe('1\n2 3');
    expect(attr(root, 'k')).toBe('<&"\'>');
    const b = childElements(root)[0] as XmlElement;
    expect(b).toMatchObject({ ns: 'urn:d', local: 'b', line: 2 });
    expect(b.children).toEqual(['t🕌\r\n<raw> & end']);
  });

  it('writes what it reads: escapeText and escapeAttr round-trip any XML text', () => {
    const text = 'a & b < c > d "e" \'f\' \r\n\t ع\u202e';
    const root = parseXml(`<r a="${escapeAttr(text)}">${escapeText(text)}</r>`);
    expect(attr(root, 'a')).toBe(text);
    expect(root.children).toEqual([text]);
  });

  it('refuses DOCTYPE and entity definitions (no XXE, no billion laughs) and undefined entities', () => {
    expect(fails('<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>')).toMatch(/DOCTYPE declaration is not accepted/);
    expect(fails('<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://example.com/r.dtd"><r/>')).toMatch(/DOCTYPE/);
    expect(fails('<r>&ext;</r>')).toMatch(/entity &ext; is not defined/);
    expect(fails('<r>a & b</r>')).toMatch(/must start an entity/);
  });

  it('refuses documents that are not well-formed, with the line', () => {
    expect(fails('<r>\n<a></b></r>')).toBe('line 2: the end tag </b> does not match <a> (line 2)');
    expect(fails('<r a="1" a="2"/>')).toMatch(/appears twice/);
    expect(fails('<r xmlns:p="u" xmlns:q="u" p:a="1" q:a="2"/>')).toMatch(/two attributes named \{u\}a/);
    expect(fails('<p:r/>')).toMatch(/prefix p .* is not declared/);
    expect(fails('<r/><r/>')).toMatch(/exactly one root/);
    expect(fails('text<r/>')).toMatch(/text outside the root/);
    expect(fails('<r a="<"/>')).toMatch(/"<" is not allowed in an attribute/);
    expect(fails('<r a=1/>')).toMatch(/in quotes/);
    expect(fails('<r>&#1;</r>')).toMatch(/refers to a character XML does not allow/);
    expect(fails('<r>\u0001</r>')).toMatch(/U\+0001 is not allowed/);
    expect(fails('<r>]]></r>')).toMatch(/"\]\]>" is not allowed/);
    expect(fails('<r><!-- a -- b --></r>')).toMatch(/"--" is not allowed/);
    expect(fails('<r>')).toMatch(/never closed/);
    expect(fails('')).toMatch(/no root element/);
    expect(fails('<r/><?xml version="1.0"?>')).toMatch(/declaration may only come first/);
    expect(fails('<?xml version="1.0" encoding="ISO-8859-1"?><r/>')).toMatch(/only UTF-8/);
    expect(fails(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`)).toMatch(/nested more than 200 deep/);
  });

  it('refuses an external entity without reading the file it names', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-xxe-'));
    try {
      const secret = path.join(dir, 'secret.txt');
      fs.writeFileSync(secret, 'TOP-SECRET-CONTENT');
      const message = fails(`<?xml version="1.0"?>\n<!DOCTYPE r [\n  <!ENTITY xxe SYSTEM "file://${secret}">\n]>\n<r>&xxe;</r>`);
      expect(message).toMatch(/^line \d+: a DOCTYPE declaration is not accepted/);
      expect(message).not.toContain('TOP-SECRET');
      // Parameter entities and an external DTD subset are refused the same way.
      expect(fails(`<!DOCTYPE r [<!ENTITY % p SYSTEM "file://${secret}"> %p;]><r/>`)).toMatch(/DOCTYPE declaration is not accepted/);
      expect(fails('<!DOCTYPE r PUBLIC "-//X//DTD X//EN" "http://example.com/x.dtd"><r/>')).toMatch(/DOCTYPE declaration is not accepted/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the billion laughs before expanding anything', () => {
    const lol = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    expect(fails(`<?xml version="1.0"?><!DOCTYPE lolz [${lol.join('')}]><lolz>&lol9;</lolz>`)).toMatch(/DOCTYPE declaration is not accepted/);
    // Without a DOCTYPE nothing can define the entity.
    expect(fails('<lolz>&lol9;</lolz>')).toMatch(/the entity &lol9; is not defined/);
    expect(fails('<r>x</r><!ENTITY a "b">')).toMatch(/entity declarations are not accepted/);
  });

  it('says what is wrong with malformed markup', () => {
    expect(fails('<r>x &amp; y & z</r>')).toMatch(/"&" must start an entity/);
    expect(fails('<r a="1 & 2"/>')).toMatch(/"&" must start an entity/);
    expect(fails('<r>&#xZZ;</r>')).toMatch(/&#xZZ; is not a valid character reference/);
    expect(fails('<r>&;</r>')).toMatch(/"&" must start an entity/);
    expect(fails('<r></a>')).toMatch(/the end tag <\/a> does not match <r>/);
    expect(fails('<r/></r>')).toMatch(/the end tag <\/r> has no start tag/);
    expect(fails('<r>\ud800</r>')).toMatch(/U\+D800 is not allowed/);
    expect(fails('<r>\n\n<a>\n<b></a></r>')).toBe('line 4: the end tag </a> does not match <b> (line 4)');
    expect(fails('<r>\n<![CDATA[open</r>\n\n')).toMatch(/^line 2: a CDATA section is not closed/);
    expect(fails('<r><!-- open</r>')).toMatch(/a comment is not closed/);
  });

  it('keeps namespaces apart: the same local name in another namespace is another element', () => {
    const root = parseXml('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:n="urn:oasis:names:tc:xliff:document:2.0"><n:file/><file/></xliff>');
    expect(root).toMatchObject({ local: 'xliff', ns: 'urn:oasis:names:tc:xliff:document:1.2' });
    expect(childElements(root).map((e) => [e.local, e.ns])).toEqual([
      ['file', 'urn:oasis:names:tc:xliff:document:2.0'], ['file', 'urn:oasis:names:tc:xliff:document:1.2'],
    ]);
    expect(parseXml('<r/>').ns).toBeNull();
  });

  it('reads a large document whole: many elements and one very long text', () => {
    const units = 20_000;
    const long = 'نص '.repeat(500_000);
    const xml = `<r>${Array.from({ length: units }, (_, i) => `<u id="u${i}">t${i} &amp; more</u>`).join('\n')}<big>${long}</big></r>`;
    expect(xml.length).toBeGreaterThan(2_000_000);
    const root = parseXml(xml);
    const kids = childElements(root);
    expect(kids).toHaveLength(units + 1);
    expect(kids[units - 1]).toMatchObject({ local: 'u', line: units, children: [`t${units - 1} & more`] });
    expect(attr(kids[123] as XmlElement, 'id')).toBe('u123');
    expect((kids[units] as XmlElement).children).toEqual([long]);
  });
});

