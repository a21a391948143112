// Translations with four-eyes review through the Core: every transition and every refusal,
// hash pinning of approvals, the review queue, translation memory.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { exportJson, importJson } from '../../electron/core/io/json';
import {
  auditCount, auditRows, changeLogCount, makeDesk, newCase, newStatement, openCore, refused, tableCounts, useCleanup, type Desk,
} from './helpers';

useCleanup();

const ORIGINAL = 'بسم الله الرحمن الرحيم. فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى! هل انتهى؟';
const TARGETS = [
  'In the Name of Allah—the Most Compassionate, Most Merciful.',
  'It was not you [believers] who killed them, but it was Allah Who did so; nor was it you [O Prophet] who threw, but it was Allah Who threw!',
  'Is it over?',
];
const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** A desk with a second analyst who is also a reviewer (to test four eyes on an editor who is not the translator). */
async function desk() {
  const d = await makeDesk();
  const both = await d.core.invoke('profiles.create', { as: d.admin.id, name: 'Bo Both', initials: 'BB', roles: ['analyst', 'reviewer'] });
  const reviewer2 = await d.core.invoke('profiles.create', { as: d.admin.id, name: 'Rita Reviewer', initials: 'RI', roles: ['reviewer'] });
  return { ...d, both, reviewer2 };
}
type D = Awaited<ReturnType<typeof desk>>;

async function started(d: Desk, fields: Record<string, unknown> = {}, as = d.analyst.id) {
  const st = await newStatement(d, { originalText: ORIGINAL, ...fields });
  const v = await d.core.invoke('translations.start', { as, statementId: st.id, targetLang: 'en' });
  return { st, v };
}

async function translated(d: Desk, as = d.analyst.id, fields: Record<string, unknown> = {}) {
  const { st, v } = await started(d, fields, as);
  const e = await d.core.invoke('translations.edit', {
    as, id: v.translation.id, rev: v.translation.rev, segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target })),
  });
  return { st, v: e };
}

async function inReview(d: Desk, as = d.analyst.id, fields: Record<string, unknown> = {}) {
  const { st, v } = await translated(d, as, fields);
  return { st, v: await d.core.invoke('translations.submit', { as, id: v.translation.id, rev: v.translation.rev }) };
}

async function approved(d: Desk) {
  const { st, v } = await inReview(d);
  return { st, v: await d.core.invoke('translations.approve', { as: d.reviewer.id, id: v.translation.id, rev: v.translation.rev }) };
}

const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

