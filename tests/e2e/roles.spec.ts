// Issue 8, item 3: a form looks editable only to a profile whose save the Core would accept.
// The UI asks the Core (profiles.permissions, from the rule table its refusals come from) and
// shows read-only fields and disabled actions with the Core's reason; what a role may do (a
// reviewer's notes, a case manager's case details) stays open.
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const REVIEWER = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const MANAGER = { name: 'Omar Haddad', initials: 'OH', roles: ['case_manager'] as 'case_manager'[] };
const ORIGINAL = 'قررت المقاومة تحرير العراق عسكريا. لا توقف ولا هدنة!';
const SUMMARY = 'The resistance decides to liberate Iraq';

async function seed(app: Pick<App, 'invoke'>, who: typeof REVIEWER | typeof MANAGER) {
  const { admin, me } = await seedPeople(app, who);
  const analyst = await app.invoke('profiles.create', { as: admin.id, name: 'Desk Analyst', initials: 'AN', roles: ['analyst'] });
  const kase = await app.invoke('cases.create', { as: admin.id, title: 'Nujaba statements', assignees: [me.id] });
  const statement = await app.invoke('statements.create', { as: analyst.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: SUMMARY });
  const source = await app.invoke('sources.create', { as: analyst.id, caseIds: [kase.id], kind: 'social_post', title: 'Post on X' });
  return { admin, me, kase, statement, source };
}

describe('forms know who is at the keyboard', () => {
  it('a reviewer reads a statement and a source read-only, with the reason, and may still write notes', async () => {
    let s!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { s = await seed(a, REVIEWER); } });
    const { page } = app;
    await app.open();
    await ui.chooseProfile(page, REVIEWER.name);
    await expect.poll(() => ui.actingAs(page, REVIEWER.name).isVisible()).toBe(true);

    await ui.openAddress(page, ui.statementAddress(s.statement.id));
    await expect.poll(() => ui.statementSummary(page).isVisible()).toBe(true);
    expect(await ui.statementSummary(page).isEditable()).toBe(false);
    // The Core's own words, before anything is typed.
    const told = await app.invoke('profiles.permissions', { as: s.me.id });
    expect(told.actions['statements.edit'].reason).toBe('Only a profile with the analyst role may edit statements.');
    await expect.poll(() => ui.readOnlyNote(page).textContent()).toBe(`Read-only for this profile. ${told.actions['statements.edit'].reason}`);
    for (const label of ['Summary', 'Date', 'Account or handle', 'URL']) {
      expect(await ui.textField(page, label).isEditable(), label).toBe(false);
      expect(await ui.textField(page, label).isVisible(), label).toBe(true);
    }
    expect(await ui.statementSummary(page).inputValue()).toBe(SUMMARY);
    expect(await page.getByRole('main').getByRole('combobox', { name: 'Marking' }).isDisabled()).toBe(true);
    expect(await page.getByRole('main').getByRole('combobox', { name: 'Speaker' }).isDisabled()).toBe(true);
    expect(await ui.trashStatementButton(page).isDisabled()).toBe(true);
    expect(await page.getByRole('main').getByRole('button', { name: 'Correct the original…' }).isDisabled()).toBe(true);
    expect(await ui.translationPane(page).getByRole('button', { name: 'Start translation' }).isDisabled()).toBe(true);
    expect(await ui.translationPane(page).getByText('Only a profile with the analyst role may translate statements.').isVisible()).toBe(true);
    // No "Saved" or "Retry" for a form this profile cannot save.
    expect(await ui.saveState(page).count()).toBe(0);
    await page.getByRole('main').getByRole('form', { name: 'New note' }).scrollIntoViewIfNeeded();
    await ui.statementSummary(page).scrollIntoViewIfNeeded();
    await shot(page, 'roles-reviewer-statement-read-only');

    // Notes are a reviewer's to write.
    const notes = page.getByRole('main').getByRole('region', { name: /^Notes/ }).or(page.getByRole('main').locator('section.notes'));
    await ui.addNote(notes.first(), 'Line 2 reads as a threat; check the translation.');
    await expect.poll(async () => (await app.invoke('notes.list', { as: s.me.id, targetType: 'statement', targetId: s.statement.id })).map((n) => n.createdBy)).toEqual([s.me.id]);

    // A source: the same, from the same table.
    await ui.openAddress(page, `/sources/${s.source.id}`);
    await expect.poll(() => ui.textField(page, 'Title').isVisible()).toBe(true);
    expect(await ui.textField(page, 'Title').isEditable()).toBe(false);
    expect(await ui.readOnlyNote(page).textContent()).toBe('Read-only for this profile. Only a profile with the analyst role may edit sources.');
    expect(await page.getByRole('main').getByLabel('Choose files…').isDisabled()).toBe(true);
    await shot(page, 'roles-reviewer-source-read-only');

    // Nothing was sent that the Core had to refuse.
    expect((await app.invoke('audit.list', { as: s.me.id, recordId: s.statement.id })).filter((e) => e.actorId === s.me.id)).toEqual([]);
    await expectCleanRun(app);
  });

  it('a case manager edits the case but gets a disabled "Add event" form that says why', async () => {
    let s!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { s = await seed(a, MANAGER); } });
    const { page } = app;
    await app.open();
    await ui.chooseProfile(page, MANAGER.name);
    await expect.poll(() => ui.actingAs(page, MANAGER.name).isVisible()).toBe(true);
    await ui.goToCases(page);
    await ui.openCase(page, 'Nujaba statements');
    await expect.poll(() => ui.pageHeading(page, 'Nujaba statements').isVisible()).toBe(true);

    // Organising the case is theirs.
    expect(await ui.textField(page, 'Title').isEditable()).toBe(true);
    expect(await page.getByRole('main').getByRole('combobox', { name: 'Priority' }).isDisabled()).toBe(false);
    expect(await page.getByRole('main').getByRole('button', { name: 'Close case' }).isDisabled()).toBe(false);

    const timeline = await ui.caseTab(page, 'Timeline');
    const form = timeline.getByRole('form', { name: 'Add an event' });
    const add = form.getByRole('button', { name: 'Add event', exact: true });
    await expect.poll(() => add.isVisible()).toBe(true);
    expect(await add.isDisabled()).toBe(true);
    expect(await form.getByRole('textbox', { name: 'What happened' }).isDisabled()).toBe(true);
    expect(await form.getByText('Only a profile with the analyst role may add timeline events.').isVisible()).toBe(true);
    await shot(page, 'roles-case-manager-add-event-disabled');

    // The statements tab: capturing is an analyst's, filing is theirs.
    const statements = await ui.caseTab(page, 'Statements');
    expect(await statements.getByRole('button', { name: 'New statement', exact: true }).isDisabled()).toBe(true);
    expect(await statements.getByRole('button', { name: 'Add existing…', exact: true }).isDisabled()).toBe(false);
    expect(await statements.getByText('Only a profile with the analyst role may capture statements.').isVisible()).toBe(true);
    expect((await app.invoke('events.list', { as: s.me.id, caseId: s.kase.id }))).toEqual([]);
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
