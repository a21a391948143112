// The translator's tools of issue 14 through the contract: the desk's glossary (roles, audit,
// CSV and TBX in and out), the QA checks that hold a submission back until each finding is fixed
// or overridden with a reason, and XLIFF from a tool that strips what it does not know.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { makeDesk, newStatement, refused, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });
const PMF = { sourceLang: 'ar', targetLang: 'en', term: 'الحشد الشعبي', renderings: ['Popular Mobilization Forces', 'PMF'], forbidden: ['Popular Crowd'], notes: 'Iraqi state-sanctioned umbrella' };

function auditActions(d: Desk): string[] {
  return d.core.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];
}

describe('glossary', () => {
  it('reviewers and case managers edit it, analysts read it; each write is audited; a second entry of the same folded term is a conflict', async () => {
    const d = await makeDesk();
    const forbidden = await refused(d.core.invoke('glossary.create', { as: d.analyst.id, ...PMF }), 'forbidden');
    expect(forbidden.message).toBe('Only a profile with the reviewer or case manager role may edit the glossary.');
    const t = await d.core.invoke('glossary.create', { as: d.reviewer.id, ...PMF });
    expect(t).toMatchObject({ rev: 1, term: 'الحشد الشعبي', renderings: ['Popular Mobilization Forces', 'PMF'], createdBy: d.reviewer.id });
    expect(await d.core.invoke('glossary.list', { as: d.analyst.id })).toEqual([t]);
    // The same term with diacritics is the same entry.
    const dup = await refused(d.core.invoke('glossary.create', { as: d.admin.id, ...PMF, term: 'الحَشْد الشَّعْبي' }), 'conflict');
    expect(dup.message).toMatch(/already has “الحشد الشعبي”/);
    const both = await refused(d.core.invoke('glossary.update', { as: d.reviewer.id, ...ref2(t), forbidden: ['PMF'] }), 'invalid_input');
    expect(both.message).toMatch(/“PMF” is listed as both approved and forbidden/);
    const u = await d.core.invoke('glossary.update', { as: d.admin.id, ...ref2(t), renderings: ['Popular Mobilization Forces'] });
    expect(u.rev).toBe(2);
    await refused(d.core.invoke('glossary.update', { as: d.admin.id, ...ref2(t), notes: 'stale' }), 'conflict');
    const gone = await d.core.invoke('glossary.trash', { as: d.reviewer.id, ...ref2(u) });
    expect(await d.core.invoke('glossary.list', { as: d.analyst.id })).toEqual([]);
    expect((await d.core.invoke('glossary.list', { as: d.analyst.id, trashed: true })).map((x) => x.id)).toEqual([t.id]);
    await d.core.invoke('glossary.restore', { as: d.reviewer.id, ...ref2(gone) });
    expect(auditActions(d).filter((a) => a.startsWith('glossary.'))).toEqual(['glossary.create', 'glossary.update', 'glossary.trash', 'glossary.restore']);
    expect((await d.core.check()).ok).toBe(true);
  });

  it('round-trips through CSV and TBX, and an import updates known terms and adds new ones in one transaction', async () => {
    const d = await makeDesk();
    await d.core.invoke('glossary.create', { as: d.reviewer.id, ...PMF });
    await d.core.invoke('glossary.create', { as: d.reviewer.id, sourceLang: 'ar', targetLang: 'en', term: 'المقاومة', renderings: ['the resistance'] });
    const csv = await d.core.invoke('glossary.export', { as: d.analyst.id, format: 'csv' });
    expect(csv).toMatchObject({ fileName: 'glossary.csv', terms: 2 });
    expect(csv.text.split('\r\n')[0]).toBe('source_lang,target_lang,term,renderings,forbidden,notes');
    expect(csv.text).toContain('ar,en,الحشد الشعبي,Popular Mobilization Forces | PMF,Popular Crowd,Iraqi state-sanctioned umbrella');
    const tbx = await d.core.invoke('glossary.export', { as: d.analyst.id, format: 'tbx' });
    expect(tbx.text).toMatch(/<tbx type="TBX-Basic" style="dca" xml:lang="ar" xmlns="urn:iso:std:iso:30042:ed-2">/);
    expect(tbx.text).toContain('<termSec><term>Popular Crowd</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>');

    const other = await makeDesk();
    expect(await other.core.invoke('glossary.import', { as: other.reviewer.id, format: 'tbx', text: tbx.text })).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const strip = (ts: { term: string; renderings: string[]; forbidden: string[]; notes: string }[]) => ts.map(({ term, renderings, forbidden, notes }) => ({ term, renderings, forbidden, notes }));
    expect(strip(await other.core.invoke('glossary.list', { as: other.analyst.id }))).toEqual(strip(await d.core.invoke('glossary.list', { as: d.analyst.id })));
    // CSV back in: same terms unchanged, one changed, one new.
    const edited = `${csv.text.replace('the resistance', 'the Resistance Axis')}ar,en,"إمام, الجمعة",Friday prayer leader,,\r\n`;
    expect(await other.core.invoke('glossary.import', { as: other.reviewer.id, format: 'csv', text: edited })).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect((await other.core.invoke('glossary.list', { as: other.analyst.id })).map((t) => t.term)).toContain('إمام, الجمعة');
    await refused(other.core.invoke('glossary.import', { as: other.analyst.id, format: 'csv', text: edited }), 'forbidden');
  });

  it('refuses a bad file as a whole, naming every bad row or entry, and a TBX with a DTD', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    const bad = 'source_lang,target_lang,term,renderings\nar,en,الحشد,Mobilization\nar,en,,Nothing\nar,en,المقاومة,\nar,xx-!!,جهاد,jihad\nar,en,الحَشد,Again\n';
    const e = await refused(d.core.invoke('glossary.import', { as: d.reviewer.id, format: 'csv', text: bad }), 'invalid_input');
    expect(e.message).toMatch(/^text: The glossary file was refused and nothing was imported: line 3: the term is empty; line 4: “المقاومة” has no approved rendering/);
    const long = 'x'.repeat(1_001);
    const e2 = await refused(d.core.invoke('glossary.import', { as: d.reviewer.id, format: 'csv', text: `source_lang,target_lang,term,renderings\nar,en,الحشد,Mobilization\nar,xx-!!,جهاد,jihad\nar,en,الحَشد,Again\nar,en,${long},x\n` }));
    expect(e2.message).toMatch(/line 3: targetLang: must be a language tag such as en, ar or fa-IR; line 4: “الحَشد” \(ar → en\) is already on line 2; line 5: term: Too big/);
    const dtd = '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<martif xml:lang="ar"><text><body><termEntry><langSet xml:lang="ar"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>';
    expect((await refused(d.core.invoke('glossary.import', { as: d.reviewer.id, format: 'tbx', text: dtd }))).message).toMatch(/DOCTYPE declaration is not accepted/);
    const noTarget = '<martif xml:lang="ar"><text><body><termEntry id="e1"><langSet xml:lang="ar"><tig><term>جهاد</term></tig></langSet></termEntry></body></text></martif>';
    expect((await refused(d.core.invoke('glossary.import', { as: d.reviewer.id, format: 'tbx', text: noTarget }))).message).toMatch(/line 1, entry e1: no langSec in another language than ar/);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('reads the 2008 TBX-Basic form (martif, termEntry, langSet, tig) that memoQ and Trados write', async () => {
    const d = await makeDesk();
    const tbx = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="ar"><martifHeader/><text><body>
  <termEntry id="c1">
    <langSet xml:lang="ar"><tig><term>المقاومة الإسلامية</term></tig></langSet>
    <langSet xml:lang="en-GB">
      <tig><term>Islamic Resistance</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>Islamist Resistance</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      <note>capitalised</note>
    </langSet>
  </termEntry>
</body></text></martif>`;
    expect(await d.core.invoke('glossary.import', { as: d.admin.id, format: 'tbx', text: tbx })).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(await d.core.invoke('glossary.list', { as: d.analyst.id })).toMatchObject([
      { sourceLang: 'ar', targetLang: 'en-GB', term: 'المقاومة الإسلامية', renderings: ['Islamic Resistance'], forbidden: ['Islamist Resistance'], notes: 'capitalised' },
    ]);
  });
});

function ref2(t: { id: string; rev: number }) {
  return { id: t.id, rev: t.rev };
}

async function drafted(d: Desk, original: string, targets: string[]) {
  const st = await newStatement(d, { originalText: original });
  const v0 = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id });
  expect(v0.latest.segments).toHaveLength(targets.length);
  return d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v0), segments: targets.map((target, i) => ({ id: `s${i + 1}`, target })) });
}

describe('QA before submit', () => {
  it('refuses a submission naming each open finding; an override with a reason lets it through and is audited', async () => {
    const d = await makeDesk();
    await d.core.invoke('glossary.create', { as: d.reviewer.id, ...PMF });
    const v = await drafted(d, 'قال الحشد الشعبي إن ١٧ مقاتلا قتلوا. تابعوا @nujaba_iq', ['The Popular Crowd said 71 fighters were killed.', 'Follow @nujaba_iq']);
    const qa = await d.core.invoke('translations.qa', { as: d.analyst.id, id: v.translation.id });
    expect(qa.findings.map((f) => [f.segmentId, f.check, f.subject, f.override])).toEqual([
      ['s1', 'numbers', '17', null], ['s1', 'glossary', 'الحشد الشعبي', null], ['s1', 'forbidden', 'Popular Crowd', null],
    ]);
    const e = await refused(d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v) }), 'invalid_input');
    expect(e.message).toBe('Not submitted: 3 QA findings to fix or override with a reason: segment 1: the number 17 of the original is missing from the translation; segment 1: “الحشد الشعبي” should be rendered as “Popular Mobilization Forces” or “PMF” (glossary); segment 1: “Popular Crowd” is a forbidden rendering of “الحشد الشعبي” (glossary).');

    // Fix two by editing; override the third with a reason.
    const v2 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v), segments: [{ id: 's1', target: 'The PMF said 71 fighters were killed.' }] });
    await refused(d.core.invoke('translations.overrideQa', { as: d.analyst.id, id: v.translation.id, segmentId: 's1', check: 'numbers', subject: '17', reason: '   ' }), 'invalid_input');
    await refused(d.core.invoke('translations.overrideQa', { as: d.reviewer.id, id: v.translation.id, segmentId: 's1', check: 'numbers', subject: '17', reason: 'x' }), 'forbidden');
    const o = await d.core.invoke('translations.overrideQa', { as: d.analyst.id, id: v.translation.id, segmentId: 's1', check: 'numbers', subject: '17', reason: 'The source misprints 71 as 17; checked against the video.' });
    expect(o.findings).toMatchObject([{ check: 'numbers', override: { reason: 'The source misprints 71 as 17; checked against the video.', by: d.analyst.id } }]);
    const audit = d.core.db.prepare("SELECT changes FROM audit_log WHERE action = 'translation.qa_override'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ check: [null, 'numbers'], reason: [null, 'The source misprints 71 as 17; checked against the video.'] });

    // Changing that target reopens the finding.
    const v3 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v2), segments: [{ id: 's1', target: 'The PMF said 72 fighters were killed.' }] });
    expect((await d.core.invoke('translations.qa', { as: d.analyst.id, id: v.translation.id })).findings.map((f) => f.override)).toEqual([null]);
    await refused(d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v3) }), 'invalid_input');
    const v4 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v3), segments: [{ id: 's1', target: 'The PMF said 71 fighters were killed.' }] });
    const sent = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v4) });
    expect(sent.latest.state).toBe('in_review');
    expect((await d.core.check()).ok).toBe(true);
  });
});

describe('XLIFF from another tool', () => {
  it('imports a file that kept the ids but dropped original, the extension namespace and optional attributes', async () => {
    const d = await makeDesk();
    const v = await drafted(d, 'قال الكعبي. انتهى.', ['Al-Kaabi said.', '']);
    const { files } = await d.core.invoke('translations.exportXliff', { as: d.analyst.id, statementId: v.translation.statementId });
    const stripped = files[0]!.xml
      .replace(/ xmlns:cf="[^"]*"/, '')
      .replace(/ original="[^"]*"/, '')
      .replace(/ canResegment="[^"]*"/, '')
      .replace(/ cf:[a-z]+="[^"]*"/g, '')
      .replace(/ xml:space="preserve"/g, '')
      .replace(/ state="[^"]*"/g, '')
      .replace('<target></target>', '<target>It is over.</target>');
    expect(stripped).not.toMatch(/original=|cf:|xml:space|state=/);
    expect(stripped).toContain(`<file id="statement-${v.translation.statementId}">`);
    const { imported } = await d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: stripped });
    expect(imported[0]).toMatchObject({ statementId: v.translation.statementId, unchanged: false });
    expect(imported[0]!.revision!.segments.map((s) => s.target)).toEqual(['Al-Kaabi said.', 'It is over.']);
    // Without original, an id that is not the export's names nothing.
    const foreign = stripped.replace(`id="statement-${v.translation.statementId}"`, 'id="f1"');
    expect((await refused(d.core.invoke('translations.importXliff', { as: d.analyst.id, xml: foreign }))).message)
      .toMatch(/file f1: neither its id nor an original attribute names a Casefile statement/);
  });
});
