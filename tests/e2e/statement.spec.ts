// A case manager opens a case and captures a statement with its Arabic original typed in: the
// Core stores exactly the characters typed (no trimming, no normalisation: the shadda before
// the fatha below is not in canonical order, so NFC would reorder it), the hashtag and the
// Quran reference show as chips, and the original reads right to left inside a layout that
// stays left to right.
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, shot, textLayout, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const MANAGER = { name: 'Mona Khalil', initials: 'MK', roles: ['case_manager', 'analyst'] as ('case_manager' | 'analyst')[] };
const CASE_TITLE = 'Operation statements, October 2023';
// إنَّ typed as noon + shadda + fatha (how Arabic keyboards enter it; NFC would swap the marks).
const ORIGINAL = 'قال المتحدث: «إن\u0651\u064E المقاومةَ قرّرت» #طوفان_الأقصى [الأنفال: 17]';
const SUMMARY = 'Spokesman: the resistance has decided';

describe('statement with an Arabic original', () => {
  it('a case manager creates a case and a statement; the typed original is stored byte-exact, with chips, right to left', async () => {
    const app = await openApp(browser(), { navigate: false, seed: (a) => seedPeople(a, MANAGER) });
    await app.open();
    const { page } = app;
    expect(ORIGINAL).not.toBe(ORIGINAL.normalize('NFC'));

    await ui.chooseProfile(page, MANAGER.name);
    await expect.poll(() => ui.actingAs(page, MANAGER.name).isVisible()).toBe(true);
    await ui.goToCases(page);
    await ui.createCase(page, { title: CASE_TITLE, summary: 'Claims of responsibility and their wording.' });
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);

    await ui.newStatementInCase(page);
    const box = ui.originalInput(page);
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toMatch(/^#\/statements\//);
    const statementId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);

    // Typed, one character at a time (combining marks included), as a transcription would be.
    await box.pressSequentially(ORIGINAL);
    expect(await box.inputValue()).toBe(ORIGINAL);
    // While it is typed: the box follows the text's direction; the page does not.
    expect(await box.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('ltr');
    // Chips appear as the text is typed, before anything is saved.
    await expect.poll(() => ui.entityChips(page, 'Hashtags').allTextContents()).toEqual(['#طوفان_الأقصى']);
    await expect.poll(() => ui.entityChips(page, 'Scripture references').allTextContents()).toEqual(['Quran 8:17 · الأنفال: 17']);
    await shot(page, 'statement-typing-original');

    // Leaving the box captures the original; the summary autosaves after a pause.
    await ui.statementSummary(page).fill(SUMMARY);
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');

    const [me] = (await app.invoke('profiles.list', {})).filter((p) => p.name === MANAGER.name);
    await expect.poll(async () => (await app.invoke('statements.get', { as: me!.id, id: statementId })).summary, { timeout: 10_000 }).toBe(SUMMARY);
    const stored = await app.invoke('statements.get', { as: me!.id, id: statementId });
    expect(stored.originalText).toBe(ORIGINAL);
    expect(Buffer.from(stored.originalText!, 'utf8').equals(Buffer.from(ORIGINAL, 'utf8'))).toBe(true);
    expect(stored.originalStatus).not.toBe('not_captured');
    expect(stored.createdBy).toBe(me!.id);
    const kase = (await app.invoke('cases.list', { as: me!.id })).items.find((c) => c.title === CASE_TITLE)!;
    expect((await app.invoke('statements.list', { as: me!.id, caseId: kase.id })).items.map((s) => s.id)).toEqual([statementId]);

    // Captured: the read-only original, verbatim, in its own right-to-left container.
    const original = ui.verbatimOriginal(page);
    await expect.poll(() => original.isVisible()).toBe(true);
    expect(await original.evaluate((el) => el.textContent)).toBe(ORIGINAL);
    // Each element that holds the text resolves right to left, and the text sits against the
    // right edge of its box (start = right), not the left.
    expect(await original.evaluate((el) => !!(el.closest('[dir=auto]') ?? el.querySelector('[dir=auto]')))).toBe(true);
    const layout = await textLayout(original);
    expect(layout.directions.length).toBeGreaterThan(0);
    expect(new Set(layout.directions)).toEqual(new Set(['rtl']));
    expect(layout.gapRight, JSON.stringify(layout)).toBeLessThan(layout.gapLeft);
    // The chrome keeps its direction: the heading starts on the left, the sidebar stays left.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('ltr');
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    const main = await page.getByRole('main').boundingBox();
    expect(nav!.x).toBeLessThan(main!.x);
    await expect.poll(() => ui.entityChips(page, 'Hashtags').allTextContents()).toEqual(['#طوفان_الأقصى']);
    await expect.poll(() => ui.entityChips(page, 'Scripture references').allTextContents()).toEqual(['Quran 8:17 · الأنفال: 17']);
    await shot(page, 'statement-arabic-original');

    // Back in the case, the statement is listed under its summary.
    await page.goBack();
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await ui.caseTab(page, 'Statements');
    await expect.poll(() => ui.statementInCase(page, SUMMARY).isVisible()).toBe(true);
    await shot(page, 'statement-in-case');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
