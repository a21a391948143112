// Issue 12, item 4: captured text inside one of our sentences (a toast, a confirmation) is
// isolated, so an unterminated U+202E, or a stray U+2069 that would close the isolation early,
// cannot reverse the rest of the sentence; the link confirmation shows what an address hides
// (zero-width characters, a user name before an @); Inspect reveals zero-width characters.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, shot, useBrowser, type App } from './support';
import { PDI, RLO } from './hostile';
import * as ui from './ui';

const browser = useBrowser();

const ME = { name: 'Hana Desk', initials: 'HD', roles: ['admin', 'analyst', 'case_manager'] as ('admin' | 'analyst' | 'case_manager')[] };
/** An override left open: without isolation it reverses everything after it. */
const OPEN_RLO = `${RLO}Flood case`;
/** A stray PDI first: without balancing it closes our isolation, and the override after it leaks out. */
const STRAY_PDI = `Ops${PDI}${RLO}room`;
const TRAP_URL = 'https://trusted.example@evil.example/statement';
const HIDDEN_URL = 'https://example.org/\u200Bpost';
const ZERO_WIDTH_ORIGINAL = 'قال\u200Bالمتحدث\u200D \u00ADبيان\u2060 \uFEFFنص';

interface Seeded { rloCase: string; strayCase: string; trapStatement: string; hiddenStatement: string; zeroWidthStatement: string }

async function seed(a: Pick<App, 'invoke'>): Promise<Seeded> {
  const me = await a.invoke('profiles.create', { as: null, name: ME.name, initials: ME.initials, roles: ME.roles });
  const rlo = await a.invoke('cases.create', { as: me.id, title: OPEN_RLO });
  const stray = await a.invoke('cases.create', { as: me.id, title: STRAY_PDI });
  const trap = await a.invoke('statements.create', { as: me.id, originalText: 'نص', summary: 'Trap link', url: TRAP_URL });
  const hidden = await a.invoke('statements.create', { as: me.id, originalText: 'نص', summary: 'Hidden link', url: HIDDEN_URL });
  const zw = await a.invoke('statements.create', { as: me.id, originalText: ZERO_WIDTH_ORIGINAL, summary: 'Zero width' });
  return { rloCase: rlo.id, strayCase: stray.id, trapStatement: trap.id, hiddenStatement: hidden.id, zeroWidthStatement: zw.id };
}

/** The left edge of each character of `needle`, in the first text node under `scope` that holds it. */
async function lefts(scope: Locator, needle: string, from = 0): Promise<number[]> {
  return scope.evaluate((el, [n, start]) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = t.textContent!.indexOf(n, start);
      if (at < 0) continue;
      return [...n].map((_, i) => {
        const r = document.createRange();
        r.setStart(t, at + i);
        r.setEnd(t, at + i + 1);
        return r.getBoundingClientRect().left;
      });
    }
    throw new Error(`no text node holds ${n}`);
  }, [needle, from] as const);
}

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

/**
 * A left-to-right sentence around captured text reads in order: the words before it left to
 * right, the words after it left to right, and after it, not before.
 */
async function expectSentenceInOrder(scope: Locator, before: string, after: string): Promise<void> {
  const head = await lefts(scope, before);
  const text = (await scope.textContent()) ?? '';
  const tail = await lefts(scope, after, text.indexOf(before) + before.length);
  expect(increasing(head), `"${before}" drawn in order: ${head.join(', ')}`).toBe(true);
  expect(increasing(tail), `"${after}" drawn in order: ${tail.join(', ')}`).toBe(true);
  expect(tail[0]!, `"${after}" comes after "${before}"`).toBeGreaterThan(head[head.length - 1]!);
}

async function start(): Promise<{ app: App; page: Page; ids: Seeded }> {
  let ids: Seeded | null = null;
  const app = await openApp(browser(), { navigate: false, seed: async (a) => { ids = await seed(a); } });
  await app.open();
  await ui.chooseProfile(app.page, ME.name);
  return { app, page: app.page, ids: ids! };
}

