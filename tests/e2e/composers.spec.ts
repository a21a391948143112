// Issue 8, item 4: what is being written and not sent yet (a note, a comment on a translation, a
// change request) is kept per record and per profile: leaving through the sidebar or Ctrl+K and
// coming back finds it as it was; another profile does not see it; sending it clears it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const LINA = { name: 'Lina Saad', initials: 'LS', roles: ['analyst'] as 'analyst'[] };
const YUSUF = { name: 'Yusuf Amin', initials: 'YA', roles: ['analyst'] as 'analyst'[] };
const SALMA = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const CASE_TITLE = 'Drafts that stay';
const NOTE = 'Check the **second** post against the archived copy.';
const ORIGINAL = 'قررت المقاومة تحرير العراق عسكريا. لا توقف ولا هدنة ولا تراجع!';
const SUMMARY = 'The resistance decides to liberate Iraq';
const OVERALL = 'Segment 2 drops the negation.';
const ON_SEGMENT = 'Say "no truce" here.';
const PLAIN_COMMENT = 'Is "militarily" in the original?';

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me: lina } = await seedPeople(app, LINA);
  const yusuf = await app.invoke('profiles.create', { as: admin.id, ...YUSUF });
  const salma = await app.invoke('profiles.create', { as: admin.id, ...SALMA });
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE, assignees: [lina.id, yusuf.id] });
  const statement = await app.invoke('statements.create', { as: lina.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: SUMMARY });
  let v = await app.invoke('translations.start', { as: lina.id, statementId: statement.id, targetLang: 'en' });
  v = await app.invoke('translations.edit', {
    as: lina.id, id: v.translation.id, rev: v.translation.rev,
    segments: v.latest.segments.map((seg, i) => ({ id: seg.id, target: ['The resistance has decided to liberate Iraq militarily.', 'No stopping, no retreat!'][i]! })),
  });
  v = await app.invoke('translations.submit', { as: lina.id, id: v.translation.id, rev: v.translation.rev });
  return { lina, yusuf, salma, kase, statement, translation: v };
}

function noteBox(page: Page) {
  return page.getByRole('main').getByRole('form', { name: 'New note' }).getByRole('textbox', { name: 'Note text', exact: true });
}

async function caseNotes(page: Page) {
  await ui.goToCases(page);
  await ui.openCase(page, CASE_TITLE);
  await ui.caseTab(page, 'Notes');
  await expect.poll(() => noteBox(page).isVisible()).toBe(true);
}

async function switchTo(page: Page, from: string, to: string) {
  await ui.switchProfile(page, from);
  await ui.chooseProfile(page, to);
  await expect.poll(() => ui.actingAs(page, to).isVisible()).toBe(true);
}

