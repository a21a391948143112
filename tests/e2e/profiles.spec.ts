// Profiles (issue 8, item 5): the New profile form empties after Create, so a second click
// cannot make the same person twice; an admin deactivates (never deletes) a profile, which is
// then not offered to work as and is refused by the Core, while the trail keeps its name.
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ADMIN = { name: 'Desk Admin', initials: 'DA' };
const ANA = { name: 'Ana Analyst', initials: 'AA' };
const CASE_TITLE = 'Nujaba statements, November 2023';

describe('profiles', () => {
  it('the New profile form empties after Create: a double click or a second click never makes the same person twice', async () => {
    const app = await openApp(browser(), {
      navigate: false,
      seed: (a) => a.invoke('profiles.create', { as: null, ...ADMIN, roles: ['admin', 'case_manager'] }),
    });
    await app.open();
    const { page } = app;
    await ui.enterAs(page, ADMIN.name);
    await ui.goToProfiles(page, ADMIN.name);
    const form = ui.newProfileForm(page);

    await form.name.fill('Rami Reviewer');
    expect(await form.initials.inputValue()).toBe('RR');
    await form.role('analyst').setChecked(false);
    await form.role('reviewer').setChecked(true);
    await form.create.dblclick();
    await expect.poll(() => ui.profileRow(page, 'Rami Reviewer').count()).toBe(1);

    // Ready for the next person: empty, default roles, the cursor in Name, and it says whom it made.
    expect(await form.name.inputValue()).toBe('');
    expect(await form.initials.inputValue()).toBe('');
    expect(await form.role('analyst').isChecked()).toBe(true);
    expect(await form.role('reviewer').isChecked()).toBe(false);
    expect(await form.name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.status.textContent()).toBe('Created the profile of Rami Reviewer.');

    // The second click of an impatient user sends an empty form, which the Core refuses.
    await form.create.click();
    await expect.poll(() => form.alerts.allTextContents()).toContain('Must not be empty');
    const named = async (n: string) => (await app.invoke('profiles.list', {})).filter((p) => p.name === n);
    expect((await named('Rami Reviewer')).map((p) => p.roles)).toEqual([['reviewer']]);

    // And the next person goes in as typed.
    await form.name.fill('Cara Manager');
    await form.role('analyst').setChecked(false);
    await form.role('case_manager').setChecked(true);
    await form.create.click();
    await expect.poll(() => form.status.textContent()).toBe('Created the profile of Cara Manager.');
    expect((await named('Cara Manager')).map((p) => p.roles)).toEqual([['case_manager']]);
    expect((await app.invoke('profiles.list', {})).length).toBe(3);
    await expectCleanRun(app);
  });

  it('an admin deactivates a profile: not offered to work as, refused by the Core, still named in the activity; reactivated it is back', async () => {
    let anaId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, ...ADMIN, roles: ['admin', 'case_manager'] });
        const ana = await a.invoke('profiles.create', { as: admin.id, ...ANA, roles: ['analyst'] });
        anaId = ana.id;
        const c = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE });
        await a.invoke('cases.update', { as: ana.id, id: c.id, rev: c.rev, summary: 'Ana wrote this summary.' });
      },
    });
    await app.open();
    const { page } = app;
    await ui.enterAs(page, ADMIN.name);

    // Ana works in a second window of the same desk, which remembers her.
    const anaPage = await app.newPage();
    await app.open(anaPage);
    await ui.enterAs(anaPage, ADMIN.name); // a new window starts as the profile last chosen
    await ui.switchProfile(anaPage, ADMIN.name);
    await ui.enterAs(anaPage, ANA.name);

    // A page in the background gets no animation frames, and the menus wait for them.
    await page.bringToFront();
    expect(await ui.switchToOffers(page, ADMIN.name)).toEqual([ANA.name]);
    await ui.goToProfiles(page, ADMIN.name);
    // Nobody is offered to switch themselves off.
    expect(await ui.profileActivation(page, 'Deactivate', ADMIN.name).count()).toBe(0);
    await ui.profileActivation(page, 'Deactivate', ANA.name).click();

    await expect.poll(() => ui.profileRow(page, ANA.name).getByText('Deactivated', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => ui.profileActivation(page, 'Reactivate', ANA.name).isVisible()).toBe(true);
    const stored = (await app.invoke('profiles.list', {})).find((p) => p.id === anaId);
    expect(stored?.deactivatedAt).toEqual(expect.any(String));
    await shot(page, 'profiles-deactivated');

    // The Core refuses her, whichever door asks.
    const refused = await app.invokeResult('cases.list', { as: anaId });
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'forbidden', field: 'as',
        message: 'Ana Analyst (AA) is deactivated and can no longer act on this desk: work as another profile, or ask an administrator to reactivate it.',
      }),
    });
    // Her window, opened again, no longer lets her in: it asks who is working and does not offer her.
    await anaPage.bringToFront();
    await anaPage.reload();
    await expect.poll(() => ui.profileChoice(anaPage, ADMIN.name).isVisible()).toBe(true);
    expect(await ui.profileChoice(anaPage, ANA.name).count()).toBe(0);
    expect(await ui.actingAs(anaPage, ANA.name).count()).toBe(0);

    // Not in the title bar's switch list; still named for what she did.
    await page.bringToFront();
    expect(await ui.switchToOffers(page, ADMIN.name)).toEqual([]);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    const activity = await ui.caseTab(page, 'Activity');
    await expect.poll(() => activity.getByRole('listitem').filter({ hasText: ANA.name }).count()).toBeGreaterThan(0);

    await ui.goToProfiles(page, ADMIN.name);
    await ui.profileActivation(page, 'Reactivate', ANA.name).click();
    await expect.poll(() => ui.profileActivation(page, 'Deactivate', ANA.name).isVisible()).toBe(true);
    expect(await ui.profileRow(page, ANA.name).getByText('Deactivated', { exact: true }).count()).toBe(0);
    expect(await ui.switchToOffers(page, ADMIN.name)).toEqual([ANA.name]);
    await anaPage.bringToFront();
    await anaPage.reload();
    await ui.enterAs(anaPage, ANA.name);
    await expectCleanRun(app);
  });
});