describe('hostile titles inside sentences', () => {
  it('an unterminated RLO in a case title does not reverse the toast around it', async () => {
    const { app, page, ids } = await start();
    await ui.openAddress(page, `/cases/${ids.rloCase}`);
    await page.getByRole('button', { name: 'Close case' }).click();
    const toast = ui.toast(page, /is now closed\.$/);
    await expect.poll(() => toast.isVisible()).toBe(true);
    await expectSentenceInOrder(toast, '“', '” is now closed.');
    await shot(page, 'hostile-toast-rlo');
    await expectCleanRun(app);
  });

  it('a stray PDI in a title cannot end the isolation early: trash and restore toasts, the purge confirmation', async () => {
    const { app, page, ids } = await start();
    await ui.openAddress(page, `/cases/${ids.strayCase}`);
    await page.getByRole('main').getByRole('button', { name: 'Move to trash' }).click();
    const moved = ui.toast(page, /to the trash\.$/);
    await expect.poll(() => moved.isVisible()).toBe(true);
    await expectSentenceInOrder(moved, 'Moved “', '” to the trash.');
    await shot(page, 'hostile-toast-stray-pdi');

    await ui.goTo(page, 'Trash');
    const purge = page.getByRole('main').getByRole('button', { name: /^Delete .* for good$/ });
    await expect.poll(() => purge.isVisible()).toBe(true);
    await purge.click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete for good?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const body = dialog.getByText(/will be deleted and cannot be restored/);
    const open = await lefts(body, '“');
    const tail = await lefts(body, '” will be deleted');
    expect(increasing(tail)).toBe(true);
    expect(tail[0]!).toBeGreaterThan(open[0]!);
    await shot(page, 'hostile-purge-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('main').getByRole('button', { name: /^Restore / }).click();
    const restored = ui.toast(page, /^Restored “/);
    await expect.poll(() => restored.isVisible()).toBe(true);
    await expectSentenceInOrder(restored, 'Restored “', '”.');
    await expectCleanRun(app);
  });
});

describe('the link confirmation', () => {
  it('warns about a user name before the @ and names the real site, and offers no way to open it', async () => {
    const { app, page, ids } = await start();
    await ui.openAddress(page, ui.statementAddress(ids.trapStatement));
    await page.getByRole('main').getByRole('button', { name: `Open ${TRAP_URL} in the browser` }).click();
    const dialog = ui.openLinkDialog(page);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('This address is not what it seems: trusted.example before the @ is only a user name; the site it goes to is evil.example.');
    expect(await dialog.getByRole('button', { name: 'Open in browser' }).isDisabled()).toBe(true);
    await shot(page, 'hostile-link-userinfo');
    expect(app.harness.openExternalCalls).toEqual([]);
    await expectCleanRun(app);
  });

  it('shows the zero-width characters an address holds', async () => {
    const { app, page, ids } = await start();
    await ui.openAddress(page, ui.statementAddress(ids.hiddenStatement));
    await page.getByRole('main').getByRole('button', { name: /^Open https:\/\/example\.org\/.*post in the browser$/ }).click();
    const dialog = ui.openLinkDialog(page);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('https://example.org/⟨ZWSP⟩post');
    expect(text).toContain('The address holds 1 invisible (zero-width) character');
    expect(text).toContain('It goes to the site example.org.');
    expect(await dialog.getByRole('button', { name: 'Open in browser' }).isDisabled()).toBe(false);
    await shot(page, 'hostile-link-zero-width');
    await expectCleanRun(app);
  });
});

describe('Inspect', () => {
  it('counts zero-width characters and reveals them like direction controls', async () => {
    const { app, page, ids } = await start();
    await ui.openAddress(page, ui.statementAddress(ids.zeroWidthStatement));
    const original = ui.verbatimOriginal(page);
    await expect.poll(() => original.isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Contains 5 invisible (zero-width) characters. Turn on Inspect to see them.').isVisible()).toBe(true);
    await ui.inspectButton(page).click();
    await expect.poll(() => original.textContent()).toBe('قال⟨ZWSP⟩المتحدث⟨ZWJ⟩ ⟨SHY⟩بيان⟨WJ⟩ ⟨ZWNBSP⟩نص');
    await shot(page, 'hostile-inspect-zero-width');
    await expectCleanRun(app);
  });
});
