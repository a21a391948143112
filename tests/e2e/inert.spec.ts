// Captured text is data, never markup: hostile originals reach the Core through the harness's
// HTTP door unchanged, and wherever the UI shows them they stay text. The page's CSP alone
// would already stop the inline handlers, so "no script ran" is not enough: the spec also
// checks that no element was created from the text, no CSP violation was reported (a
// violation means markup was injected and only the CSP saved us) and no request was made.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HOSTILE, HOSTILE_ORIGINAL, LRI, PDF, PDI, RLO } from './hostile';
import { cspViolations, expectNoForeignRequests, expectOnlyAppRequests, openApp, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const PROFILE_NAME = `Eve ${HOSTILE.img} ${RLO}live${PDF}`;
const CASE_TITLE = `Case ${HOSTILE.script} ${HOSTILE.mdLink}`;
const STATEMENT_SUMMARY = `Summary with ${HOSTILE.img} and ${HOSTILE.mdLink}`;
const HANDLE = `${LRI}@${RLO}dlrow${PDF}${PDI}`;
const SAFE_LINK = 'https://example.org/post/1';
const NOTE_BODY = `# Field note\n\n${HOSTILE_ORIGINAL}\n\n[the post](${SAFE_LINK}) and [bad](javascript:window.__pwned=7)`;

async function seedHostile(app: Pick<App, 'invoke'>) {
  const admin = await app.invoke('profiles.create', {
    as: null, name: PROFILE_NAME, initials: 'EV', roles: ['admin', 'analyst', 'case_manager'],
  });
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE, summary: HOSTILE_ORIGINAL, marking: 'internal' });
  const statement = await app.invoke('statements.create', {
    as: admin.id,
    caseIds: [kase.id],
    language: 'ar',
    originalText: HOSTILE_ORIGINAL,
    summary: STATEMENT_SUMMARY,
    handle: HANDLE,
    url: 'javascript:window.__pwned=9',
  });
  const note = await app.invoke('notes.create', { as: admin.id, targetType: 'case', targetId: kase.id, body: NOTE_BODY });
  return { admin, kase, statement, note };
}

/** Nothing in the page came from the text: no script ran, no element, no violation, no request. */
async function expectInert(page: Page, app: App) {
  await page.waitForTimeout(250); // a would-be onerror or remote image gets its chance to fire
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    embeds: document.querySelectorAll('img, svg[onload], iframe, object, embed, video, audio').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
      .filter((el) => [...el.attributes].some((a) => /^\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'formaction'].includes(a.name))).length,
    // The harness shim and the app's module: nothing else may be a script.
    scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? `inline:${s.textContent?.slice(0, 40)}`),
  }));
  expect(state.pwned).toBeUndefined();
  expect(state.embeds).toBe(0);
  expect(state.handlers).toBe(0);
  expect(state.jsLinks).toBe(0);
  expect(state.scripts).toHaveLength(2);
  expect(state.scripts.every((s) => s.startsWith('/__harness/shim.js') || /\/assets\/[^/]+\.js$/.test(s))).toBe(true);
  expect(await cspViolations(page)).toEqual([]);
  expectNoForeignRequests(app);
  expectOnlyAppRequests(app);
}

