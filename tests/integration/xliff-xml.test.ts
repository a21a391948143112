// The strict XML reader behind the XLIFF import (electron/core/io/xml.ts): files from CAT tools
// are untrusted, so no DOCTYPE or entity definitions, and well-formedness is enforced.
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
});
