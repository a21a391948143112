// Two windows on one statement. A saves a new summary; B, still holding the old revision,
// edits the same field: its autosave is refused as stale and B shows both versions side by
// side, with nothing overwritten. "Keep mine" then saves B's version over A's, on A's rev.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Yusuf Amin', initials: 'YA', roles: ['analyst'] as 'analyst'[] };
const ORIGINAL = 'نعلن مسؤوليتنا عن الهجوم على القاعدة #بيان';
const FIRST = 'Claim of responsibility for the base attack';
const FROM_A = 'Claim of responsibility (window A)';
const FROM_B = 'Claim of responsibility, base attack — مسؤولية (window B)';

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me } = await seedPeople(app, ANALYST);
  const kase = await app.invoke('cases.create', { as: admin.id, title: 'Two windows', assignees: [me.id] });
  const statement = await app.invoke('statements.create', { as: me.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: FIRST });
  return { me, statement };
}

async function openStatement(app: App, page: Page, id: string) {
  await app.open(page);
  await ui.enterAs(page, ANALYST.name); // the second window remembers the profile
  await ui.openAddress(page, ui.statementAddress(id));
  await expect.poll(() => ui.statementSummary(page).inputValue()).toBe(FIRST);
}

describe('conflict', () => {
  it('a stale edit from a second window shows both versions; Keep mine saves mine over the newer one', async () => {
    let seeded!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { seeded = await seed(a); } });
    const { me, statement } = seeded;
    const a = app.page;
    await openStatement(app, a, statement.id);
    const b = await app.newPage();
    await openStatement(app, b, statement.id);
    expect(statement.rev).toBe(1);

    // Window A saves first (autosave, no blur).
    await ui.statementSummary(a).fill(FROM_A);
    await expect.poll(() => ui.saveState(a).textContent(), { timeout: 10_000 }).toBe('Saved');
    await expect.poll(async () => (await app.invoke('statements.get', { as: me.id, id: statement.id })).summary).toBe(FROM_A);
    const afterA = await app.invoke('statements.get', { as: me.id, id: statement.id });
    expect(afterA.rev).toBeGreaterThan(statement.rev);

    // Window B still shows revision 1 and edits the same field.
    expect(await ui.statementSummary(b).inputValue()).toBe(FIRST);
    await ui.statementSummary(b).fill(FROM_B);
    const conflict = ui.conflictView(b);
    await expect.poll(() => conflict.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await ui.saveState(b).textContent()).toBe('Conflict — not saved');
    // Both versions, side by side, for the field that differs; nothing was overwritten.
    const row = conflict.getByRole('row').filter({ has: b.getByRole('rowheader', { name: 'Summary', exact: true }) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([FROM_B, FROM_A]);
    expect(await conflict.textContent()).toContain(`revision ${afterA.rev}`);
    expect((await app.invoke('statements.get', { as: me.id, id: statement.id })).summary).toBe(FROM_A);
    await shot(b, 'conflict-both-versions');

    await ui.resolveConflict(b, 'Keep mine');
    await expect.poll(() => conflict.isVisible()).toBe(false);
    await expect.poll(() => ui.saveState(b).textContent(), { timeout: 10_000 }).toBe('Saved');
    const saved = await app.invoke('statements.get', { as: me.id, id: statement.id });
    expect(saved.summary).toBe(FROM_B);
    expect(saved.rev).toBe(afterA.rev + 1);
    expect(saved.originalText).toBe(ORIGINAL);
    expect(await ui.statementSummary(b).inputValue()).toBe(FROM_B);
    await shot(b, 'conflict-kept-mine');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
