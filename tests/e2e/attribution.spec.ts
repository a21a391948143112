// Issue 8, item 2: an edit that could not be saved must never be saved later under another
// profile's name. One profile types; the save fails (refused, or the Core out of reach); another
// profile takes over and edits the same statement. The audit trail (audit.list) must name each
// change's real author: the second profile's save carries only what they typed, the first
// profile's words stay theirs (shown under their name) and are saved as them once they are back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/domain';
import { expectNoForeignRequests, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const FIRST = { name: 'Yusuf Amin', initials: 'YA', roles: ['analyst'] as 'analyst'[] };
const SECOND = { name: 'Lina Saad', initials: 'LS', roles: ['analyst'] as 'analyst'[] };
const ORIGINAL = 'نعلن مسؤوليتنا عن الهجوم على القاعدة #بيان';
const SAVED = 'Claim of responsibility for the base attack';
const TYPED_BY_FIRST = 'Claim of responsibility, typed by Yusuf';
const HANDLE_BY_SECOND = '@typed_by_lina';

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me: first } = await seedPeople(app, FIRST);
  const second = await app.invoke('profiles.create', { as: admin.id, ...SECOND });
  const kase = await app.invoke('cases.create', { as: admin.id, title: 'Attribution', assignees: [first.id, second.id] });
  const statement = await app.invoke('statements.create', { as: first.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: SAVED });
  return { admin, first, second, statement };
}

async function openStatement(page: Page, id: string) {
  await ui.openAddress(page, ui.statementAddress(id));
  await expect.poll(() => ui.statementSummary(page).isVisible()).toBe(true);
}

async function trail(app: App, as: string, id: string): Promise<AuditEntry[]> {
  return (await app.invoke('audit.list', { as, recordType: 'statement', recordId: id })).slice().reverse();
}

/** Who the audit says changed each field, oldest first (creation left out). */
function authors(entries: AuditEntry[], names: Record<string, string>): [string, string[]][] {
  return entries.filter((e) => e.action !== 'statement.create').map((e) => [names[e.actorId ?? ''] ?? String(e.actorId), Object.keys(e.changes).sort()]);
}

/** Switches the way the issue did: title bar, "Choose profile…", then the other profile. */
async function switchTo(page: Page, from: string, to: string) {
  await ui.switchProfile(page, from);
  await ui.chooseProfile(page, to);
  await expect.poll(() => ui.actingAs(page, to).isVisible()).toBe(true);
}

describe('who a save is made as', () => {
  it('a refused edit is never saved under the next profile: the audit names only what each typed', async () => {
    let s!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { s = await seed(a); } });
    const { page } = app;
    const names = { [s.first.id]: FIRST.name, [s.second.id]: SECOND.name };
    await app.open();
    await ui.chooseProfile(page, FIRST.name);
    await openStatement(page, s.statement.id);

    // While Yusuf works, the desk's admin takes his analyst role away: his next save is refused.
    const me = (await app.invoke('profiles.list', {})).find((p) => p.id === s.first.id)!;
    await app.invoke('profiles.update', { as: s.admin.id, id: me.id, rev: me.rev, roles: ['reviewer'] });
    await ui.statementSummary(page).fill(TYPED_BY_FIRST);
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Not saved');
    expect(await page.getByRole('main').getByText('Only a profile with the analyst role may edit statements.').first().isVisible()).toBe(true);

    await switchTo(page, FIRST.name, SECOND.name);
    await openStatement(page, s.statement.id);
    // Lina sees the saved summary, and Yusuf's refused words set aside under his name.
    expect(await ui.statementSummary(page).inputValue()).toBe(SAVED);
    const parked = ui.parkedEdits(page, FIRST.name);
    await expect.poll(() => parked.isVisible()).toBe(true);
    expect(await parked.textContent()).toContain('Summary');
    expect(await parked.textContent()).toContain('Only a profile with the analyst role may edit statements.');
    // No raw validation message reached the screen during the switch.
    expect(await ui.toastText(page)).not.toMatch(/Invalid input|expected string/);
    await shot(page, 'attribution-parked-edits');

    // Lina edits another field: her save carries her field only.
    await ui.textField(page, 'Account or handle').fill(HANDLE_BY_SECOND);
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    const stored = await app.invoke('statements.get', { as: s.second.id, id: s.statement.id });
    expect(stored.summary).toBe(SAVED);
    expect(stored.handle).toBe(HANDLE_BY_SECOND);
    expect(authors(await trail(app, s.second.id, s.statement.id), names)).toEqual([[SECOND.name, ['handle']]]);
    expect(await ui.toastText(page)).not.toMatch(/Invalid input|expected string/);
  });

  it('an edit made while the Core was out of reach is saved as its author once they are back, never as the profile in between', async () => {
    let s!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { s = await seed(a); } });
    const { page } = app;
    const names = { [s.first.id]: FIRST.name, [s.second.id]: SECOND.name };
    await app.open();
    await ui.chooseProfile(page, FIRST.name);
    await openStatement(page, s.statement.id);

    // Statement saves do not get through (as when the Core's process is busy or gone).
    let blocked = true;
    await page.route('**/__harness/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method?: string } | null;
      if (blocked && body?.method === 'statements.update') return route.abort('connectionfailed');
      return route.fallback();
    });
    await ui.statementSummary(page).fill(TYPED_BY_FIRST);
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Offline — not saved');

    await switchTo(page, FIRST.name, SECOND.name);
    blocked = false;
    await openStatement(page, s.statement.id);
    expect(await ui.statementSummary(page).inputValue()).toBe(SAVED);
    await expect.poll(() => ui.parkedEdits(page, FIRST.name).isVisible()).toBe(true);
    await ui.textField(page, 'Account or handle').fill(HANDLE_BY_SECOND);
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    // Longer than the offline retry: nothing of Yusuf's goes out while Lina works.
    await page.waitForTimeout(5_000);
    expect((await app.invoke('statements.get', { as: s.second.id, id: s.statement.id })).summary).toBe(SAVED);
    expect(authors(await trail(app, s.second.id, s.statement.id), names)).toEqual([[SECOND.name, ['handle']]]);

    // Yusuf is back: his summary is still his draft, made on the revision before Lina's save, so
    // it goes out as him only once he has seen her change and kept his own on top of it.
    await switchTo(page, SECOND.name, FIRST.name);
    await openStatement(page, s.statement.id);
    await expect.poll(() => ui.statementSummary(page).inputValue()).toBe(TYPED_BY_FIRST);
    await expect.poll(() => ui.conflictView(page).isVisible(), { timeout: 10_000 }).toBe(true);
    await ui.resolveConflict(page, 'Keep mine');
    await expect.poll(async () => (await app.invoke('statements.get', { as: s.first.id, id: s.statement.id })).summary, { timeout: 15_000 }).toBe(TYPED_BY_FIRST);
    expect(authors(await trail(app, s.first.id, s.statement.id), names)).toEqual([
      [SECOND.name, ['handle']],
      [FIRST.name, ['summary']],
    ]);
    expect(await ui.toastText(page)).not.toMatch(/Invalid input|expected string/);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
