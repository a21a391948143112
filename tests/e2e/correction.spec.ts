// Issue 8, item 6: an analyst corrects one sentence of an approved statement's Arabic original
// in the editor. The translation follows the corrected text: only the corrected segment is
// flagged (the sentences after it moved, but kept their ids and translations), and the approval,
// given to a translation of the old wording, shows as needing review again, with the reason.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { expectCleanRun, expectNoForeignRequests, openApp, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] as 'analyst'[] };
const REVIEWER = { name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] as 'reviewer'[] };
const SUMMARY = 'Nujaba: the resistance will liberate Iraq';
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
// Sentence 3 mistyped at capture: the correction makes it longer, so sentences 4-8 move.
const CORRECTED_3 = 'ما هو آت أعظم مما مضى بكثير.';
const CORRECTED = [...SENTENCES.slice(0, 2), CORRECTED_3, ...SENTENCES.slice(3)].join(' ');

const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

describe('a corrected original and its approved translation', () => {
  it('flags only the corrected segment and shows the approval as needing review again', async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
        const rev = await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
        const st = await a.invoke('statements.create', { as: me.id, originalText: SENTENCES.join(' '), language: 'ar', summary: SUMMARY });
        statementId = st.id;
        const v0 = await a.invoke('translations.start', { as: me.id, statementId: st.id, targetLang: 'en' });
        const v1 = await a.invoke('translations.edit', { as: me.id, ...ref(v0), segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target })) });
        const sub = await a.invoke('translations.submit', { as: me.id, ...ref(v1) });
        await a.invoke('translations.approve', { as: rev.id, ...ref(sub) });
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, ui.statementAddress(statementId));
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Approved').isVisible()).toBe(true);

    await ui.correctOriginal(page, CORRECTED, 'Sentence 3 was mistyped at capture');
    await expect.poll(() => ui.verbatimOriginal(page).textContent()).toContain(CORRECTED_3);

    // The approval is of the old wording: shown as needing review again, with why, not as Approved.
    const approved = ui.approvedTranslation(page);
    await expect.poll(() => approved.getByText('Needs review', { exact: true }).isVisible()).toBe(true);
    expect(await approved.textContent()).toContain('Needs review again: the original was corrected after revision 1 was approved. The approved text translates segment 3 as it read before the correction.');
    expect(await ui.translationState(ui.translationPane(page), 'Approved').count()).toBe(0);
    // The re-aligned segments are a new draft; only segment 3 is flagged, with the text it was translated from.
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Draft').isVisible()).toBe(true);
    expect(await ui.segmentGrid(page).getByRole('row').count()).toBe(1 + SENTENCES.length);
    expect(await ui.segmentBeforeCorrection(page, 3).textContent()).toContain(SENTENCES[2]);
    for (const n of [1, 2, 4, 5, 6, 7, 8]) expect(await ui.segmentBeforeCorrection(page, n).count(), `segment ${n}`).toBe(0);
    for (const [i, target] of TARGETS.entries()) expect(await ui.segmentTarget(page, i + 1).inputValue()).toBe(target);
    expect(await ui.segmentSource(page, 3).textContent()).toContain(CORRECTED_3);
    expect(await ui.segmentSource(page, 8).textContent()).toContain(SENTENCES[7]);
    expect(await ui.translationPane(page).textContent()).toContain('segment 3 now reads differently');
    await ui.translationPane(page).scrollIntoViewIfNeeded();
    await shot(page, 'correction-needs-review');
    await ui.segmentRow(page, 3).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'correction-flagged-segment');

    // The Core agrees: the approved revision is untouched, its approval outdated by segment 3 only.
    const analyst = (await app.invoke('profiles.list', {})).find((p) => p.name === ANALYST.name)!;
    const view = (await app.invoke('translations.get', { as: analyst.id, statementId, targetLang: 'en' }))!;
    expect(view.approvalOutdated).toMatchObject({ number: 1, segmentIds: ['s3'] });
    for (const s of view.latest.segments) expect(CORRECTED.slice(s.sourceStart, s.sourceEnd)).toBe(s.source);
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