describe('start and edit', () => {
  it('segments the original into a draft revision 1, audited with a change-log row', async () => {
    const d = await desk();
    const st = await newStatement(d, { originalText: ORIGINAL });
    const [audits, changes] = [auditCount(d.core), changeLogCount(d.core)];
    const v = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'EN' });
    expect(v.translation).toMatchObject({ statementId: st.id, sourceLang: 'ar', targetLang: 'en', rev: 1, createdBy: d.analyst.id });
    expect(v.latest).toMatchObject({ number: 1, state: 'draft', xliffState: 'initial', translatorId: d.analyst.id, editedBy: [], origin: 'start' });
    expect(v.latest.segments.map((s) => [s.id, s.source])).toEqual([
      ['s1', 'بسم الله الرحمن الرحيم.'], ['s2', 'فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى!'], ['s3', 'هل انتهى؟'],
    ]);
    for (const s of v.latest.segments) expect(ORIGINAL.slice(s.sourceStart, s.sourceEnd)).toBe(s.source);
    expect(v.approved).toBeNull();
    expect(auditCount(d.core)).toBe(audits + 1);
    expect(changeLogCount(d.core)).toBe(changes + 1);
    expect(auditRows(d.core.db).at(-1)).toMatchObject({ action: 'translation.start', record_type: 'translation', record_id: v.translation.id, actor_id: d.analyst.id });
    expect(await d.core.invoke('translations.get', { as: d.reviewer.id, statementId: st.id, targetLang: 'en' })).toEqual(v);
    expect(await d.core.invoke('translations.get', { as: d.reviewer.id, statementId: st.id, targetLang: 'fr' })).toBeNull();
    expect(await d.core.invoke('translations.list', { as: d.reviewer.id, statementId: st.id })).toEqual([v]);
  });

  it('refuses: a reviewer starting, a second translation into the same language, no original, the original\'s own language', async () => {
    const d = await desk();
    const st = await newStatement(d, { originalText: ORIGINAL });
    expect((await refused(d.core.invoke('translations.start', { as: d.reviewer.id, statementId: st.id }), 'forbidden')).message).toMatch(/analyst role/);
    await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id });
    const counts = tableCounts(d.core.db);
    expect((await refused(d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' }), 'conflict')).message).toMatch(/already has a translation into en/);
    const none = await d.core.invoke('statements.create', { as: d.analyst.id, language: 'ar', publishedWording: 'Words' });
    expect((await refused(d.core.invoke('translations.start', { as: d.analyst.id, statementId: none.id }), 'invalid_input')).message).toMatch(/not captured/);
    expect((await refused(d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'ar-IQ' }), 'invalid_input')).field).toBe('targetLang');
    const mine = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([t]) => t.startsWith('translation')));
    expect(mine(tableCounts(d.core.db))).toEqual(mine(counts));
  });

  it('edits a draft in place and records who edited; a stale rev, an unknown segment or a reviewer is refused and nothing is written', async () => {
    const d = await desk();
    const { v } = await started(d);
    const e = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v), segments: [{ id: 's1', target: 'In the Name of Allah', note: 'Basmala' }] });
    expect(e.latest).toMatchObject({ number: 1, state: 'draft', editedBy: [d.analyst.id] });
    expect(e.latest.segments[0]).toMatchObject({ target: 'In the Name of Allah', note: 'Basmala' });
    expect(e.translation.rev).toBe(2);
    expect(JSON.parse(auditRows(d.core.db).at(-1)!.changes)).toMatchObject({ 's1.target': ['', 'In the Name of Allah'], 's1.note': ['', 'Basmala'] });

    const counts = tableCounts(d.core.db);
    const stale = await refused(d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v), segments: [{ id: 's1', target: 'x' }] }), 'conflict');
    expect(stale.message).toMatch(/changed by someone else/);
    expect((stale.current as TranslationView).translation.rev).toBe(2);
    expect((await refused(d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(e), segments: [{ id: 's9', target: 'x' }] }), 'invalid_input')).message).toMatch(/no segment s9/);
    await refused(d.core.invoke('translations.edit', { as: d.reviewer.id, ...ref(e), segments: [{ id: 's1', target: 'x' }] }), 'forbidden');
    // The same text again changes nothing and writes nothing.
    expect((await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(e), segments: [{ id: 's1', target: 'In the Name of Allah' }] })).translation.rev).toBe(2);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('merges and splits segments; ids stay stable and a removed id is never reused', async () => {
    const d = await desk();
    const { v } = await translated(d);
    const m = await d.core.invoke('translations.segment', { as: d.analyst.id, ...ref(v), action: 'merge', segmentId: 's2' });
    expect(m.latest.segments.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(m.latest.segments[1]).toMatchObject({ source: 'فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى! هل انتهى؟', target: `${TARGETS[1]} ${TARGETS[2]}` });
    const cut = m.latest.segments[1]!.source.indexOf('هل');
    const sp = await d.core.invoke('translations.segment', { as: d.analyst.id, ...ref(m), action: 'split', segmentId: 's2', at: cut });
    expect(sp.latest.segments.map((s) => [s.id, s.source])).toEqual([
      ['s1', 'بسم الله الرحمن الرحيم.'], ['s2', 'فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى!'], ['s4', 'هل انتهى؟'],
    ]);
    expect(sp.latest.number).toBe(1);
    const body = await refused(d.core.invoke('translations.segment', { as: d.analyst.id, ...ref(sp), action: 'split', segmentId: 's4', at: 99 }), 'invalid_input');
    expect(body.field).toBe('at');
    expect((await refused(d.core.invoke('translations.segment', { as: d.analyst.id, ...ref(sp), action: 'merge', segmentId: 's4' }), 'invalid_input')).message).toMatch(/last one/);
  });
});

