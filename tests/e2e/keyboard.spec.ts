// Keyboard only: pick the profile, go to the case with Ctrl+K, create a statement with the
// palette's "New statement", type its original and summary, save with Ctrl+S. No pointer
// event reaches the page, and every focused control shows where the focus is.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Karim Nasser', initials: 'KN', roles: ['analyst'] as 'analyst'[] };
const CASE_TITLE = 'Keyboard desk';
const ORIGINAL = 'نحذر من أي تصعيد جديد. @C_MilitaryMedia';
const SUMMARY = 'Warning against escalation';

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me } = await seedPeople(app, ANALYST);
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE, assignees: [me.id] });
  return { me, kase };
}

/** The focused control draws a visible ring (outline or box-shadow); returns what it found. */
async function expectFocusRing(page: Page, what: string) {
  const ring = await ui.focusRing(page);
  expect(ring, `${what}: something has the focus`).not.toBeNull();
  expect(ring!.outline !== 'none' || ring!.boxShadow !== 'none', `${what}: focus ring on <${ring!.tag}> "${ring!.name}" (outline ${ring!.outline}, box-shadow ${ring!.boxShadow})`).toBe(true);
  return ring!;
}

describe('keyboard only', () => {
  it('creates a statement in a case without the mouse; focus is visible on every stop', async () => {
    let seeded!: Awaited<ReturnType<typeof seed>>;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { seeded = await seed(a); } });
    const { me, kase } = seeded;
    const { page } = app;
    // Counts every pointer event the page sees: there must be none.
    await app.context.addInitScript({ content: `(() => { window.__pointer = 0; for (const t of ['pointerdown', 'mousedown', 'wheel']) addEventListener(t, () => { window.__pointer++; }, true); })();` });
    await app.open();

    // Who is working: Tab to the profile, Enter.
    await ui.tabTo(page, ui.profileChoice(page, ANALYST.name));
    await expectFocusRing(page, 'profile choice');
    await page.keyboard.press('Enter');
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);

    // Ctrl+K, the case by name, Enter.
    await ui.runFromPalette(page, 'Keyboard', CASE_TITLE);
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await expect.poll(() => new URL(page.url()).hash).toContain(kase.id);

    // Ctrl+K, "New statement" (in this case), Enter: the editor opens on the new statement.
    await ui.runFromPalette(page, 'New statement', 'New statement in this case');
    const box = ui.originalInput(page);
    await expect.poll(() => box.isVisible()).toBe(true);
    await shot(page, 'keyboard-palette-new-statement-opened');

    // Tab into the original, type it, Tab on to the summary (leaving the box captures it).
    await ui.tabTo(page, box);
    await expectFocusRing(page, 'verbatim original');
    await page.keyboard.type(ORIGINAL);
    await page.keyboard.press('Tab');
    await ui.tabTo(page, ui.statementSummary(page));
    await expectFocusRing(page, 'summary');
    await page.keyboard.type(SUMMARY);
    await page.keyboard.press('Control+s');
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');

    // Buttons show the ring too (keyboard focus, :focus-visible).
    await ui.tabTo(page, ui.inspectButton(page), { back: true });
    await expectFocusRing(page, 'Inspect button');
    await shot(page, 'keyboard-statement-focus');

    // What the Core holds.
    const list = await app.invoke('statements.list', { as: me.id, caseId: kase.id });
    expect(list.items.map((s) => [s.originalText, s.summary])).toEqual([[ORIGINAL, SUMMARY]]);
    expect(list.items[0]!.createdBy).toBe(me.id);
    await expect.poll(() => ui.verbatimOriginal(page).isVisible()).toBe(true);

    expect(await page.evaluate(() => (window as unknown as { __pointer: number }).__pointer)).toBe(0);
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
