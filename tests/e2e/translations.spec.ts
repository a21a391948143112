// Four eyes, end to end against the real Core: an analyst (who is also a reviewer) captures a
// statement with an Arabic original, translates it segment by segment beside the original and
// submits it; the same profile cannot approve it (the Core says why); another reviewer asks for
// a change on one segment; the analyst edits and resubmits; the reviewer approves; the approved
// text shows on the statement.
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, shot, textLayout, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Jonas Berg', initials: 'JB', roles: ['analyst', 'reviewer'] as ('analyst' | 'reviewer')[] };
const REVIEWER = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const CASE_TITLE = 'Iraqi resistance statements, November 2023';
const SUMMARY = 'Nujaba: the resistance has decided to liberate Iraq';
// Three sentences: a full stop, an exclamation mark (the Arabic comma joins clauses, never splits).
const ORIGINAL = 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا. ما هو آت عظيم، طوبى للمجاهدين الأبطال! لا توقف ولا هدنة ولا تراجع.';
const SOURCES = ['قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا.', 'ما هو آت عظيم، طوبى للمجاهدين الأبطال!', 'لا توقف ولا هدنة ولا تراجع.'];
const FIRST = [
  'The Islamic resistance in Iraq has decided to liberate Iraq militarily.',
  'What is to come is great, blessed are the heroes.',
  'No stopping, no truce, no retreat.',
];
const SECOND_FIXED = 'What is to come will be grandiose; blessed are the heroic mujahideen!';
const CHANGE_REQUEST = 'Keep "mujahideen" as published, and "grandiose".';

