// The shell in a real browser: first run, a profile, the case list, the sample case; and the
// network guard (the app asks nothing of any origin but the harness, for the whole file).
import { describe, expect, it } from 'vitest';
import { expectNoForeignRequests, expectOnlyAppRequests, openApp, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Dana Haddad', initials: 'DH' };
// Arabic with Eastern Arabic digits and a Latin acronym: bidi must stay readable.
const CASE_TITLE = 'بيانات القيادة العامة ١٤٤٥ — ISW';
const CASE_SUMMARY = 'Statements attributed to the general command; الأصل بالعربية.';

describe('shell', () => {
  it('first run: create a profile, start an empty desk, create a case, and the case list shows it', async () => {
    const app = await openApp(browser());
    const { page } = app;

    await expect.poll(() => ui.welcome(page).isVisible()).toBe(true);
    expect(await app.invoke('profiles.list', {})).toEqual([]);
    await shot(page, 'shell-first-run');

    await ui.createFirstProfile(page, { ...ANALYST, roles: ['analyst', 'case_manager'] });
    await expect.poll(() => ui.sampleOffer(page, ANALYST.name).isVisible()).toBe(true);
    const profiles = await app.invoke('profiles.list', {});
    expect(profiles.map((p) => [p.name, p.initials])).toEqual([[ANALYST.name, ANALYST.initials]]);
    // The first profile on a desk is its administrator as well.
    expect([...profiles[0]!.roles].sort()).toEqual(['admin', 'analyst', 'case_manager']);
    const me = profiles[0]!;

    await ui.startEmptyDesk(page);
    await expect.poll(() => ui.pageHeading(page, 'Cases').isVisible()).toBe(true);
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);

    await ui.createCase(page, { title: CASE_TITLE, summary: CASE_SUMMARY });
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await shot(page, 'shell-case-page');

    await ui.goToCases(page);
    const row = ui.caseInList(page, CASE_TITLE);
    await expect.poll(() => row.isVisible()).toBe(true);
    await shot(page, 'shell-case-list');

    // What the page shows is what the Core stored, and the audit names who did it.
    const cases = await app.invoke('cases.list', { as: me.id });
    expect(cases.items.map((c) => [c.title, c.summary])).toEqual([[CASE_TITLE, CASE_SUMMARY]]);
    const audit = await app.invoke('audit.list', { as: me.id, recordId: cases.items[0]!.id });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.actorId === me.id)).toBe(true);

    expectOnlyAppRequests(app);
    expect(app.consoleErrors).toEqual([]);
  });

  it('first run: the sample case loads and opens', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await ui.createFirstProfile(page, { name: 'سارة العلي', initials: 'SA' });
    await expect.poll(() => ui.sampleOffer(page, 'سارة العلي').isVisible()).toBe(true);
    await ui.loadSampleCase(page);

    const [me] = await app.invoke('profiles.list', {});
    await expect.poll(async () => (await app.invoke('cases.list', { as: me!.id })).total, { timeout: 15_000 }).toBe(1);
    const sample = (await app.invoke('cases.list', { as: me!.id })).items[0]!;
    await expect.poll(() => ui.pageHeading(page, sample.title).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).hash).toContain(sample.id);

    const statements = await ui.caseTab(page, 'Statements');
    await expect.poll(() => ui.statementsGrid(page).getByRole('row').count()).toBeGreaterThan(1);
    expect(await statements.isVisible()).toBe(true);
    await shot(page, 'shell-sample-case-statements');
    expect(app.consoleErrors).toEqual([]);
  });

  it('profiles made elsewhere (CLI, another window) are offered; switching profile goes back to the choice', async () => {
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Admin', initials: 'AD', roles: ['admin'] });
        await a.invoke('profiles.create', { as: admin.id, name: 'سارة العلي', initials: 'SA', roles: ['analyst'] });
      },
    });
    await app.open();
    const { page } = app;
    await expect.poll(() => ui.profileChoice(page, 'سارة العلي').isVisible()).toBe(true);
    await shot(page, 'shell-profile-choice-arabic');
    await ui.chooseProfile(page, 'سارة العلي');
    await expect.poll(() => ui.actingAs(page, 'سارة العلي').isVisible()).toBe(true);
    await ui.switchProfile(page, 'سارة العلي');
    await expect.poll(() => ui.profileChoice(page, 'Admin').isVisible()).toBe(true);
    expectOnlyAppRequests(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
