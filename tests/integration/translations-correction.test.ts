// A correction of a statement's original and its translations (issue 8, item 6): the segments
// are re-aligned with the corrected text by content in the same transaction (only what changed
// is flagged; unchanged sentences keep their ids, targets and notes wherever they moved), an
// approval of text the original no longer has is reported as needing review again (the view,
// `translation show`, `casefile check`), and a new approval clears it.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { cf, tempDir as cliTempDir } from './cliRunner';
import { auditRows, makeDesk, newStatement, type Desk } from './helpers';
import { useCleanup } from './helpers';

/** The notes about work to do (the desk's own "not protected at rest" note aside: these desks are plain on purpose). */
const workNotes = (r: { notes: string[] }) => r.notes.filter((n) => !n.startsWith('This desk is not protected at rest'));

useCleanup();

const SENTENCES = [
  'بسم الله الرحمن الرحيم.',
  'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا.',
  'ما هو آت عظيم.',
  'طوبى للمجاهدين الأبطال!',
  'لا توقف ولا هدنة ولا تراجع.',
  'هل انتهى؟',
  'لا، لم ينته.',
  'والله أكبر.',
];
const TARGETS = [
  'In the Name of Allah, the Most Compassionate, the Most Merciful.',
  'The Islamic resistance in Iraq has decided to liberate Iraq militarily.',
  'What is to come is great.',
  'Blessed are the heroic mujahideen!',
  'No stopping, no truce, no retreat.',
  'Is it over?',
  'No, it is not over.',
  'And God is greatest.',
];
const ORIGINAL = SENTENCES.join(' ');
// Segment 3 corrected: a longer sentence, so every later sentence moves.
const CORRECTED_3 = 'ما هو آت أعظم مما مضى بكثير.';
const CORRECTED = [...SENTENCES.slice(0, 2), CORRECTED_3, ...SENTENCES.slice(3)].join(' ');

const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

async function approved(d: Desk, original = ORIGINAL) {
  const st = await newStatement(d, { originalText: original });
  const v0 = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
  const v1 = await d.core.invoke('translations.edit', {
    as: d.analyst.id, ...ref(v0), segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target, ...(i === 0 ? { note: 'Basmala' } : {}) })),
  });
  const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v1) });
  const v = await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) });
  return { st, v };
}

async function correct(d: Desk, id: string, originalText: string, reason = 'Typo in the transcription of sentence 3') {
  const st = await d.core.invoke('statements.get', { as: d.analyst.id, id });
  return d.core.invoke('statements.update', { as: d.analyst.id, id, rev: st.rev, originalText, correctionReason: reason });
}

const view = async (d: Desk, statementId: string) => (await d.core.invoke('translations.get', { as: d.analyst.id, statementId, targetLang: 'en' }))!;