describe('review workflow', () => {
  it('submit: draft -> in review; needs every target; an in-review revision cannot be edited or resubmitted', async () => {
    const d = await desk();
    const { v } = await started(d);
    const partial = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v), segments: [{ id: 's1', target: 'x' }] });
    expect((await refused(d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(partial) }), 'invalid_input')).message).toMatch(/segment s2, s3 have no translation/);
    await refused(d.core.invoke('translations.submit', { as: d.reviewer.id, ...ref(partial) }), 'forbidden');
    const full = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(partial), segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target })) });
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(full) });
    expect(sub.latest).toMatchObject({ number: 1, state: 'in_review', xliffState: 'translated', submittedBy: d.analyst.id });
    expect(sub.latest.submittedAt).toBeTruthy();
    expect((await refused(d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(sub), segments: [{ id: 's1', target: 'y' }] }), 'conflict')).message).toMatch(/in review/);
    expect((await refused(d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(sub) }), 'conflict')).message).toMatch(/Only a draft/);
  });

  it('approve: reviewer only, never a draft, pins the SHA-256 of the targets joined by \\n, fills translation memory', async () => {
    const d = await desk();
    const { v: draft } = await translated(d);
    expect((await refused(d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(draft) }), 'conflict')).message).toMatch(/Only a revision in review/);
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(draft) });
    expect((await refused(d.core.invoke('translations.approve', { as: d.analyst.id, ...ref(sub) }), 'forbidden')).message).toMatch(/reviewer role/);
    const ok = await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) });
    expect(ok.latest).toMatchObject({ state: 'approved', xliffState: 'reviewed', reviewedBy: d.reviewer.id, approvalValid: true });
    expect(ok.latest.text).toBe(TARGETS.join('\n'));
    expect(ok.latest.approvedSha256).toBe(sha256(TARGETS.join('\n')));
    expect(ok.approved?.id).toBe(ok.latest.id);
    expect(d.core.db.prepare('SELECT count(*) FROM translation_memory').pluck().get()).toBe(3);
    expect(JSON.parse(auditRows(d.core.db).at(-1)!.changes)).toMatchObject({ state: ['in_review', 'approved'], approvedSha256: [null, ok.latest.approvedSha256] });
    expect((await refused(d.core.invoke('translations.approve', { as: d.reviewer2.id, ...ref(ok) }), 'conflict')).message).toMatch(/is approved/);
  });

  it('four eyes: the translator cannot approve, nor an editor who is not the translator, even with the reviewer role', async () => {
    const d = await desk();
    // Bo translates and submits: Bo holds the reviewer role but translated it.
    const own = await inReview(d, d.both.id);
    const counts = tableCounts(d.core.db);
    const t = await refused(d.core.invoke('translations.approve', { as: d.both.id, ...ref(own.v) }), 'forbidden');
    expect(t.message).toBe('Bo Both cannot approve revision 1: they are its translator. Four eyes: a translation is approved by a reviewer who did not write or edit it.');
    // Ana starts it, Bo edits one segment: Bo is not the translator but wrote part of it.
    const { v } = await translated(d);
    const edited = await d.core.invoke('translations.edit', { as: d.both.id, ...ref(v), segments: [{ id: 's3', target: 'Has it ended?' }] });
    expect(edited.latest).toMatchObject({ translatorId: d.analyst.id, editedBy: [d.analyst.id, d.both.id] });
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(edited) });
    const counts2 = tableCounts(d.core.db);
    const e = await refused(d.core.invoke('translations.approve', { as: d.both.id, ...ref(sub) }), 'forbidden');
    expect(e.message).toMatch(/Bo Both cannot approve revision 1: they wrote or edited segments of it\. Four eyes/);
    expect(tableCounts(d.core.db)).toEqual(counts2);
    expect(counts.translation_memory).toBe(0);
    // Someone who neither wrote nor edited it may.
    expect((await d.core.invoke('translations.approve', { as: d.reviewer2.id, ...ref(sub) })).latest.state).toBe('approved');
  });

  it('request changes: reviewer only, a comment is required; the edit after it is a new draft and the reviewed revision keeps its comments', async () => {
    const d = await desk();
    const { v } = await inReview(d);
    await refused(d.core.invoke('translations.requestChanges', { as: d.analyst.id, ...ref(v), comment: 'no' }), 'forbidden');
    const counts = tableCounts(d.core.db);
    const blank = await refused(d.core.invoke('translations.requestChanges', { as: d.reviewer.id, ...ref(v), comment: '   ' }), 'invalid_input');
    expect(blank.field).toBe('comment');
    expect(blank.message).toMatch(/needs a comment/);
    expect((await refused(d.core.invoke('translations.requestChanges', { as: d.reviewer.id, ...ref(v), segmentComments: [{ segmentId: 's7', body: 'x' }] }), 'invalid_input')).message).toMatch(/no segment s7/);
    expect(tableCounts(d.core.db)).toEqual(counts);

    const back = await d.core.invoke('translations.requestChanges', {
      as: d.reviewer.id, ...ref(v), comment: 'Mark the Quran citation.', segmentComments: [{ segmentId: 's2', body: '"threw" needs its object in brackets' }],
    });
    expect(back.latest).toMatchObject({ number: 1, state: 'changes_requested', xliffState: 'initial', reviewedBy: d.reviewer.id, approvedSha256: null });
    expect(back.comments.map((c) => [c.segmentId, c.kind, c.authorId])).toEqual([[null, 'change_request', d.reviewer.id], ['s2', 'change_request', d.reviewer.id]]);
    await refused(d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(back) }), 'conflict');

    const fixed = await d.core.invoke('translations.edit', {
      as: d.analyst.id, ...ref(back), segments: [{ id: 's2', target: TARGETS[1]!.replace('who threw', 'who threw [a handful of sand]') }],
    });
    expect(fixed.latest).toMatchObject({ number: 2, state: 'draft', basedOnId: back.latest.id, translatorId: d.analyst.id });
    const history = await d.core.invoke('translations.history', { as: d.reviewer.id, id: fixed.translation.id });
    expect(history.revisions.map((r) => [r.number, r.state])).toEqual([[1, 'changes_requested'], [2, 'draft']]);
    expect(history.revisions[0]!.segments).toEqual(back.latest.segments);
    expect(history.comments.every((c) => c.revisionId === back.latest.id)).toBe(true);
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(fixed) });
    expect((await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) })).approved?.number).toBe(2);
  });

  it('comments on a revision or a segment, by any desk role; an unknown segment or an empty body is refused', async () => {
    const d = await desk();
    const { v } = await translated(d);
    const c = await d.core.invoke('translations.comment', { as: d.reviewer.id, revisionId: v.latest.id, segmentId: 's1', body: 'Looks right' });
    expect(c).toMatchObject({ revisionId: v.latest.id, segmentId: 's1', authorId: d.reviewer.id, kind: 'comment', body: 'Looks right' });
    const general = await d.core.invoke('translations.comment', { as: d.admin.id, revisionId: v.latest.id, body: 'Priority' });
    expect(general.segmentId).toBeNull();
    await refused(d.core.invoke('translations.comment', { as: d.reviewer.id, revisionId: v.latest.id, segmentId: 's9', body: 'x' }), 'invalid_input');
    await refused(d.core.invoke('translations.comment', { as: d.reviewer.id, revisionId: v.latest.id, body: ' ' }), 'invalid_input');
    expect((await d.core.invoke('translations.get', { as: d.analyst.id, statementId: v.translation.statementId, targetLang: 'en' }))?.comments).toHaveLength(2);
    expect(auditRows(d.core.db).at(-1)).toMatchObject({ action: 'translation.comment', record_id: v.translation.id });
  });

  it('publish: approved -> final (analyst), only approved text', async () => {
    const d = await desk();
    const { v: draft } = await translated(d);
    await refused(d.core.invoke('translations.publish', { as: d.analyst.id, ...ref(draft) }), 'conflict');
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(draft) });
    const ok = await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) });
    await refused(d.core.invoke('translations.publish', { as: d.reviewer.id, ...ref(ok) }), 'forbidden');
    const fin = await d.core.invoke('translations.publish', { as: d.analyst.id, ...ref(ok) });
    expect(fin.latest).toMatchObject({ state: 'final', xliffState: 'final', publishedBy: d.analyst.id, approvalValid: true });
    expect(fin.approved?.id).toBe(ok.latest.id);
  });
});