describe('captured text renders inert', () => {
  it('the harness carries hostile text to the Core and back unchanged (bidi controls included)', async () => {
    const app = await openApp(browser(), { navigate: false });
    const { admin, kase, statement, note } = await seedHostile(app);
    const back = await app.invoke('statements.get', { as: admin.id, id: statement.id });
    expect(back.originalText).toBe(HOSTILE_ORIGINAL);
    expect(back.originalText).toContain(RLO);
    expect(back.handle).toBe(HANDLE);
    const listed = await app.invoke('statements.list', { as: admin.id, caseId: kase.id });
    expect(listed.items.map((s) => s.originalText)).toEqual([HOSTILE_ORIGINAL]);
    const kaseBack = await app.invoke('cases.get', { as: admin.id, id: kase.id });
    expect([kaseBack.title, kaseBack.summary]).toEqual([CASE_TITLE, HOSTILE_ORIGINAL]);
    expect((await app.invoke('notes.get', { as: admin.id, id: note.id })).body).toBe(NOTE_BODY);
  });

  it('profile names, case titles and summaries show as text: picker, title bar, case list, case page', async () => {
    const app = await openApp(browser(), { navigate: false, seed: seedHostile });
    await app.open();
    const { page } = app;

    const choice = ui.profileChoice(page, 'Eve');
    await expect.poll(() => choice.isVisible()).toBe(true);
    expect(await choice.textContent()).toContain(HOSTILE.img);
    await expectInert(page, app);

    await choice.click();
    await expect.poll(() => ui.actingAs(page, PROFILE_NAME).isVisible()).toBe(true);
    await ui.goToCases(page);
    const row = ui.caseInList(page, CASE_TITLE);
    await expect.poll(() => row.isVisible()).toBe(true);
    await expectInert(page, app);

    await ui.openCase(page, CASE_TITLE);
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    // Summary is in an editable box on the overview: its value is the text, as typed.
    expect(await page.getByRole('main').getByRole('textbox', { name: 'Summary', exact: true }).inputValue()).toBe(HOSTILE_ORIGINAL);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('ltr');
    await expectInert(page, app);
    await shot(page, 'inert-case-page');
  });

  it('the statement page shows the hostile original verbatim and inert; Inspect makes the bidi controls visible', async () => {
    const app = await openApp(browser(), { navigate: false, seed: seedHostile });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, 'Eve');
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.caseTab(page, 'Statements');
    const link = ui.statementsGrid(page).getByRole('link', { name: STATEMENT_SUMMARY, exact: true });
    await expect.poll(() => link.isVisible()).toBe(true);
    await expectInert(page, app);
    await link.click();

    const original = ui.verbatimOriginal(page);
    await expect.poll(() => original.isVisible()).toBe(true);
    // Verbatim: every character (the overrides too) is in the text, nothing became markup.
    const shown = await original.evaluate((el) => el.textContent ?? '');
    expect(shown.replace(/\n/g, '')).toBe(HOSTILE_ORIGINAL.replace(/\n/g, ''));
    // In its own direction: a dir="auto" container around the text, and each line isolated.
    expect(await original.evaluate((el) => !!(el.closest('[dir=auto]') ?? el.querySelector('[dir=auto]')))).toBe(true);
    await expect.poll(() => page.getByText(/Contains \d+ hidden direction characters?/).isVisible()).toBe(true);
    // The URL field keeps javascript: as text; nothing links to it.
    expect(await page.getByRole('main').getByRole('textbox', { name: 'URL', exact: true }).inputValue()).toBe('javascript:window.__pwned=9');
    await expectInert(page, app);
    await shot(page, 'inert-statement');

    await ui.inspectButton(page).click();
    await expect.poll(() => original.evaluate((el, rlo) => (el.textContent ?? '').includes(rlo), RLO)).toBe(false);
    const controls = HOSTILE_ORIGINAL.match(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g)!.length;
    expect(await original.evaluate((el) => (el.textContent ?? '').split('⟨').length - 1)).toBe(controls);
    await expectInert(page, app);
    await shot(page, 'inert-statement-inspect');
  });

  it('markdown in notes: links show their target and open only after confirmation, through openExternal; javascript: links are text', async () => {
    const app = await openApp(browser(), { navigate: false, seed: seedHostile });
    await app.open();
    const { page, harness } = app;
    await ui.chooseProfile(page, 'Eve');
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    const notes = await ui.caseTab(page, 'Notes');
    const link = notes.getByRole('link', { name: `the post (${SAFE_LINK})` });
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await notes.getByRole('link', { name: /bad|javascript/ }).count()).toBe(0);
    expect(await notes.textContent()).toContain('[bad](javascript:window.__pwned=7)');
    await expectInert(page, app);
    await shot(page, 'inert-notes');

    const before = page.url();
    await link.click();
    const dialog = ui.openLinkDialog(page);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(SAFE_LINK);
    expect(harness.openExternalCalls).toEqual([]); // nothing is opened before the user confirms
    await shot(page, 'inert-notes-open-link');
    await dialog.getByRole('button', { name: 'Open in browser' }).click();
    await expect.poll(() => harness.openExternalCalls.map((c) => c.url)).toEqual([SAFE_LINK]);
    expect(page.url()).toBe(before);
    expect(app.context.pages()).toHaveLength(1);
    await expectInert(page, app);
  });

  it('control: the checks above do catch markup injected into the page (the CSP alone would hide it)', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await expect.poll(() => ui.welcome(page).isVisible()).toBe(true);
    // What a renderer bug (innerHTML of captured text) would do.
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    }, HOSTILE_ORIGINAL);
    await expect.poll(async () => (await cspViolations(page)).length).toBeGreaterThan(0);
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      imgs: document.querySelectorAll('img').length,
    }));
    expect(state.pwned).toBeUndefined(); // the CSP stopped the handler: that is why pwned alone proves nothing
    expect(state.imgs).toBeGreaterThan(0);
    await expect.poll(() => app.requests.some((r) => new URL(r.url).pathname === '/x')).toBe(true);
    expect(() => expectOnlyAppRequests(app)).toThrow();
    // The remote images were refused by the CSP before any request: the guard saw nothing leave.
    expect(app.foreign).toEqual([]);
  });
});
