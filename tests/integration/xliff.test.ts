// @vitest-environment jsdom
// XLIFF 2.0 export and import (electron/core/io/xliff.ts). The export is checked by parsing it
// with an independent XML parser (jsdom's DOMParser) and asserting the rules of the XLIFF 2.0
// core one by one; the import round trip edits the file as text, as a CAT tool would.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { parseXml } from '../../electron/core/io/xml';
import { makeDesk, newCase, newStatement, refused, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const CORE_ELEMENTS = new Set(['xliff', 'file', 'unit', 'segment', 'source', 'target', 'notes', 'note', 'cp']);
const STATES = ['initial', 'translated', 'reviewed', 'final'];

// A captured original with what makes XML and bidi text hard: & < > " inside, a right-to-left
// override (kept as evidence), a BEL control character (which XML 1.0 cannot carry), diacritics.
const ORIGINAL = 'قال الكعبي: «القرار <نهائي> & "لا رجعة"». فَلَمْ تَقْتُلُوهُمْ \u202eabc\u202c\u0007! هل انتهى؟';
const TARGETS = ['Al-Kaabi said: "The decision <is final> & \'no going back\'."', '\u202eabc\u202c It was not you who killed them!', 'Is it over?'];

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror'), 'well-formed XML').toHaveLength(0);
  return doc;
}

const kids = (el: Element, local: string) => [...el.children].filter((c) => c.namespaceURI === XLIFF_NS && c.localName === local);
const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

async function translated(d: Desk, fields: Record<string, unknown> = {}) {
  const st = await newStatement(d, { originalText: ORIGINAL, ...fields });
  const v0 = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id });
  const v = await d.core.invoke('translations.edit', {
    as: d.analyst.id, ...ref(v0),
    segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target, ...(i === 1 ? { note: 'Quran 8:17; "you" is plural & <emphatic>' } : {}) })),
  });
  return { st, v };
}

async function approvedOne(d: Desk, fields: Record<string, unknown> = {}) {
  const { st, v } = await translated(d, fields);
  const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v) });
  return { st, v: await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) }) };
}

async function exportOne(d: Desk, statementId: string) {
  const { files } = await d.core.invoke('translations.exportXliff', { as: d.analyst.id, statementId });
  expect(files).toHaveLength(1);
  return files[0]!;
}