describe('hash pinning', () => {
  it('an edit after approval starts a new draft; the approved revision stays exactly as it was and is still the approved text', async () => {
    const d = await desk();
    const { v } = await approved(d);
    const before = v.latest;
    const e = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v), segments: [{ id: 's3', target: 'Is it finished?' }] });
    expect(e.latest).toMatchObject({ number: 2, state: 'draft', basedOnId: before.id, approvedSha256: null, approvalValid: null, origin: 'edit' });
    // Whose words are in it is carried over: the first translator can still not approve revision 2.
    expect(e.latest.editedBy).toEqual([d.analyst.id]);
    expect(e.approved).toEqual(before);
    const history = await d.core.invoke('translations.history', { as: d.analyst.id, id: v.translation.id });
    expect(history.revisions[0]).toEqual(before);
    expect(history.revisions[0]!.segments[2]!.target).toBe('Is it over?');
    // The diff for review compares the new text with the last approved one.
    const diff = await d.core.invoke('translations.diff', { as: d.reviewer.id, revisionId: e.latest.id });
    expect(diff.base?.text).toBe(TARGETS.join('\n'));
    expect(diff.revision.text).toBe([TARGETS[0], TARGETS[1], 'Is it finished?'].join('\n'));
    expect((await d.core.invoke('translations.diff', { as: d.reviewer.id, revisionId: before.id })).base).toBeNull();
  });

  it('a forged approval (segments changed in SQL) is caught by check, never shown as approved, and cannot be published', async () => {
    const d = await desk();
    const { v } = await approved(d);
    expect((await d.core.check()).ok).toBe(true);
    const forged = v.latest.segments.map((s, i) => (i === 1 ? { ...s, target: 'It was you who killed them.' } : s));
    d.core.db.prepare('UPDATE translation_revisions SET segments = ? WHERE id = ?').run(JSON.stringify(forged), v.latest.id);

    const report = await d.core.check();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(new RegExp(`^Records against the audit trail: translation revision ${v.latest.id}: segments differs from the audit trail: expected .+ \\(entry \\d+\\), found .+`)),
      expect.stringMatching(new RegExp(`revision 1 \\(${v.latest.id}\\), is marked approved but its text now hashes to [0-9a-f]{64}, not to the approved ${v.latest.approvedSha256}`)),
    ]);
    const now = await d.core.invoke('translations.get', { as: d.analyst.id, statementId: v.translation.statementId, targetLang: 'en' });
    expect(now?.approved).toBeNull();
    expect(now?.latest).toMatchObject({ state: 'approved', approvalValid: false });
    expect(now?.problems[0]).toMatch(/no longer matches the approved text/);
    expect((await refused(d.core.invoke('translations.publish', { as: d.analyst.id, ...ref(now!) }), 'conflict')).message).toMatch(/no approved revision/);
    expect((await refused(d.core.invoke('translations.publish', { as: d.analyst.id, ...ref(now!), revisionId: v.latest.id }), 'conflict')).message).toMatch(/cannot be published/);
    // A forged approval does not travel in a JSON export either.
    const target = openCore();
    expect(() => importJson(target, exportJson(d.core))).toThrow(/is marked approved but its text now hashes/);
  });

  it('check also reports an approval by someone who edited the text (written behind the Core\'s back)', async () => {
    const d = await desk();
    const { v } = await approved(d);
    d.core.db.prepare('UPDATE translation_revisions SET reviewed_by = translator_id WHERE id = ?').run(v.latest.id);
    expect((await d.core.check()).problems).toEqual([
      expect.stringMatching(new RegExp(`^Records against the audit trail: translation revision ${v.latest.id}: reviewedBy differs from the audit trail: expected "${d.reviewer.id}" \\(entry \\d+\\), found "${d.analyst.id}"`)),
      expect.stringMatching(/who translated or edited it \(four eyes\)/),
    ]);
  });
});

