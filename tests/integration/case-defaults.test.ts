// Counts and defaults (issue 8, item 9) and the case's activity (item 7), against a real Core:
// trashed records are not counted in a case; a source cited from a statement in a case joins
// the case in the same transaction, audited; a record made inside a case takes the case's
// marking; an obviously Arabic (Persian, Urdu…) original sets the language; a statement is
// named by its first line after the basmala; a resubmission is diffed against what was sent
// back; and the case's activity holds its translations' workflow, each entry named.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { auditRows, makeDesk, newCase, newSource, newStatement, refused, useCleanup } from './helpers';

useCleanup();

const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

describe('what a case counts', () => {
  it('leaves out records in the trash, and counts them again once restored', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const a = await newStatement(d, { caseIds: [c.id] });
    const b = await newStatement(d, { caseIds: [c.id] });
    const src = await newSource(d, { caseIds: [c.id] });
    const items = () => d.core.invoke('cases.items', { as: d.analyst.id, caseId: c.id }).then((xs) => xs.map((i) => `${i.itemType}:${i.itemId}`).sort());
    expect(await items()).toEqual([`source:${src.id}`, `statement:${a.id}`, `statement:${b.id}`].sort());
    const trashed = await d.core.invoke('statements.trash', { as: d.analyst.id, id: b.id, rev: b.rev });
    await d.core.invoke('sources.trash', { as: d.analyst.id, id: src.id, rev: src.rev });
    expect(await items()).toEqual([`statement:${a.id}`]);
    expect(await d.core.invoke('cases.items', { as: d.analyst.id, caseId: c.id, itemType: 'statement' })).toHaveLength(1);
    await d.core.invoke('statements.restore', { as: d.analyst.id, id: b.id, rev: trashed.rev });
    expect(await items()).toEqual([`statement:${a.id}`, `statement:${b.id}`].sort());
  });
});

describe('a source cited from a statement in a case', () => {
  it('joins the case in the same transaction as the citation, audited, once', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const other = await newCase(d, { title: 'Another case' });
    const st = await newStatement(d, { caseIds: [c.id, other.id] });
    const src = await newSource(d);
    const before = auditRows(d.core.db).length;
    await d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: 'p. 2' });
    const rows = auditRows(d.core.db).slice(before);
    expect(rows.map((r) => [r.action, r.record_id])).toEqual([
      ['citation.add', st.id], ['case.add_item', c.id], ['case.add_item', other.id],
    ]);
    expect(JSON.parse(rows[1]!.changes)).toEqual({ [`source:${src.id}`]: [null, 'added'] });
    expect((await d.core.invoke('sources.list', { as: d.analyst.id, caseId: c.id })).items.map((s) => s.id)).toEqual([src.id]);
    expect((await d.core.invoke('sources.list', { as: d.analyst.id, caseId: other.id })).items.map((s) => s.id)).toEqual([src.id]);

    // Cited again (another locator): already in the cases, nothing more to add or audit.
    const again = auditRows(d.core.db).length;
    await d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: 'p. 3' });
    expect(auditRows(d.core.db).slice(again).map((r) => r.action)).toEqual(['citation.add']);
  });

  it('a refused citation adds nothing to the case, and a case in the trash is left alone', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const st = await newStatement(d, { caseIds: [c.id] });
    const src = await newSource(d);
    await refused(d.core.invoke('citations.add', { as: d.reviewer.id, citingType: 'statement', citingId: st.id, sourceId: src.id }), 'forbidden');
    expect((await d.core.invoke('sources.list', { as: d.analyst.id, caseId: c.id })).total).toBe(0);
    await d.core.invoke('cases.trash', { as: d.admin.id, id: c.id, rev: c.rev });
    await d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id });
    expect(auditRows(d.core.db).filter((r) => r.action === 'case.add_item' && r.changes.includes(src.id))).toEqual([]);
  });
});

describe('a record made inside a case', () => {
  it("takes the case's marking (the strictest of its cases), unless one is given", async () => {
    const d = await makeDesk();
    const subs = await newCase(d, { marking: 'subscribers' });
    const restricted = await newCase(d, { title: 'Restricted', marking: 'restricted' });
    expect((await newStatement(d, { caseIds: [subs.id] })).marking).toBe('subscribers');
    expect((await newSource(d, { caseIds: [subs.id] })).marking).toBe('subscribers');
    expect((await newStatement(d, { caseIds: [subs.id, restricted.id] })).marking).toBe('restricted');
    expect((await newStatement(d, { caseIds: [subs.id], marking: 'public' })).marking).toBe('public');
    expect((await newStatement(d)).marking).toBe('internal');
    expect((await newSource(d)).marking).toBe('internal');
  });
});

