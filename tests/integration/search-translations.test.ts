// Search over translations (issue 5): a statement's document holds the latest revision's text
// of each of its translations, folded and stemmed like the rest, written in the same
// transaction as every translation write; the `translation:` filter keeps statements by the
// state (or language) of their translations; a hit whose match is in a translation gets its
// snippet from that text, labelled with language and state; check and reindex cover it all.
import { describe, expect, it } from 'vitest';
import { checkIndex, reindex, runSearch } from '../../electron/core/search/index';
import { DOC_VERSION } from '../../electron/core/search/indexWriter';
import type { TranslationView } from '../../shared/domain';
import { makeDesk, newStatement, refused, useCleanup, type Desk } from './helpers';

useCleanup();

const ORIGINAL = 'بسم الله الرحمن الرحيم. فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى! هل انتهى؟';
const TARGETS = [
  'In the Name of Allah—the Most Compassionate, Most Merciful.',
  'It was not you [believers] who killed them, but it was Allah Who did so; nor was it you [O Prophet] who threw, but it was Allah Who threw!',
  'Is it over?',
];

const q = (d: Desk, query: string, extra: Record<string, unknown> = {}) => d.core.invoke('search.query', { as: d.analyst.id, q: query, ...extra });
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);
const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });
/** The highlighted parts of a snippet. */
const marked = (s: { text: string; highlights: [number, number][] }) => s.highlights.map(([a, b]) => s.text.slice(a, b));

async function translatedDraft(d: Desk, targets = TARGETS, fields: Record<string, unknown> = {}) {
  const st = await newStatement(d, { originalText: ORIGINAL, ...fields });
  const v = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
  const e = await d.core.invoke('translations.edit', {
    as: d.analyst.id, ...ref(v), segments: targets.map((target, i) => ({ id: `s${i + 1}`, target })),
  });
  return { st, v: e };
}

async function approvedTranslation(d: Desk) {
  const { st, v } = await translatedDraft(d);
  const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v) });
  return { st, v: await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) }) };
}