describe('review queue', () => {
  it('lists revisions in review oldest first, filtered by case, language and translator, marking the acting reviewer\'s own work', async () => {
    const d = await desk() as D;
    const kase = await newCase(d);
    const a = await inReview(d, d.analyst.id, { caseIds: [kase.id] });
    const b = await inReview(d, d.both.id);
    const fr = await translated(d);
    await d.core.invoke('translations.start', { as: d.analyst.id, statementId: fr.st.id, targetLang: 'fr' });
    const q = await d.core.invoke('translations.queue', { as: d.both.id });
    expect(q.items.map((i) => i.statementId)).toEqual([a.st.id, b.st.id]);
    expect(q.total).toBe(2);
    expect(q.items[0]).toMatchObject({ translationId: a.v.translation.id, rev: a.v.translation.rev, number: 1, sourceLang: 'ar', targetLang: 'en', translatorId: d.analyst.id, caseIds: [kase.id], segments: 3, ownWork: false });
    expect(q.items[1]?.ownWork).toBe(true);
    expect(q.items[0]!.submittedAt <= q.items[1]!.submittedAt).toBe(true);
    expect((await d.core.invoke('translations.queue', { as: d.reviewer.id, caseId: kase.id })).items.map((i) => i.statementId)).toEqual([a.st.id]);
    expect((await d.core.invoke('translations.queue', { as: d.reviewer.id, translatorId: d.both.id })).items.map((i) => i.statementId)).toEqual([b.st.id]);
    expect((await d.core.invoke('translations.queue', { as: d.reviewer.id, targetLang: 'fr' })).total).toBe(0);
    await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(a.v) });
    expect((await d.core.invoke('translations.queue', { as: d.reviewer.id })).items.map((i) => i.statementId)).toEqual([b.st.id]);
  });
});