describe('translation with four-eyes review', () => {
  it('translate beside the Arabic, submit, refused to self, changes requested, resubmitted, approved, shown on the statement', async () => {
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
        await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
        const kase = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE, summary: 'Statements of the Islamic Resistance in Iraq.' });
        await a.invoke('cases.update', { as: admin.id, id: kase.id, rev: kase.rev, assignees: [me.id] });
      },
    });
    await app.open();
    const { page } = app;

    // --- the analyst captures the statement and its Arabic original --------------------------------
    await ui.chooseProfile(page, ANALYST.name);
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.newStatementInCase(page);
    await expect.poll(() => ui.originalInput(page).isVisible()).toBe(true);
    const statementId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    await ui.originalInput(page).fill(ORIGINAL);
    await ui.statementSummary(page).fill(SUMMARY);
    await page.getByRole('main').getByRole('combobox', { name: 'Language of the original' }).selectOption({ label: 'Arabic' });
    await expect.poll(() => ui.verbatimOriginal(page).isVisible()).toBe(true);
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');

    // --- translated segment by segment, side by side -----------------------------------------------
    await ui.startTranslation(page, 'English');
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);
    expect(await ui.segmentGrid(page).getByRole('row').count()).toBe(1 + SOURCES.length);
    for (const [i, source] of SOURCES.entries()) {
      expect(await ui.segmentSource(page, i + 1).textContent()).toBe(source);
      await ui.segmentTarget(page, i + 1).fill(FIRST[i]!);
    }
    await expect.poll(() => ui.segmentsSaveState(page).textContent(), { timeout: 10_000 }).toBe('Segments saved');
    // The original reads right to left in its cell; the translation beside it left to right, on the same row.
    const source1 = ui.segmentSource(page, 1);
    const layout = await textLayout(source1);
    expect(new Set(layout.directions), JSON.stringify(layout)).toEqual(new Set(['rtl']));
    expect(layout.gapRight, JSON.stringify(layout)).toBeLessThan(layout.gapLeft);
    expect(await ui.segmentTarget(page, 1).evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    const [src, trg] = [await source1.boundingBox(), await ui.segmentTarget(page, 1).boundingBox()];
    expect(src!.x + src!.width).toBeLessThanOrEqual(trg!.x + 1);
    expect(Math.abs(src!.y - trg!.y)).toBeLessThan(20);
    await ui.segmentTarget(page, 2).focus();
    await ui.translationPane(page).scrollIntoViewIfNeeded();
    await shot(page, 'translations-side-by-side');

    await ui.submitForReview(page);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'In review').isVisible()).toBe(true);
    // The sidebar counts what waits for review (in the link's name: "Review queue (1 waiting)").
    await expect.poll(() => ui.reviewQueueLink(page, 1).isVisible()).toBe(true);

    // --- the same profile cannot approve: the Core refuses, and says why ---------------------------
    await ui.openReview(page, SUMMARY);
    await expect.poll(() => ui.approveButton(page).isVisible()).toBe(true);
    // Shown as unavailable with the reason beside it, yet still focusable: pressing it asks the Core,
    // which is the real check, and its refusal is what the analyst reads.
    expect(await ui.approveButton(page).getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByRole('main').getByText(/four eyes keep you from approving it/).isVisible()).toBe(true);
    await ui.approveButton(page).focus();
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('main').getByRole('alert');
    await expect.poll(() => refusal.textContent()).toBe(
      `${ANALYST.name} cannot approve revision 1: they are its translator. Four eyes: a translation is approved by a reviewer who did not write or edit it.`,
    );
    await shot(page, 'translations-four-eyes-refusal');

    // --- a reviewer asks for a change on one segment --------------------------------------------------
    await ui.switchProfile(page, ANALYST.name);
    await ui.chooseProfile(page, REVIEWER.name);
    await expect.poll(() => ui.actingAs(page, REVIEWER.name).isVisible()).toBe(true);
    await ui.reviewQueueLink(page).click();
    await expect.poll(() => ui.reviewQueue(page).getByRole('link', { name: SUMMARY, exact: true }).isVisible()).toBe(true);
    await shot(page, 'translations-review-queue');
    await ui.openReview(page, SUMMARY);
    await expect.poll(() => ui.requestChangesButton(page).isVisible()).toBe(true);
    expect(await ui.approveButton(page).getAttribute('aria-disabled')).toBeNull();
    // Against nothing approved: every word is new.
    expect(await ui.diffTable(page).locator('del').count()).toBe(0);
    expect(await ui.diffTable(page).locator('ins').count()).toBe(SOURCES.length);
    await ui.requestChangesButton(page).click();
    await expect.poll(() => page.getByRole('main').getByRole('alert').textContent()).toMatch(/^Say what to change/);
    await ui.commentOnSegment(page, 2, CHANGE_REQUEST);
    await ui.requestChangesButton(page).click();
    await expect.poll(() => ui.translationState(page.getByRole('main'), 'Changes requested').isVisible()).toBe(true);

    // --- the analyst edits the segment and submits again ------------------------------------------------
    await ui.switchProfile(page, REVIEWER.name);
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, ui.statementAddress(statementId));
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Changes requested').isVisible()).toBe(true);
    // The request is shown at its segment.
    await expect.poll(() => page.getByRole('list', { name: 'Comments on segment 2' }).textContent()).toContain(CHANGE_REQUEST);
    await ui.segmentTarget(page, 2).fill(SECOND_FIXED);
    await expect.poll(() => ui.segmentsSaveState(page).textContent(), { timeout: 10_000 }).toBe('Segments saved');
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Draft').isVisible()).toBe(true);
    await ui.submitForReview(page);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'In review').isVisible()).toBe(true);

    // --- the reviewer sees what changed, and approves -------------------------------------------------
    await ui.switchProfile(page, ANALYST.name);
    await ui.chooseProfile(page, REVIEWER.name);
    await ui.openReview(page, SUMMARY);
    await expect.poll(() => ui.diffTable(page).isVisible()).toBe(true);
    // Nothing is approved yet: the resubmission is compared with the revision sent back.
    expect(await page.getByRole('main').getByRole('heading', { name: /^Changes since revision 1 \(last submitted, changes requested\)$/ }).isVisible()).toBe(true);
    const row2 = ui.diffTable(page).locator('tr[data-segment="s2"]');
    await expect.poll(async () => (await row2.locator('ins').allTextContents()).join(' ')).toMatch(/grandiose/);
    expect((await row2.locator('del').allTextContents()).join(' ')).toMatch(/great/);
    expect(await ui.diffTable(page).locator('tr[data-segment="s1"]').locator('ins, del').count()).toBe(0);
    await ui.diffTable(page).scrollIntoViewIfNeeded();
    await shot(page, 'translations-diff');
    await ui.approveButton(page).click();
    await expect.poll(() => page.getByRole('main').getByRole('status').filter({ hasText: /^Approved revision 2/ }).isVisible()).toBe(true);

    // --- the approved text is what the statement shows ------------------------------------------------
    await ui.openAddress(page, ui.statementAddress(statementId));
    const approved = ui.approvedTranslation(page);
    await expect.poll(() => approved.isVisible()).toBe(true);
    expect(await approved.textContent()).toContain([FIRST[0], SECOND_FIXED, FIRST[2]].join('\n'));
    expect(await approved.textContent()).toContain(`Approved by ${REVIEWER.name}`);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Approved').isVisible()).toBe(true);
    await approved.scrollIntoViewIfNeeded();
    await shot(page, 'translations-approved-on-statement');

    // History: both revisions with who and when; the two compared with the same diff.
    await ui.translationPane(page).getByRole('link', { name: 'History', exact: true }).click();
    const revisions = page.getByRole('main').getByRole('table', { name: 'Revisions' });
    await expect.poll(() => revisions.getByRole('row').count()).toBe(3);
    expect(await revisions.textContent()).toContain(REVIEWER.name);
    await expect.poll(async () => (await ui.diffTable(page).locator('tr[data-segment="s2"] ins').allTextContents()).join(' ')).toMatch(/grandiose/);
    await shot(page, 'translations-history');

    // And the Core agrees: approved, pinned, with the reviewer on it.
    const reviewer = (await app.invoke('profiles.list', {})).find((p) => p.name === REVIEWER.name)!;
    const view = (await app.invoke('translations.get', { as: reviewer.id, statementId, targetLang: 'en' }))!;
    expect(view.latest.state).toBe('approved');
    expect(view.latest.reviewedBy).toBe(reviewer.id);
    expect(view.approved?.text).toBe([FIRST[0], SECOND_FIXED, FIRST[2]].join('\n'));
    expect(view.latest.approvedSha256).toMatch(/^[0-9a-f]{64}$/);
    await expectCleanRun(app);
  });

  it("the sample statement's published wording shows as its final translation, without an aligned original", async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager', 'analyst'] });
        const { caseId } = await a.invoke('sample.load', { as: admin.id });
        const items = (await a.invoke('statements.list', { as: admin.id, caseId })).items;
        statementId = items.find((st) => st.originalText == null && st.publishedWording)!.id;
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, 'Desk Admin');
    await ui.openAddress(page, ui.statementAddress(statementId));
    const published = ui.translationPane(page).getByRole('region', { name: 'Published translation without an aligned original' });
    await expect.poll(() => published.isVisible()).toBe(true);
    expect(await published.textContent()).toContain('Published without an aligned original');
    expect(await published.textContent()).toContain('It was not you [believers] who killed them');
    expect(await published.textContent()).toContain("Translator's note");
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Final').isVisible()).toBe(true);
    // No grid: there is no original to align the wording with.
    expect(await ui.segmentGrid(page).count()).toBe(0);
    await published.scrollIntoViewIfNeeded();
    await shot(page, 'translations-published-wording');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