describe('a statement is found by the words of its translation', () => {
  it('an English word (and its stem) finds the Arabic statement, with the snippet cut from the translation and labelled', async () => {
    const d = await makeDesk();
    const other = await newStatement(d, { originalText: 'بيان آخر عن الطائرات المسيرة' });
    const { st } = await translatedDraft(d);
    expect(ids(await q(d, 'believers'))).toEqual([st.id]);
    // Porter stems: "killing" finds "killed"; folding: "compassionate" matches regardless of case.
    const r = await q(d, 'killing');
    expect(ids(r)).toEqual([st.id]);
    const snip = r.hits[0]!.snippet;
    expect(snip.text.startsWith('Translation (en, draft): ')).toBe(true);
    expect(snip.text).toContain('who killed them');
    expect(marked(snip)).toEqual(['killed']);
    expect(ids(await q(d, '"most compassionate"'))).toEqual([st.id]);
    // The Arabic original is still found, and its snippet is the original's, without a label.
    const ar = await q(d, 'قتلهم');
    expect(ids(ar)).toEqual([st.id]);
    expect(ar.hits[0]!.snippet.text.startsWith('بسم الله')).toBe(true);
    expect(ids(await q(d, 'المسيرة'))).toEqual([other.id]);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('a just-started translation (blank targets) adds no text, but its state is already filterable', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: ORIGINAL });
    await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
    expect(ids(await q(d, 'translation:draft'))).toEqual([st.id]);
    expect((await q(d, 'allah')).total).toBe(0);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('follows every write at once: submit, approve, a new draft after approval (old words gone, new ones found)', async () => {
    const d = await makeDesk();
    const { st, v } = await approvedTranslation(d);
    expect(v.latest.state).toBe('approved');
    const approvedHit = await q(d, 'prophet');
    expect(ids(approvedHit)).toEqual([st.id]);
    expect(approvedHit.hits[0]!.snippet.text.startsWith('Translation (en, approved): ')).toBe(true);
    expect(ids(await q(d, 'translation:approved'))).toEqual([st.id]);

    // An analyst edits the approved text: a new draft revision, searchable immediately.
    const edited = await d.core.invoke('translations.edit', {
      as: d.analyst.id, ...ref(v), segments: [{ id: 's2', target: 'It was not you who slew them, but the Messenger of God who threw.' }],
    });
    expect(edited.latest).toMatchObject({ number: 2, state: 'draft' });
    const slew = await q(d, 'messenger');
    expect(ids(slew)).toEqual([st.id]);
    expect(slew.hits[0]!.snippet.text.startsWith('Translation (en, draft): ')).toBe(true);
    expect(marked(slew.hits[0]!.snippet)).toEqual(['Messenger']);
    // Only the latest revision's text is indexed: the approved revision's own words are gone.
    expect((await q(d, 'prophet')).total).toBe(0);
    // But the statement still has approved text (issue 8): translation:approved finds it;
    // translation:latest:STATE is about the revision being worked on.
    expect(ids(await q(d, 'translation:approved'))).toEqual([st.id]);
    expect(ids(await q(d, 'translation:en:approved'))).toEqual([st.id]);
    expect((await q(d, 'translation:latest:approved')).total).toBe(0);
    expect(ids(await q(d, 'translation:latest:draft'))).toEqual([st.id]);
    expect(ids(await q(d, 'translation:en:latest:draft'))).toEqual([st.id]);
    expect(ids(await q(d, 'translation:draft'))).toEqual([st.id]);

    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(edited) });
    expect(ids(await q(d, 'translation:in_review messenger'))).toEqual([st.id]);
    expect(ids(await q(d, 'translation:in-review'))).toEqual([st.id]);
    const back = await d.core.invoke('translations.requestChanges', { as: d.reviewer.id, ...ref(sub), comment: 'Keep "Prophet".' });
    expect(back.latest.state).toBe('changes_requested');
    expect(ids(await q(d, 'translation:changes_requested'))).toEqual([st.id]);
    expect(ids(await q(d, 'translation:latest:changes-requested'))).toEqual([st.id]);
    expect((await q(d, 'translation:latest:in_review')).total).toBe(0);
    expect(ids(await q(d, 'translation:approved'))).toEqual([st.id]);
    // A comment changes nothing the index holds.
    await d.core.invoke('translations.comment', { as: d.reviewer.id, revisionId: back.latest.id, body: 'See s2.' });
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('a write that is refused leaves the index as it was', async () => {
    const d = await makeDesk();
    const { v } = await translatedDraft(d);
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v) });
    // Four eyes: the translator cannot approve their own work.
    await refused(d.core.invoke('translations.approve', { as: d.analyst.id, ...ref(sub) }), 'forbidden');
    expect((await q(d, 'translation:approved')).total).toBe(0);
    expect((await q(d, 'translation:in_review')).total).toBe(1);
    expect(checkIndex(d.core)).toEqual([]);
  });
});

