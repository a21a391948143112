// Issue 8, item 8: Arabic and Latin together. A Latin hashtag after an Arabic one, an @handle and
// a link keep their "#", "@" and "https" in front (each isolated in its own direction), and every
// paragraph of a comment or a note takes its own direction: an English comment that opens with an
// Arabic quotation reads left to right, its Arabic second line right to left.
import { describe, expect, it } from 'vitest';
import { charLefts, expectCleanRun, expectNoForeignRequests, openApp, paragraphLayout, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Ana Analyst', initials: 'AA', roles: ['analyst', 'reviewer'] as ('analyst' | 'reviewer')[] };
const SUMMARY = 'Nujaba: the flood goes on';
const ORIGINAL = 'الطوفان مستمر #طوفان_الأقصى #Al_Aqsa_Flood\nتابعونا على @nujaba_iq و https://t.me/nujaba_iq';
const COMMENT = '«الله أكبر» is the slogan, keep it.\nوالله أكبر';
const NOTE = '«طوفان الأقصى» is the name of the operation, Quran 8:17 is quoted.\n\nوهذا تعليق عربي';

/** A statement with the Arabic original, a comment on its first segment and a note; returns its id. */
async function seed(a: Pick<App, 'invoke'>): Promise<string> {
  const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
  const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
  const st = await a.invoke('statements.create', { as: me.id, originalText: ORIGINAL, language: 'ar', summary: SUMMARY });
  const v = await a.invoke('translations.start', { as: me.id, statementId: st.id, targetLang: 'en' });
  await a.invoke('translations.comment', { as: me.id, revisionId: v.latest.id, segmentId: 's1', body: COMMENT });
  await a.invoke('notes.create', { as: me.id, targetType: 'statement', targetId: st.id, body: NOTE });
  return st.id;
}

describe('Arabic with Latin entities, comments and notes', () => {
  let statementId = '';

  it('keeps the "#" of a Latin hashtag after an Arabic one, the "@" of a handle and a link in front', async () => {
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { statementId = await seed(a); } });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, ui.statementAddress(statementId));
    const original = ui.verbatimOriginal(page);
    await expect.poll(() => original.isVisible()).toBe(true);

    // The text is exactly the original (nothing added to isolate it).
    expect(await original.textContent()).toBe(ORIGINAL);
    // "#Al_Aqsa_Flood" after an Arabic hashtag, in a right-to-left line: "#" left of "A", not after "Flood".
    const [hash, a] = await charLefts(original, '#Al_Aqsa_Flood');
    expect(hash!).toBeLessThan(a!);
    const [at, n] = await charLefts(original, '@nujaba_iq');
    expect(at!).toBeLessThan(n!);
    const [h, t] = await charLefts(original, 'https://t.me/nujaba_iq');
    expect(h!).toBeLessThan(t!);
    // The Arabic hashtag stays right to left: its "#" on the right.
    const [arHash, arFirst] = await charLefts(original, '#طوفان_الأقصى');
    expect(arHash!).toBeGreaterThan(arFirst!);
    // The lines themselves are still Arabic paragraphs.
    expect((await paragraphLayout(original, 'الطوفان مستمر')).direction).toBe('rtl');
    expect((await paragraphLayout(original, 'تابعونا')).direction).toBe('rtl');
    await original.scrollIntoViewIfNeeded();
    await shot(page, 'bidi-original-entities');
    await expectCleanRun(app);
  });

  it('lays out each paragraph of a comment or a note in its own direction, whatever it quotes first', async () => {
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { statementId = await seed(a); } });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, ui.statementAddress(statementId));
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);

    // A comment: English with an Arabic quotation first reads left to right; its Arabic line right to left.
    await ui.segmentComments(page, 1).click();
    const comments = page.getByRole('list', { name: 'Comments on segment 1' });
    await expect.poll(() => comments.isVisible()).toBe(true);
    const english = await paragraphLayout(comments, 'is the slogan');
    expect(english.direction).toBe('ltr');
    expect(english.gapLeft, JSON.stringify(english)).toBeLessThan(english.gapRight);
    const arabic = await paragraphLayout(comments, 'والله أكبر');
    expect(arabic.direction).toBe('rtl');
    expect(arabic.gapRight, JSON.stringify(arabic)).toBeLessThan(arabic.gapLeft);
    await comments.scrollIntoViewIfNeeded();
    await shot(page, 'bidi-comment');

    // A markdown note: each paragraph in its own direction, the quotation and the Quran reference isolated.
    const note = ui.notesPanel(page).getByRole('listitem').filter({ hasText: 'is the name of the operation' });
    await expect.poll(() => note.isVisible()).toBe(true);
    const noteEnglish = await paragraphLayout(note, 'is the name of the operation');
    expect(noteEnglish.direction).toBe('ltr');
    expect(noteEnglish.gapLeft, JSON.stringify(noteEnglish)).toBeLessThan(noteEnglish.gapRight);
    expect((await paragraphLayout(note, 'وهذا تعليق عربي')).direction).toBe('rtl');
    await note.scrollIntoViewIfNeeded();
    await shot(page, 'bidi-note');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