describe('XLIFF 2.0 export', () => {
  it('follows the XLIFF 2.0 core: namespace, version, languages, required and unique ids, state values, escaping', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const a = await approvedOne(d, { caseIds: [kase.id] });
    const b = await translated(d, { caseIds: [kase.id] });
    await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(b.v) });
    const { files } = await d.core.invoke('translations.exportXliff', { as: d.analyst.id, caseId: kase.id });
    expect(files.map((f) => [f.name, f.srcLang, f.trgLang, f.statements, f.segments])).toEqual([[`case-${kase.id}.ar-en.xlf`, 'ar', 'en', 2, 6]]);
    const xml = files[0]!.xml;
    const doc = parse(xml);
    const root = doc.documentElement;

    // <xliff>: the XLIFF 2.0 namespace, version="2.0", srcLang and trgLang (required when targets are present).
    expect(root.namespaceURI).toBe(XLIFF_NS);
    expect(root.localName).toBe('xliff');
    expect(root.getAttribute('version')).toBe('2.0');
    expect(root.getAttribute('srcLang')).toBe('ar');
    expect(root.getAttribute('trgLang')).toBe('en');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);

    // Only core elements in the XLIFF namespace.
    for (const el of doc.getElementsByTagNameNS(XLIFF_NS, '*')) expect(CORE_ELEMENTS.has(el.localName), el.localName).toBe(true);

    // <file id> required and unique in the document; every <file> holds at least one <unit>.
    const fileEls = kids(root, 'file');
    expect(fileEls).toHaveLength(2);
    const fileIds = fileEls.map((f) => f.getAttribute('id'));
    expect(fileIds.every((id) => !!id && /^[\w.:-]+$/.test(id))).toBe(true);
    expect(new Set(fileIds).size).toBe(fileIds.length);
    const byStatement = new Map(fileEls.map((f) => [f.getAttribute('original'), f]));
    expect([...byStatement.keys()].sort()).toEqual([`statement/${a.st.id}`, `statement/${b.st.id}`].sort());

    for (const f of fileEls) {
      const units = kids(f, 'unit');
      expect(units.length).toBeGreaterThan(0);
      // <unit id> required and unique in its file; <segment id> unique in the file.
      const unitIds = units.map((u) => u.getAttribute('id'));
      expect(unitIds.every(Boolean)).toBe(true);
      expect(new Set(unitIds).size).toBe(unitIds.length);
      const segIds = units.flatMap((u) => kids(u, 'segment').map((s) => s.getAttribute('id')));
      expect(new Set(segIds).size).toBe(segIds.length);
      for (const u of units) {
        const segs = kids(u, 'segment');
        expect(segs).toHaveLength(1);
        // state takes only the four XLIFF 2.0 values; source is required and comes before target.
        expect(STATES).toContain(segs[0]!.getAttribute('state'));
        const parts = [...segs[0]!.children].map((c) => c.localName);
        expect(parts).toEqual(['source', 'target']);
        // <notes> comes before the segment.
        const order = [...u.children].map((c) => c.localName);
        if (order.includes('notes')) expect(order.indexOf('notes')).toBeLessThan(order.indexOf('segment'));
      }
    }
    // The states map: approved -> reviewed, in review -> translated.
    const states = (st: string) => kids(byStatement.get(`statement/${st}`)!, 'unit').map((u) => kids(u, 'segment')[0]!.getAttribute('state'));
    expect(states(a.st.id)).toEqual(['reviewed', 'reviewed', 'reviewed']);
    expect(states(b.st.id)).toEqual(['translated', 'translated', 'translated']);

    // Escaping: & < > are escaped in text, and the parsed text is exactly the stored text.
    const fa = byStatement.get(`statement/${a.st.id}`)!;
    const seg = (n: number) => kids(kids(fa, 'unit')[n]!, 'segment')[0]!;
    expect(xml).toContain('The decision &lt;is final&gt; &amp; \'no going back\'.');
    expect(xml).toContain('«القرار &lt;نهائي&gt; &amp; "لا رجعة"».');
    expect(kids(seg(0), 'target')[0]!.textContent).toBe(TARGETS[0]);
    expect(kids(seg(0), 'source')[0]!.textContent).toBe(a.v.latest.segments[0]!.source);
    // Arabic (with its diacritics) and bidi controls are written as themselves, not as references.
    expect(xml).toContain('فَلَمْ تَقْتُلُوهُمْ');
    expect(xml).toContain('\u202eabc\u202c');
    expect(kids(seg(1), 'target')[0]!.textContent).toBe(TARGETS[1]);
    // A control character XML cannot carry is XLIFF's <cp hex>, never a raw byte.
    expect(xml).not.toContain('\u0007');
    const cps = seg(1).getElementsByTagNameNS(XLIFF_NS, 'cp');
    expect([...cps].map((c) => c.getAttribute('hex'))).toEqual(['0007']);
    // The translator's note, escaped too.
    const note = kids(kids(kids(fa, 'unit')[1]!, 'notes')[0]!, 'note')[0]!;
    expect(note.getAttribute('category')).toBe('translator');
    expect(note.textContent).toBe('Quran 8:17; "you" is plural & <emphatic>');
    // Our own reader agrees.
    expect(parseXml(xml).local).toBe('xliff');
  });

  it('exports one file per target language for a statement; the sample\'s final translation has an empty source', async () => {
    const d = await makeDesk();
    const { st, v } = await translated(d);
    await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'fr' });
    const { files } = await d.core.invoke('translations.exportXliff', { as: d.analyst.id, statementId: st.id });
    expect(files.map((f) => f.name)).toEqual([`statement-${st.id}.en.xlf`, `statement-${st.id}.fr.xlf`]);
    expect(parse(files[0]!.xml).documentElement.getAttribute('trgLang')).toBe('en');
    const fr = parse(files[1]!.xml);
    expect([...fr.getElementsByTagNameNS(XLIFF_NS, 'segment')].map((s) => s.getAttribute('state'))).toEqual(['initial', 'initial', 'initial']);
    expect((await d.core.invoke('translations.exportXliff', { as: d.analyst.id, statementId: st.id, targetLang: 'fr' })).files).toHaveLength(1);
    void v;

    const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });
    const sample = (await d.core.invoke('translations.exportXliff', { as: d.analyst.id, caseId })).files;
    expect(sample).toHaveLength(1);
    const sdoc = parse(sample[0]!.xml);
    const segs = [...sdoc.getElementsByTagNameNS(XLIFF_NS, 'segment')];
    expect(segs.map((s) => s.getAttribute('state'))).toEqual(['final']);
    expect(segs[0]!.getElementsByTagNameNS(XLIFF_NS, 'source')[0]!.textContent).toBe('');
    expect(segs[0]!.getElementsByTagNameNS(XLIFF_NS, 'target')[0]!.textContent).toMatch(/^In the Name of Allah/);
    await refused(d.core.invoke('translations.exportXliff', { as: d.analyst.id }), 'invalid_input');
    const bare = await newStatement(d);
    await refused(d.core.invoke('translations.exportXliff', { as: d.analyst.id, statementId: bare.id }), 'not_found');
  });
});