describe('the translation: filter', () => {
  it('keeps statements by state, language, language:state or any; -translation:any keeps the untranslated', async () => {
    const d = await makeDesk();
    const { st: appr } = await approvedTranslation(d);
    const { st: draft } = await translatedDraft(d, ['Allah is great.', 'They were not killed by you.', 'Is it over?']);
    const plain = await newStatement(d, { originalText: 'الله أكبر ولكن لا ترجمة' });
    const sorted = (xs: string[]) => [...xs].sort();

    expect(ids(await q(d, 'translation:approved'))).toEqual([appr.id]);
    expect(ids(await q(d, 'translation:draft'))).toEqual([draft.id]);
    expect(sorted(ids(await q(d, 'translation:approved,draft')))).toEqual(sorted([appr.id, draft.id]));
    expect(sorted(ids(await q(d, 'translation:any')))).toEqual(sorted([appr.id, draft.id]));
    expect(sorted(ids(await q(d, 'translation:en')))).toEqual(sorted([appr.id, draft.id]));
    expect(ids(await q(d, 'translation:en:approved'))).toEqual([appr.id]);
    expect((await q(d, 'translation:fr')).total).toBe(0);
    expect(ids(await q(d, 'type:statement -translation:any'))).toEqual([plain.id]);
    expect(ids(await q(d, '-translation:approved type:statement killed'))).toEqual([draft.id]);
    // With words: the state narrows the text match.
    expect(sorted(ids(await q(d, 'killed')))).toEqual(sorted([appr.id, draft.id]));
    expect(ids(await q(d, 'killed translation:approved'))).toEqual([appr.id]);
    expect(ids(await q(d, 'TRANSLATION:Approved killed'))).toEqual([appr.id]);
  });

  it('refuses a value that is neither a state nor a language, naming the choices', async () => {
    const d = await makeDesk();
    const bad = await refused(q(d, 'kaabi translation:reviewed'), 'invalid_input');
    expect(bad.message).toMatch(/"translation:reviewed" is neither a translation state nor a language \(XLIFF state names are not used here\)/);
    expect(bad.message).toMatch(/draft, in_review, changes_requested, approved, final, any/);
    expect(bad.message).toMatch(/at character 7/);
    expect((await refused(q(d, 'translation:en:done'), 'invalid_input')).message).toMatch(/"done" is not a translation state/);
    expect((await refused(q(d, 'translation:e1:draft'), 'invalid_input')).message).toMatch(/"e1" is not a language code/);
    expect((await refused(q(d, 'translation:'), 'invalid_input')).message).toMatch(/needs a value, e\.g\. translation:approved/);
    expect((await refused(q(d, 'translation:latest:done'), 'invalid_input')).message).toMatch(/"done" is not a translation state. Use latest: with one of draft/);
    expect((await refused(q(d, 'translation:en:latest'), 'invalid_input')).message).toMatch(/is not a translation state/);
  });

  it('approved means an approval that still holds: a forged one is not found, and published text is approved text', async () => {
    const d = await makeDesk();
    await d.core.invoke('sample.load', { as: d.analyst.id });
    const sample = ids(await q(d, 'translation:final'));
    expect(sample).toHaveLength(1);
    expect(ids(await q(d, 'translation:approved'))).toEqual(sample);
    const { st } = await approvedTranslation(d);
    expect(new Set(ids(await q(d, 'translation:approved')))).toEqual(new Set([...sample, st.id]));
    // The approved text changed behind the Core's back: after a rebuild the index does not call it approved.
    d.core.db.prepare(`UPDATE translation_revisions SET segments = json_set(segments, '$[0].target', 'forged')
      WHERE translation_id = (SELECT id FROM translations WHERE statement_id = ?)`).run(st.id);
    reindex(d.core);
    expect(ids(await q(d, 'translation:approved'))).toEqual(sample);
    expect(ids(await q(d, 'translation:latest:approved'))).toEqual([st.id]);
  });

  it('finds the sample statement, whose published wording is its final English translation', async () => {
    const d = await makeDesk();
    await d.core.invoke('sample.load', { as: d.analyst.id });
    const r = await q(d, 'translation:final liberate');
    expect(r.total).toBe(1);
    expect(r.hits[0]!.type).toBe('statement');
    // The published wording comes first in the document, so its snippet (unlabelled) is shown.
    expect(r.hits[0]!.snippet.text.startsWith('Translation (')).toBe(false);
    expect(checkIndex(d.core)).toEqual([]);
  });
});

