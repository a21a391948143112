// Trash and restore a statement: the move offers Undo in a toast; the Trash lists it and
// restores it; it is back in its case. Undo (the toast's button) takes a move back too.
import { describe, expect, it } from 'vitest';
import { isolate } from '../../shared/text/isolate';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Rania Aziz', initials: 'RA', roles: ['analyst'] as 'analyst'[] };
const CASE_TITLE = 'Statements to clean up';
const SUMMARY = 'Duplicate capture of the 9 October statement';
const ORIGINAL = 'بيان القيادة العامة رقم ٣ — تكرار';

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me } = await seedPeople(app, ANALYST);
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE, assignees: [me.id] });
  const statement = await app.invoke('statements.create', { as: me.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: SUMMARY });
  await app.invoke('statements.create', { as: me.id, caseIds: [kase.id], language: 'ar', originalText: 'بيان آخر', summary: 'The statement that stays' });
  return { me, kase, statement };
}

describe('trash and restore', () => {
  it('a trashed statement is offered back (Undo), listed in the Trash, restored, and is in its case again', async () => {
    let seeded!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { seeded = await seed(a); } });
    const { me, kase, statement } = seeded;
    await app.open();
    const { page } = app;
    await ui.enterAs(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.caseTab(page, 'Statements');
    await ui.statementInCase(page, SUMMARY).click();
    await expect.poll(() => ui.pageHeading(page, SUMMARY).isVisible()).toBe(true);

    await ui.trashStatementButton(page).click();
    const moved = ui.toast(page, 'Moved the statement to the trash.');
    await expect.poll(() => moved.isVisible()).toBe(true);
    expect(await ui.notifications(page).getByRole('button', { name: 'Undo', exact: true }).isVisible()).toBe(true);
    await expect.poll(async () => (await app.invoke('statements.get', { as: me.id, id: statement.id })).deletedAt).not.toBeNull();
    // The editor goes back to where the user came from: the case, without the statement.
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await expect.poll(() => ui.statementsGrid(page).getByRole('link').allTextContents()).toEqual(['The statement that stays']);
    await shot(page, 'trash-moved-toast');

    await ui.goTo(page, 'Trash');
    await expect.poll(() => ui.pageHeading(page, 'Trash').isVisible()).toBe(true);
    const restore = ui.restoreButton(page, SUMMARY);
    await expect.poll(() => restore.isVisible()).toBe(true);
    const row = page.getByRole('main').getByRole('row').filter({ has: page.getByRole('button', { name: `Restore ${SUMMARY}`, exact: true }) });
    expect(await row.getByRole('cell').first().textContent()).toBe('Statement');
    await shot(page, 'trash-list');
    await restore.click();
    // The title is isolated inside the sentence (FSI…PDI), as every toast quoting captured text.
    await expect.poll(() => ui.toast(page, `Restored “${isolate(SUMMARY)}”.`).isVisible()).toBe(true);
    await expect.poll(() => restore.isVisible()).toBe(false);
    await expect.poll(() => page.getByText('The trash is empty.').isVisible()).toBe(true);
    const back = await app.invoke('statements.get', { as: me.id, id: statement.id });
    expect(back.deletedAt).toBeNull();
    expect(back.originalText).toBe(ORIGINAL);

    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.caseTab(page, 'Statements');
    await expect.poll(() => ui.statementInCase(page, SUMMARY).isVisible()).toBe(true);
    expect((await app.invoke('statements.list', { as: me.id, caseId: kase.id })).items.map((s) => s.id)).toContain(statement.id);

    // Undo from the toast takes a move to the trash back as well.
    await ui.statementInCase(page, SUMMARY).click();
    await expect.poll(() => ui.pageHeading(page, SUMMARY).isVisible()).toBe(true);
    await ui.trashStatementButton(page).click();
    // (The first move's toast may still be up: this one is the newest, the last.)
    await expect.poll(() => ui.toast(page, 'Moved the statement to the trash.').last().isVisible()).toBe(true);
    // Only the last destructive action can be undone: one Undo on screen, even if the toast of
    // the first move (now stale: the statement was restored since) is still showing.
    await expect.poll(() => ui.notifications(page).getByRole('button', { name: 'Undo', exact: true }).count()).toBe(1);
    await ui.notifications(page).getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => ui.toast(page, 'Undone.').isVisible()).toBe(true);
    await expect.poll(async () => (await app.invoke('statements.get', { as: me.id, id: statement.id })).deletedAt).toBeNull();
    await expect.poll(() => ui.statementsGrid(page).getByRole('link').allTextContents()).toContain(SUMMARY);
    await shot(page, 'trash-undone');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
