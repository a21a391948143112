// Issue 8, item 10: after every arrival the focus is somewhere a keyboard and a screen reader can
// use (the new screen's heading, or the first field of a record just created), never on <body>.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Karim Nasser', initials: 'KN', roles: ['analyst'] as 'analyst'[] };
const CASE_TITLE = 'Focus desk';

/** What has the focus: its tag and accessible-ish name (a heading's text, a field's label). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    return `${el.tagName.toLowerCase()}: ${(label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}`;
  });
}

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me } = await seedPeople(app, ANALYST);
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE, assignees: [me.id] });
  return { me, kase };
}

describe('focus on arrival', () => {
  it('first run: the name box has the focus, then the sample offer, then the first screen\'s heading', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await expect.poll(() => ui.welcome(page).isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe('input: Name');
    await ui.createFirstProfile(page, { name: 'Amira Haddad', initials: 'AH' });
    await expect.poll(() => ui.sampleOffer(page, 'Amira Haddad').isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe('button: Load the sample case');
    await ui.startEmptyDesk(page);
    await expect.poll(() => ui.pageHeading(page, 'Cases').isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe('h1: Cases');
    await expectCleanRun(app);
  });

  it('after choosing a profile, the sidebar, Ctrl+K and a new statement, the focus is on the heading or the first field', async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    const { page } = app;
    await app.open();
    await expect.poll(() => focused(page)).toBe('h1: Who is working?');
    await ui.chooseProfile(page, ANALYST.name);
    await expect.poll(() => ui.pageHeading(page, 'Cases').isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe('h1: Cases');

    await ui.goTo(page, 'Sources');
    await expect.poll(() => focused(page)).toBe('h1: Sources');

    // A page that loads its record first: the heading of the loaded page, not the placeholder's.
    await ui.runFromPalette(page, 'Focus', CASE_TITLE);
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe(`h1: ${CASE_TITLE}`);

    // A new statement is for typing: its first field.
    await ui.runFromPalette(page, 'New statement', 'New statement in this case');
    await expect.poll(() => ui.originalInput(page).isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe('textarea: Verbatim original');
    await page.keyboard.type('نص');
    expect(await ui.originalInput(page).inputValue()).toBe('نص');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