describe('translation memory', () => {
  it('offers exact matches (folded: diacritics do not count) and fuzzy ones with their similarity, saying where each came from', async () => {
    const d = await desk();
    const { st, v } = await approved(d);
    const suggest = (source: string, extra: Record<string, unknown> = {}) =>
      d.core.invoke('translations.suggest', { as: d.analyst.id, source, sourceLang: 'ar', targetLang: 'en', ...extra });

    const exact = await suggest('بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ');
    expect(exact.matches).toEqual([{
      kind: 'exact', score: 100, source: 'بسم الله الرحمن الرحيم.', target: TARGETS[0], sourceLang: 'ar', targetLang: 'en', uses: 1,
      from: { statementId: st.id, translationId: v.translation.id, revisionId: v.latest.id, revisionNumber: 1, segmentId: 's1', approvedAt: v.latest.reviewedAt, approvedBy: d.reviewer.id },
    }]);

    // 12 words, one replaced: 11/12 = 91%.
    const fuzzy = await suggest('فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رماهم!');
    expect(fuzzy.matches.map((m) => [m.kind, m.score, m.target])).toEqual([['fuzzy', 91, TARGETS[1]]]);
    // Below the threshold, or in another language pair: nothing.
    expect((await suggest('هل انتهى الأمر كله اليوم؟')).matches).toEqual([]);
    // 2 of 5 words: 40%.
    expect((await suggest('هل انتهى الأمر كله اليوم؟', { minScore: 20 })).matches.map((m) => [m.score, m.from.segmentId])).toEqual([[40, 's3']]);
    expect((await suggest('بسم الله الرحمن الرحيم', { targetLang: 'fr' })).matches).toEqual([]);
    expect((await suggest('بسم الله الرحمن الرحيم', { sourceLang: 'ar-IQ', targetLang: 'en-GB' })).matches).toHaveLength(1);
  });

  it('counts repeated approved pairs once, with how many uses', async () => {
    const d = await desk();
    await approved(d);
    await approved(d);
    const r = await d.core.invoke('translations.suggest', { as: d.analyst.id, source: 'هل انتهى؟', sourceLang: 'ar', targetLang: 'en' });
    expect(r.matches.map((m) => [m.kind, m.uses])).toEqual([['exact', 2]]);
  });
});