describe('drafts of what is being written', () => {
  it('a note being written survives the sidebar, Ctrl+K and a profile switch, is the writer\'s only, and is cleared once added', async () => {
    let s!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { s = await seed(a); } });
    const { page } = app;
    await app.open();
    await ui.chooseProfile(page, LINA.name);
    await caseNotes(page);
    await noteBox(page).fill(NOTE);

    // Away through the sidebar, and back.
    await ui.goTo(page, 'Sources');
    await expect.poll(() => ui.pageHeading(page, 'Sources').isVisible()).toBe(true);
    await caseNotes(page);
    expect(await noteBox(page).inputValue()).toBe(NOTE);

    // Away with Ctrl+K, and back the same way.
    await ui.runFromPalette(page, 'Go to Actors', 'Go to Actors');
    await expect.poll(() => ui.pageHeading(page, 'Actors').isVisible()).toBe(true);
    await ui.runFromPalette(page, CASE_TITLE, CASE_TITLE);
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await ui.caseTab(page, 'Notes');
    await expect.poll(() => noteBox(page).inputValue()).toBe(NOTE);

    // Someone else at the keyboard starts from an empty box; Lina finds hers again.
    await switchTo(page, LINA.name, YUSUF.name);
    await caseNotes(page);
    expect(await noteBox(page).inputValue()).toBe('');
    await switchTo(page, YUSUF.name, LINA.name);
    await caseNotes(page);
    expect(await noteBox(page).inputValue()).toBe(NOTE);

    // Closing the window with a note unsent asks first (Electron's main turns this into Stay / Close Anyway).
    expect(await page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    })).toBe(true);

    // Added: it is a note now, and the box is empty, also after coming back.
    await page.getByRole('main').getByRole('form', { name: 'New note' }).getByRole('button', { name: 'Add note' }).click();
    await expect.poll(async () => (await app.invoke('notes.list', { as: s.lina.id, targetType: 'case', targetId: s.kase.id })).map((n) => [n.body, n.createdBy])).toEqual([[NOTE, s.lina.id]]);
    await expect.poll(() => noteBox(page).inputValue()).toBe('');
    await ui.goTo(page, 'Sources');
    await caseNotes(page);
    expect(await noteBox(page).inputValue()).toBe('');
    await expectCleanRun(app);
  });

  it("a reviewer's change request and a comment on a segment survive leaving the page; sending clears them", async () => {
    let s!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { s = await seed(a); } });
    const { page } = app;
    await app.open();
    await ui.chooseProfile(page, SALMA.name);
    await expect.poll(() => ui.actingAs(page, SALMA.name).isVisible()).toBe(true);

    // A comment on a segment of the translation, from the statement page.
    await ui.openAddress(page, ui.statementAddress(s.statement.id));
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);
    await ui.segmentRow(page, 1).getByRole('button', { name: /^Comments \(0\)/ }).click();
    const plain = page.getByRole('main').getByRole('textbox', { name: 'Comment on segment 1', exact: true });
    await plain.fill(PLAIN_COMMENT);

    // The change request on the review page.
    await ui.openReview(page, SUMMARY);
    const overall = page.getByRole('main').getByRole('textbox', { name: 'Comment for the translator', exact: true });
    await expect.poll(() => overall.isVisible()).toBe(true);
    await overall.fill(OVERALL);
    await ui.commentOnSegment(page, 2, ON_SEGMENT);
    const onSegment = page.getByRole('main').getByRole('textbox', { name: 'Your comment on segment 2', exact: true });

    // Away through the sidebar and with Ctrl+K, and back: both are as they were.
    await ui.goTo(page, 'Cases');
    await expect.poll(() => ui.pageHeading(page, 'Cases').isVisible()).toBe(true);
    await ui.openReview(page, SUMMARY);
    await expect.poll(() => overall.inputValue()).toBe(OVERALL);
    expect(await onSegment.inputValue()).toBe(ON_SEGMENT);
    await ui.runFromPalette(page, 'Go to Sources', 'Go to Sources');
    await expect.poll(() => ui.pageHeading(page, 'Sources').isVisible()).toBe(true);
    await ui.openAddress(page, ui.statementAddress(s.statement.id));
    await expect.poll(() => plain.inputValue()).toBe(PLAIN_COMMENT);

    // Sent: the comment is a comment, the request goes back to the translator; nothing is left behind.
    await page.getByRole('main').getByRole('form', { name: 'Comment on segment 1' }).getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => plain.inputValue()).toBe('');
    await ui.openReview(page, SUMMARY);
    await expect.poll(() => overall.inputValue()).toBe(OVERALL);
    await ui.requestChangesButton(page).click();
    await expect.poll(async () => (await app.invoke('translations.history', { as: s.salma.id, id: s.translation.translation.id })).comments.map((c) => [c.body, c.kind, c.authorId]))
      .toEqual([[PLAIN_COMMENT, 'comment', s.salma.id], [OVERALL, 'change_request', s.salma.id], [ON_SEGMENT, 'change_request', s.salma.id]]);
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