describe('a one-segment correction of an approved original', () => {
  it('flags only the corrected segment; the others keep ids, targets and notes at their new offsets', async () => {
    const d = await makeDesk();
    const { st, v: before } = await approved(d);
    expect(before.approvalOutdated).toBeNull();
    await correct(d, st.id, CORRECTED);

    const v = await view(d, st.id);
    // The approved revision stays exactly as it was; the re-aligned segments are a new draft.
    expect(v.approved).toEqual(before.latest);
    expect(v.latest).toMatchObject({ number: 2, state: 'draft', basedOnId: before.latest.id, translatorId: d.analyst.id });
    // Correcting the original is not translating: the corrector is not among the editors (four eyes).
    expect(v.latest.editedBy).not.toContain(d.admin.id);
    expect(v.latest.segments.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']);
    expect(v.latest.segments.map((s) => s.target)).toEqual(TARGETS);
    expect(v.latest.segments[0]!.note).toBe('Basmala');
    for (const s of v.latest.segments) expect(CORRECTED.slice(s.sourceStart, s.sourceEnd), s.id).toBe(s.source);
    expect(v.latest.segments.map((s) => s.source)).toEqual([...SENTENCES.slice(0, 2), CORRECTED_3, ...SENTENCES.slice(3)]);
    // Only segment 3 is flagged, with the text it was translated from.
    expect(v.latest.segments.filter((s) => s.previousSource !== undefined).map((s) => [s.id, s.previousSource])).toEqual([['s3', SENTENCES[2]]]);
    // The approval translated text the original no longer has: it needs review again.
    expect(v.approvalOutdated).toEqual({ revisionId: before.latest.id, number: 1, segmentIds: ['s3'] });

    // Merging and splitting work on the moved segments (their offsets are right again).
    const merged = await d.core.invoke('translations.segment', { as: d.analyst.id, ...ref(v), action: 'merge', segmentId: 's6' });
    expect(merged.latest.segments.find((s) => s.id === 's6')!.source).toBe(`${SENTENCES[5]} ${SENTENCES[6]}`);

    // Audited with the correction, in the same transaction.
    const rows = auditRows(d.core.db).filter((r) => r.action === 'statement.correct_original' || r.action === 'translation.realign');
    expect(rows.map((r) => r.action)).toEqual(['statement.correct_original', 'translation.realign']);
    expect(rows[1]!.seq).toBe(rows[0]!.seq + 1);
    const changes = JSON.parse(rows[1]!.changes) as Record<string, [unknown, unknown]>;
    expect(changes.realigned).toEqual([null, { changed: ['s3'], added: [], removed: [] }]);
    expect(changes.state).toEqual(['approved', 'draft']);
  });

  it('is reported by check until a revision of the corrected text is approved', async () => {
    const d = await makeDesk();
    const { st } = await approved(d);
    expect(workNotes(await d.core.check())).toEqual([]);
    await correct(d, st.id, CORRECTED);
    const report = await d.core.check();
    expect(report.problems).toEqual([]);
    expect(workNotes(report)).toEqual([
      `Translation of statement ${st.id} into en: revision 1 was approved before the original was corrected (segment s3 changed since); it needs review again.`,
    ]);

    // The translator checks segment 3, resubmits; another reviewer approves: the approval holds again.
    const v = await view(d, st.id);
    const edited = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v), segments: [{ id: 's3', target: 'What is to come is far greater than what has passed.' }] });
    const sub = await d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(edited) });
    const again = await d.core.invoke('translations.approve', { as: d.reviewer.id, ...ref(sub) });
    expect(again.approved!.number).toBe(2);
    expect(again.approvalOutdated).toBeNull();
    expect(workNotes(await d.core.check())).toEqual([]);
    // A later edit of the approved text starts clean: the correction was checked when it was approved.
    const next = await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(again), segments: [{ id: 's8', target: 'God is greatest.' }] });
    expect(next.latest.number).toBe(3);
    expect(next.latest.segments.some((s) => s.previousSource !== undefined)).toBe(false);
  });

  it('a correction that only moves text (white space) flags nothing and keeps the approval', async () => {
    const d = await makeDesk();
    const { st, v: before } = await approved(d);
    await correct(d, st.id, SENTENCES.join('\n'), 'Line breaks as posted');
    const v = await view(d, st.id);
    expect(v.approvalOutdated).toBeNull();
    expect(v.approved!.id).toBe(before.latest.id);
    expect(v.latest.segments.some((s) => s.previousSource !== undefined)).toBe(false);
    expect(v.latest.segments.map((s) => s.target)).toEqual(TARGETS);
    for (const s of v.latest.segments) expect(SENTENCES.join('\n').slice(s.sourceStart, s.sourceEnd)).toBe(s.source);
  });
});

describe('a correction of a draft', () => {
  it('re-aligns it in place: an added sentence is a new segment, a removed one goes with its target', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: ORIGINAL });
    const v0 = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
    await d.core.invoke('translations.edit', { as: d.analyst.id, ...ref(v0), segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target })) });
    // Sentence 5 removed, a new sentence after sentence 7.
    const text = [...SENTENCES.slice(0, 4), SENTENCES[5], SENTENCES[6], 'النصر قريب.', SENTENCES[7]].join(' ');
    await correct(d, st.id, text, 'Sentence 5 belongs to another post; a sentence was missing');
    const v = await view(d, st.id);
    expect(v.latest.number).toBe(1);
    expect(v.latest.state).toBe('draft');
    expect(v.latest.segments.map((s) => [s.id, s.target])).toEqual([
      ['s1', TARGETS[0]], ['s2', TARGETS[1]], ['s3', TARGETS[2]], ['s4', TARGETS[3]], ['s6', TARGETS[5]], ['s7', TARGETS[6]],
      ['s9', ''], ['s8', TARGETS[7]],
    ]);
    expect(v.latest.segments.find((s) => s.id === 's9')).toMatchObject({ source: 'النصر قريب.', previousSource: '' });
    expect(v.latest.segments.filter((s) => s.previousSource !== undefined).map((s) => s.id)).toEqual(['s9']);
    // The new sentence needs a translation before the draft can be submitted.
    await expect(d.core.invoke('translations.submit', { as: d.analyst.id, ...ref(v) })).rejects.toThrow(/segment s9 has no translation yet/);
  });
});

describe('casefile translation show and check', () => {
  it('say that the approval needs review again and which segment changed', async () => {
    const d = await makeDesk({}, cliTempDir());
    const { st } = await approved(d);
    await correct(d, st.id, CORRECTED);
    d.core.close();
    const show = await cf(['translation', 'show', st.id, '--data', d.dir, '--as', 'AA']);
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Approved: +revision 1 by RR .* — NEEDS REVIEW AGAIN: the original was corrected after this approval/);
    expect(show.stdout).toContain('Needs review: revision 1 was approved as the translation of original text that has since been corrected (segment s3)');
    expect(show.stdout).toContain(`s3  ${CORRECTED_3}\n    ! original corrected; it was: ${SENTENCES[2]}\n    → ${TARGETS[2]}`);
    expect(show.stdout).not.toMatch(/s4 {2}.*\n {4}!/);
    const check = await cf(['check', '--data', d.dir]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`Note: Translation of statement ${st.id} into en: revision 1 was approved before the original was corrected (segment s3 changed since); it needs review again.`);
  });
});