describe('the sample and the JSON export', () => {
  it('the sample\'s November 1 statement has its published English wording as a final translation without an aligned original', async () => {
    const d = await desk();
    const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });
    const nov1 = (await d.core.invoke('statements.list', { as: d.analyst.id, caseId })).items.find((s) => s.saidAt === '2023-11-01')!;
    const v = (await d.core.invoke('translations.get', { as: d.analyst.id, statementId: nov1.id, targetLang: 'en' }))!;
    expect(v.latest).toMatchObject({ number: 1, state: 'final', xliffState: 'final', publishedWithoutOriginal: true, origin: 'published_wording', approvalValid: true, translatorId: null });
    expect(v.latest.segments).toHaveLength(1);
    expect(v.latest.segments[0]).toMatchObject({ id: 's1', source: '', sourceStart: 0, sourceEnd: 0, target: nov1.publishedWording });
    expect(v.latest.segments[0]!.note).toMatch(/\[believers\].*translator's/);
    expect(v.approved?.text).toBe(nov1.publishedWording);
    expect(v.latest.approvedSha256).toBe(sha256(nov1.publishedWording!));
    expect((await d.core.check()).ok).toBe(true);
    // Segmenting it is refused: there is no aligned original.
    expect((await refused(d.core.invoke('translations.segment', { as: d.analyst.id, ...ref(v), action: 'split', segmentId: 's1', at: 5 }), 'invalid_input')).message).toMatch(/no aligned original/);
  });

  it('exports and imports the translation tables (comments and memory included) byte for byte', async () => {
    const d = await desk();
    const { v } = await inReview(d);
    await d.core.invoke('translations.comment', { as: d.reviewer.id, revisionId: v.latest.id, segmentId: 's1', body: 'ok' });
    await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(v) });
    const doc = exportJson(d.core);
    for (const t of ['translations', 'translation_revisions', 'translation_comments', 'translation_memory']) expect(doc.tables[t]?.length, t).toBeGreaterThan(0);
    const target = openCore();
    importJson(target, JSON.parse(JSON.stringify(doc)));
    expect(JSON.stringify(exportJson(target).tables)).toBe(JSON.stringify(doc.tables));
    expect((await target.check()).problems).toEqual([]);
    // Malformed segments JSON is refused naming the column.
    const bad = structuredClone(doc);
    (bad.tables.translation_revisions![0] as Record<string, unknown>).segments = '[{"id":"x"}]';
    expect(() => importJson(openCore(), bad)).toThrow(/translation_revisions\[0\].*segments/);
  });

  it('a statement with a translation cannot be purged from the trash', async () => {
    const d = await desk();
    const { st } = await started(d);
    const trashed = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'statement', id: st.id, rev: trashed.rev }))).message).toMatch(/translations/);
  });
});