describe('the language of a captured original', () => {
  it('is set from its script when it is obvious and not given; the user can change it, and it is not guessed over', async () => {
    const d = await makeDesk();
    const ar = await d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'بسم الله الرحمن الرحيم\nقررت المقاومة الإسلامية في العراق' });
    expect(ar.language).toBe('ar');
    const fa = await d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'سپاه پاسداران انقلاب اسلامی در بیانیه‌ای اعلام کرد' });
    expect(fa.language).toBe('fa');
    const chosen = await d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'قررت المقاومة', language: null });
    expect(chosen.language).toBeNull();
    // Captured later (the editor's flow: an empty statement, then the original).
    const empty = await d.core.invoke('statements.create', { as: d.analyst.id, originalStatus: 'not_captured' });
    expect(empty.language).toBeNull();
    const captured = await d.core.invoke('statements.update', { as: d.analyst.id, id: empty.id, rev: empty.rev, originalText: 'ہم نے فیصلہ کیا ہے کہ یہ جنگ جاری رہے گی' });
    expect(captured.language).toBe('ur');
    // The user says otherwise; a correction of the original does not guess over them.
    const changed = await d.core.invoke('statements.update', { as: d.analyst.id, id: captured.id, rev: captured.rev, language: 'fa' });
    const corrected = await d.core.invoke('statements.update', {
      as: d.analyst.id, id: changed.id, rev: changed.rev, originalText: 'ہم نے فیصلہ کیا ہے', correctionReason: 'Cut the repost',
    });
    expect(corrected.language).toBe('fa');
    expect((await d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'The resistance has decided' })).language).toBeNull();
  });
});

describe("a statement's title", () => {
  it('is its first line after the basmala and other openings, wherever the Core names it', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const st = await newStatement(d, { originalText: 'بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\nالحمد لله رب العالمين،\nقررت المقاومة تحرير العراق.\nسطر آخر', caseIds: [c.id], summary: '' });
    const activity = await d.core.invoke('audit.list', { as: d.analyst.id, caseId: c.id });
    expect(activity.find((e) => e.action === 'case.add_item')?.title).toBe('قررت المقاومة تحرير العراق.');
    const trashed = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    expect((await d.core.invoke('trash.list', { as: d.admin.id })).find((t) => t.id === trashed.id)?.title).toBe('قررت المقاومة تحرير العراق.');
  });
});

describe("the reviewer's diff", () => {
  it('compares a resubmission with the revision sent back, and later work with the last approved revision', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: 'أولا. ثانيا.' });
    const v0 = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
    const v1 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v0), segments: [{ id: 's1', target: 'First.' }, { id: 's2', target: 'Second.' }] });
    const sub1 = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v1) });
    expect((await d.core.invoke('translations.diff', { as: d.reviewer.id, revisionId: sub1.latest.id })).base).toBeNull();
    const back = await d.core.invoke('translations.requestChanges', { as: d.reviewer.id, ...ref(sub1), comment: 'Firstly, secondly.' });
    const v2 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(back), segments: [{ id: 's1', target: 'Firstly.' }] });
    const sub2 = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v2) });
    const diff = await d.core.invoke('translations.diff', { as: d.reviewer.id, revisionId: sub2.latest.id });
    expect(diff.base).toMatchObject({ number: 1, state: 'changes_requested' });
    const approved = await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub2) });
    const v3 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(approved), segments: [{ id: 's2', target: 'Secondly.' }] });
    const sub3 = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v3) });
    expect((await d.core.invoke('translations.diff', { as: d.reviewer.id, revisionId: sub3.latest.id })).base).toMatchObject({ number: 2, state: 'approved' });
  });
});

describe("a case's activity", () => {
  it("holds its statements' translation submissions, approvals and change requests, each named", async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const st = await newStatement(d, { caseIds: [c.id], summary: 'Nujaba: the resistance will liberate Iraq' });
    const elsewhere = await newStatement(d, { summary: 'Not in the case' });
    for (const s of [st, elsewhere]) {
      const v0 = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: s.id, targetLang: 'en' });
      const v1 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v0), segments: [{ id: 's1', target: 'The text.' }] });
      const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v1) });
      const back = await d.core.invoke('translations.requestChanges', { as: d.reviewer.id, ...ref(sub), comment: 'Quote it.' });
      const v2 = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(back), segments: [{ id: 's1', target: '"The text."' }] });
      const sub2 = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v2) });
      await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub2) });
    }
    const entries = await d.core.invoke('audit.list', { as: d.analyst.id, caseId: c.id });
    const translation = entries.filter((e) => e.recordType === 'translation');
    expect(translation.map((e) => e.action).reverse()).toEqual([
      'translation.start', 'translation.edit', 'translation.submit', 'translation.request_changes', 'translation.edit', 'translation.submit', 'translation.approve',
    ]);
    for (const e of translation) expect(e.title).toBe('Nujaba: the resistance will liberate Iraq (en)');
    expect(entries.find((e) => e.action === 'statement.create')?.title).toBe('Nujaba: the resistance will liberate Iraq');
    expect(entries.find((e) => e.action === 'case.add_item')?.title).toBe('Nujaba: the resistance will liberate Iraq');
    expect(entries.some((e) => e.title === 'Not in the case' || e.title === 'Not in the case (en)')).toBe(false);
  });
});
