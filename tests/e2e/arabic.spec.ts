// The interface in Arabic, end to end: chosen in Settings (reached from the sidebar), applied at
// once without a reload, the document mirrored (dir="rtl", lang="ar", the sidebar on the right),
// words, plurals and dates in Arabic, captured English text still left to right inside the Arabic
// screens, the choice kept across a reload, then the theme pinned to dark and given back to the
// system. Screenshots of the main screens in Arabic, light and dark.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectCleanRun, openApp, paragraphLayout, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Dana Analyst', initials: 'DA' };
const CASE_TITLE = 'Iraqi resistance statements, November 2023';
const ORIGINAL = 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا. ما هو آت عظيم، طوبى للمجاهدين الأبطال!';
const SUMMARY = 'Nujaba: the resistance has decided to liberate Iraq';
const SECOND_SUMMARY = 'Kataib Hezbollah on the truce';
const TRANSLATION = 'The Islamic resistance in Iraq has decided to liberate Iraq militarily.';

/** Where an element is drawn and in which direction it resolved (`:dir()` sees through dir="auto"). */
async function resolvedDir(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((el) => (el.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
}

describe('the interface in Arabic', () => {
  it('is chosen in Settings, mirrors the layout, speaks Arabic with its plurals and dates, keeps captured English left to right, and the theme follows', async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const me = await a.invoke('profiles.create', { as: null, ...ANALYST, roles: ['admin', 'analyst', 'case_manager', 'reviewer'] });
        const kase = await a.invoke('cases.create', { as: me.id, title: CASE_TITLE, summary: 'Statements of the Islamic Resistance in Iraq.' });
        const s = await a.invoke('statements.create', {
          as: me.id, caseIds: [kase.id], originalText: ORIGINAL, language: 'ar', summary: SUMMARY, saidAt: '2023-11-05', datePrecision: 'day',
        });
        statementId = s.id;
        await a.invoke('statements.create', { as: me.id, caseIds: [kase.id], summary: SECOND_SUMMARY, publishedWording: 'No truce.', publishedWordingLanguage: 'en', saidAt: '2024-03-11', datePrecision: 'day' });
        const tr = await a.invoke('translations.start', { as: me.id, statementId: s.id, targetLang: 'en' });
        await a.invoke('translations.edit', { as: me.id, id: tr.translation.id, rev: tr.translation.rev, segments: [{ id: tr.latest.segments[0]!.id, target: TRANSLATION }] });
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);

    // --- Settings, from the sidebar: the language applies at once, no reload ----------------------------
    await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => ui.pageHeading(page, 'Settings').isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'العربية' }).check();
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(() => ui.pageHeading(page, 'الإعدادات').isVisible()).toBe(true);
    expect(await page.getByRole('radio', { name: 'العربية' }).isChecked()).toBe(true);

    // The sidebar sits on the right of the content now, the navigation in Arabic.
    const nav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
    const [side, main] = [await nav.boundingBox(), await page.locator('main#main').boundingBox()];
    expect(side!.x).toBeGreaterThanOrEqual(main!.x + main!.width - 1);
    for (const word of ['القضايا', 'المصادر', 'التقارير', 'البحث', 'الإعدادات']) expect(await nav.getByRole('link', { name: word }).isVisible()).toBe(true);

    // --- the case page: an Arabic plural, Arabic dates, the English title still left to right ----------
    await nav.getByRole('link', { name: 'القضايا' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'قضية واحدة' }).isVisible()).toBe(true);
    await page.getByRole('grid', { name: 'القضايا' }).getByRole('link', { name: CASE_TITLE }).click();
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'التصريحات' }).click();
    // Two statements: Arabic says the dual, "تصريحان", not a number and a plural.
    await expect.poll(() => page.getByRole('toolbar', { name: 'التصريحات' }).getByRole('status').textContent()).toBe('تصريحان');
    const grid = page.getByRole('grid', { name: 'التصريحات' });
    expect(await grid.getByRole('columnheader', { name: 'المتحدث' }).isVisible()).toBe(true);
    // The dates in the locale's own words and digits (Intl's, never hand-made): "١١ مارس ٢٠٢٤" or "11 مارس 2024".
    const march = await page.evaluate(() => new Intl.DateTimeFormat('ar-u-ca-gregory', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 2, 11))));
    expect(march).toContain('مارس');
    await expect.poll(() => grid.getByRole('gridcell', { name: march }).isVisible()).toBe(true);
    // Captured English in the Arabic interface: the case title and the summaries read left to right.
    expect(await resolvedDir(page, 'main .page-title bdi')).toBe('ltr');
    expect(await grid.getByRole('link', { name: SECOND_SUMMARY }).locator('bdi').evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
    await shot(page, 'arabic-ui-case');

    // --- the statement page: the Arabic original right to left, the English summary left to right ------
    await ui.openAddress(page, ui.statementAddress(statementId));
    await expect.poll(() => page.getByRole('heading', { name: 'الترجمة' }).isVisible()).toBe(true);
    const original = page.getByRole('group', { name: 'النص الأصلي الحرفي' });
    expect((await paragraphLayout(original, 'قررت المقاومة')).direction).toBe('rtl');
    const summary = page.getByRole('textbox', { name: 'الملخص' });
    expect(await summary.inputValue()).toBe(SUMMARY);
    expect(await summary.evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
    expect(await page.getByRole('button', { name: 'فحص' }).isVisible()).toBe(true);
    await shot(page, 'arabic-ui-statement');

    // --- the translation editor: the English translation left to right beside the Arabic original -------
    const pane = page.getByRole('region', { name: 'الترجمة', exact: true });
    await pane.scrollIntoViewIfNeeded();
    const target = page.getByRole('textbox', { name: 'ترجمة المقطع 1' });
    expect(await target.inputValue()).toBe(TRANSLATION);
    expect(await target.evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
    // An Arabic plural with a number: one of two segments still needs a translation.
    expect(await pane.getByText(/^مقطع واحد من/).textContent()).toMatch(/^مقطع واحد من (2|٢) لا يزال بحاجة إلى ترجمة\.$/);
    await target.focus();
    await shot(page, 'arabic-ui-translation');

    // --- search: results and the query language in Arabic, the query as typed -----------------------------
    await nav.getByRole('link', { name: 'البحث' }).click();
    await page.getByRole('searchbox').fill('Nujaba');
    await page.getByRole('searchbox').press('Enter');
    await expect.poll(() => page.getByRole('list', { name: 'النتائج' }).getByRole('listitem').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('searchbox').inputValue()).toBe('Nujaba');
    await shot(page, 'arabic-ui-search');

    // --- kept for the next start; the palette reaches Settings too ----------------------------------------
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('navigation', { name: 'التنقل الرئيسي' }).isVisible()).toBe(true);
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'انتقال أو تنفيذ' }).getByRole('combobox', { name: 'اكتب اسمًا أو أمرًا' }).fill('الإعدادات');
    await page.keyboard.press('Enter');
    await expect.poll(() => ui.pageHeading(page, 'الإعدادات').isVisible()).toBe(true);

    // --- the theme: pinned dark whatever the system says, then back to the system ---------------------------
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
    const light = await background();
    await page.getByRole('radio', { name: 'داكن' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(background).not.toBe(light);
    await page.getByRole('radio', { name: 'مثل النظام' }).check();
    await expect.poll(background).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).not.toBe(light);
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'arabic-ui-settings');

    // --- and back to English, with the same keys --------------------------------------------------------------
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await expect.poll(() => ui.pageHeading(page, 'Settings').isVisible()).toBe(true);
    await expectCleanRun(app);
  });
});