describe('check and reindex cover translations', () => {
  it('catches an index entry whose translation terms or text were tampered with', async () => {
    const d = await makeDesk();
    const { st } = await translatedDraft(d);
    expect(checkIndex(d.core)).toEqual([]);
    const doc = d.core.db.prepare("SELECT doc FROM search_docs WHERE record_type = 'statement' AND record_id = ?").pluck().get(st.id) as number;

    // The state term rewritten: the statement would pass as approved.
    d.core.db.prepare("UPDATE search_doc_terms SET value = 'approved' WHERE doc = ? AND kind = 'translation' AND value = 'draft'").run(doc);
    expect(ids(await q(d, 'translation:approved'))).toEqual([st.id]);
    expect(checkIndex(d.core)).toEqual([`Search index: the filter values of statement ${st.id} are out of date.`]);
    reindex(d.core);
    expect(checkIndex(d.core)).toEqual([]);

    // The full-text row rewritten without the translation's words (the contentless FTS table: delete + insert).
    d.core.db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(doc);
    d.core.db.prepare("INSERT INTO search_fts (rowid, head, exact, stem) VALUES (?, '', 'بسم الله', '')").run(doc);
    expect(checkIndex(d.core).join('\n')).toMatch(new RegExp(`full-text row of statement ${st.id} does not say what the record says`));
    reindex(d.core);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('catches a translation changed behind the Core\'s back (the hash covers the text); an approved one is left to the approval check', async () => {
    const d = await makeDesk();
    const { st, v } = await translatedDraft(d);
    d.core.db.prepare('UPDATE translation_revisions SET segments = ? WHERE id = ?')
      .run(JSON.stringify(v.latest.segments.map((s, i) => (i === 0 ? { ...s, target: 'Planted words.' } : s))), v.latest.id);
    expect(checkIndex(d.core)).toEqual([`Search index: the entry for statement ${st.id} does not match the record (content hash differs).`]);
    // Named twice: by the index, and as a record that differs from its audit trail.
    const problems = (await d.core.check()).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^Records against the audit trail: translation revision ${v.latest.id}: segments differs from the audit trail`));
    expect(problems[1]).toMatch(new RegExp(`the entry for statement ${st.id} does not match the record \\(content hash differs\\)`));
    reindex(d.core);
    expect(ids(await q(d, 'planted'))).toEqual([st.id]);
    expect(checkIndex(d.core)).toEqual([]);

    // A forged approved text is left to the translation check (naming the revision) and the trail, not the index.
    const d2 = await makeDesk();
    const { st: st2, v: a } = await approvedTranslation(d2);
    d2.core.db.prepare('UPDATE translation_revisions SET segments = ? WHERE id = ?')
      .run(JSON.stringify(a.latest.segments.map((s, i) => (i === 1 ? { ...s, target: 'It was you who killed them.' } : s))), a.latest.id);
    const report = await d2.core.check();
    expect(report.problems).toHaveLength(2);
    expect(report.problems[0]).toMatch(new RegExp(`^Records against the audit trail: translation revision ${a.latest.id}: segments differs`));
    expect(report.problems[1]).toMatch(new RegExp(`Translation of statement ${st2.id} into en, revision 1 .* is marked approved but its text now hashes to`));
  });

  it('reindex (with or without the worker) gives the same index as the writes did, translations included', async () => {
    const d = await makeDesk();
    const { st: a } = await approvedTranslation(d);
    const { st: b } = await translatedDraft(d, ['Allah is great.', 'They were not killed by you.', 'Is it over?']);
    const snapshot = () => ({
      docs: d.core.db.prepare("SELECT record_id, content_hash FROM search_docs WHERE record_type = 'statement' ORDER BY record_id").raw().all(),
      terms: d.core.db.prepare("SELECT t.kind, t.value, s.record_id FROM search_doc_terms t JOIN search_docs s ON s.doc = t.doc WHERE t.kind = 'translation' ORDER BY 3, 1, 2").raw().all(),
    });
    const incremental = snapshot();
    expect(incremental.terms).toContainEqual(['translation', 'en:approved', a.id]);
    expect(incremental.terms).toContainEqual(['translation', 'draft', b.id]);
    for (const worker of [false, true]) {
      const r = reindex(d.core, { worker });
      expect(r.documents).toBeGreaterThanOrEqual(2);
      expect(snapshot()).toEqual(incremental);
      expect(checkIndex(d.core, { worker })).toEqual([]);
      expect(ids(await q(d, 'believers'))).toEqual([a.id]);
      expect(ids(await q(d, 'great translation:draft'))).toEqual([b.id]);
    }
  });

  it('brings an index built before translations were indexed up to date without a rebuild', async () => {
    const d = await makeDesk();
    const { st } = await translatedDraft(d);
    const db = d.core.db;
    const doc = db.prepare("SELECT doc FROM search_docs WHERE record_type = 'statement' AND record_id = ?").pluck().get(st.id) as number;
    // As the previous version left it: no doc_version, the statement's entry without its translation.
    db.prepare("DELETE FROM search_state WHERE key = 'doc_version'").run();
    db.prepare("DELETE FROM search_doc_terms WHERE doc = ? AND kind = 'translation'").run(doc);
    db.prepare("UPDATE search_docs SET content_hash = 'built-by-version-1' WHERE doc = ?").run(doc);
    expect(checkIndex(d.core)).toEqual([]);
    expect(db.prepare("SELECT value FROM search_state WHERE key = 'doc_version'").pluck().get()).toBe(DOC_VERSION);
    expect(ids(runSearch(d.core, 'translation:draft'))).toEqual([st.id]);
    // The first search does the same.
    db.prepare("DELETE FROM search_state WHERE key = 'doc_version'").run();
    db.prepare("DELETE FROM search_doc_terms WHERE doc = ? AND kind = 'translation'").run(doc);
    db.prepare("UPDATE search_docs SET content_hash = 'built-by-version-1' WHERE doc = ?").run(doc);
    expect(ids(runSearch(d.core, 'translation:draft'))).toEqual([st.id]);
    expect(checkIndex(d.core)).toEqual([]);
  });
});