describe('XLIFF 2.0 import', () => {
  it('round trip: a target edited in the file outside the app comes back as a new draft revision; the approved one is untouched', async () => {
    const d = await makeDesk();
    const { st, v } = await approvedOne(d);
    const file = await exportOne(d, st.id);
    // A CAT tool edits one target (and would happily mark it final: the import never trusts that).
    const edited = file.xml
      .replace('<target>Is it over?</target>', '<target>Is it finished? &amp; done</target>')
      .replaceAll('state="reviewed"', 'state="final"');
    expect(edited).not.toBe(file.xml);
    const { imported } = await d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: edited });
    expect(imported).toHaveLength(1);
    const r = imported[0]!;
    expect(r).toMatchObject({ statementId: st.id, targetLang: 'en', unchanged: false, warnings: [] });
    expect(r.revision).toMatchObject({ number: 2, state: 'draft', origin: 'xliff', basedOnId: v.latest.id, translatorId: d.analyst.id, approvedSha256: null });
    expect(r.revision!.segments.map((s) => s.target)).toEqual([TARGETS[0], TARGETS[1], 'Is it finished? & done']);
    expect(r.revision!.segments[1]!.note).toBe('Quran 8:17; "you" is plural & <emphatic>');
    const now = (await d.core.invoke('translations.get', { as: d.analyst.id, statementId: st.id, targetLang: 'en' }))!;
    expect(now.approved).toEqual(v.latest);
    expect(now.latest.id).toBe(r.revision!.id);

    // The same file again changes nothing; an older export is noted.
    const again = await d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: edited });
    expect(again.imported[0]).toMatchObject({ unchanged: true, revision: null });
    expect(again.imported[0]!.warnings[0]).toMatch(/exported from revision 1; the current revision is 2/);
    expect((await d.core.check()).ok).toBe(true);
  });

  it('an import over a draft keeps the draft as its own revision; CDATA, <cp> and a unit without <target> are read', async () => {
    const d = await makeDesk();
    const { st, v } = await translated(d);
    const file = await exportOne(d, st.id);
    const xml = file.xml
      .replace(`<target>${'Is it over?'}</target>`, '<target><![CDATA[Over <now>?]]> <cp hex="1F54C"/></target>')
      .replace(/<target>Al-Kaabi[^<]*<\/target>/, '');
    const { imported } = await d.core.invoke('translations.importXliff', { as: d.analyst.id, xml });
    expect(imported[0]!.revision!.segments.map((s) => s.target)).toEqual([TARGETS[0], TARGETS[1], 'Over <now>? 🕌']);
    const h = await d.core.invoke('translations.history', { as: d.analyst.id, id: v.translation.id });
    expect(h.revisions.map((r) => [r.number, r.state, r.origin])).toEqual([[1, 'draft', 'start'], [2, 'draft', 'xliff']]);
    expect(h.revisions[0]!.segments.map((s) => s.target)).toEqual(TARGETS);
  });

  it('refuses changed source text and unknown or missing segment ids, naming them, and writes nothing', async () => {
    const d = await makeDesk();
    const { st } = await approvedOne(d);
    const { xml } = await exportOne(d, st.id);
    const counts = tableCounts(d.core.db);

    const changedSource = xml.replace('<source>هل انتهى؟</source>', '<source>هل انتهى الأمر؟</source>');
    const e1 = await refused(d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: changedSource }), 'invalid_input');
    expect(e1.message).toMatch(/nothing was imported/);
    expect(e1.message).toMatch(/the source text of segment s3 no longer matches revision 1/);

    const renamed = xml.replace('<unit id="s3"', '<unit id="s9"').replace('<segment id="s3"', '<segment id="s9"');
    const e2 = await refused(d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: renamed }), 'invalid_input');
    expect(e2.message).toMatch(/segment s3 of revision 1 is missing from the file/);
    expect(e2.message).toMatch(/unknown segment id s9/);

    const dropped = xml.replace(/<unit id="s2"[\s\S]*?<\/unit>\n/, '');
    expect((await refused(d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: dropped }))).message).toMatch(/segment s2 of revision 1 is missing/);

    const reordered = xml.replace('<unit id="s1"', '<unit id="tmp"').replace('<segment id="s1"', '<segment id="tmp"')
      .replace('<unit id="s2"', '<unit id="s1"').replace('<segment id="s2"', '<segment id="s1"')
      .replace('<unit id="tmp"', '<unit id="s2"').replace('<segment id="tmp"', '<segment id="s2"');
    const e4 = await refused(d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: reordered }));
    expect(e4.message).toMatch(/source text of segment s1, s2 no longer matches|another order/);

    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('refuses what is not a safe, well-formed XLIFF 2.0 file of this desk, writing nothing', async () => {
    const d = await makeDesk();
    const { st, v } = await translated(d);
    const { xml } = await exportOne(d, st.id);
    const counts = tableCounts(d.core.db);
    const imp = (x: string) => refused(d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: x }), 'invalid_input');
    const body = xml.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '');

    expect((await imp(`<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${body.replace('Is it over?', '&xxe;')}`)).message).toMatch(/DOCTYPE declaration is not accepted/);
    expect((await imp(xml.replace('Is it over?', '&nbsp;'))).message).toMatch(/entity &nbsp; is not defined/);
    expect((await imp(xml.replace('</target>', '</targ>'))).message).toMatch(/not well-formed XML: line \d+: the end tag <\/targ> does not match <target>/);
    expect((await imp(xml.replaceAll('urn:oasis:names:tc:xliff:document:2.0', 'urn:oasis:names:tc:xliff:document:1.2'))).message).toMatch(/XLIFF 1\.2/);
    expect((await imp(xml.replace(' xmlns="urn:oasis:names:tc:xliff:document:2.0"', ''))).message)
      .toMatch(/not an XLIFF 2\.0 document: the root element is <xliff> in namespace \(none\)/);
    expect((await imp(xml.replace('version="2.0"', 'version="3.0"'))).message).toMatch(/version is "3\.0"/);
    expect((await imp(xml.replace('<target>Is it over?</target>', '<target>Is it <pc id="1">over</pc>?</target>'))).message).toMatch(/unit s3: inline markup <pc>/);
    expect((await imp(xml.replace('trgLang="en"', 'trgLang="de"'))).message).toMatch(/has no translation into de/);
    expect((await imp(xml.replaceAll(st.id, '00000000-0000-7000-8000-000000000000'))).message).toMatch(/there is no statement 00000000-0000-7000-8000-000000000000/);
    expect((await imp(xml.replace('<target>Is it over?</target>', '<target>a\u0001b</target>'))).message).toMatch(/U\+0001 is not allowed/);
    // In review: the reviewer is looking at the current text.
    await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v) });
    const counts2 = tableCounts(d.core.db);
    expect((await imp(xml.replace('Is it over?', 'Over?'))).message).toMatch(/in review/);
    expect(tableCounts(d.core.db)).toEqual(counts2);
    await refused(d.core.invoke('translations.importXliff', { as: d.reviewer.id, xml }), 'forbidden');
    expect(counts2.translation_revisions).toBe(counts.translation_revisions);
  });
});
