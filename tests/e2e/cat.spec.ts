// The translator's tools end to end (issue 14): a reviewer keeps the glossary on its page; an
// analyst translates with the keyboard alone (copy the original, confirm and move on, move
// back), sees the glossary term marked in the Arabic with its rendering, exports the XLIFF,
// brings back a file another tool stripped of `original` and Casefile's extension attributes,
// overrides a QA finding with a reason and submits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, shot, textLayout, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Jonas Berg', initials: 'JB', roles: ['analyst'] as 'analyst'[] };
const REVIEWER = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const ORIGINAL = 'أعلن الحشد الشعبي مقتل ١٧ مقاتلا. لا توقف ولا هدنة ولا تراجع!';
const SOURCES = ['أعلن الحشد الشعبي مقتل ١٧ مقاتلا.', 'لا توقف ولا هدنة ولا تراجع!'];
const FIRST = 'The Popular Mobilization Forces announced that seventeen fighters were killed.';
const SECOND = 'No stopping, no truce, no retreat!';
const SECOND_FROM_TOOL = 'No stopping, no truce and no retreat!';
const REASON = 'House style spells out numbers under twenty.';

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('id') ?? '');

describe('translator tools', () => {
  it('glossary page, keyboard flow, glossary marks, XLIFF out and back from a stripped file, QA override, submit', async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      acceptDownloads: true,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
        await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
        const st = await a.invoke('statements.create', { as: me.id, summary: 'PMF casualty statement', originalText: ORIGINAL, language: 'ar' });
        statementId = st.id;
        await a.invoke('translations.start', { as: me.id, statementId: st.id, targetLang: 'en' });
      },
    });
    await app.open();
    const { page } = app;

    // --- the reviewer keeps the glossary ---------------------------------------------------------------
    await ui.chooseProfile(page, REVIEWER.name);
    await expect.poll(() => ui.actingAs(page, REVIEWER.name).isVisible()).toBe(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Glossary', exact: true }).click();
    await page.getByRole('button', { name: 'Add a term' }).click();
    const form = page.getByRole('form', { name: 'Add a term' });
    await form.getByRole('textbox', { name: 'Source term' }).fill('الحشد الشعبي');
    await form.getByRole('textbox', { name: 'Approved renderings (one per line, preferred first)' }).fill('Popular Mobilization Forces\nPMF');
    await form.getByRole('textbox', { name: 'Forbidden renderings (one per line)' }).fill('Popular Crowd');
    await form.getByRole('textbox', { name: 'Notes for translators' }).fill('Iraq’s state-sanctioned umbrella of armed groups');
    await form.getByRole('button', { name: 'Save' }).click();
    const term = page.getByRole('rowheader', { name: 'الحشد الشعبي' });
    await expect.poll(() => term.isVisible()).toBe(true);
    // The Arabic term reads right to left in its own cell.
    expect(new Set((await textLayout(term)).directions)).toEqual(new Set(['rtl']));
    await shot(page, 'glossary');

    // --- the analyst translates with the keyboard --------------------------------------------------------
    await ui.switchProfile(page, REVIEWER.name);
    await ui.chooseProfile(page, ANALYST.name);
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);
    await ui.openAddress(page, ui.statementAddress(statementId));
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);
    const first = ui.segmentTarget(page, 1);
    const second = ui.segmentTarget(page, 2);
    await first.focus();
    await page.keyboard.press('Control+Shift+S');
    expect(await first.inputValue()).toBe(SOURCES[0]);
    await first.fill(FIRST);
    await page.keyboard.press('Control+Enter');
    expect(await focusedName(page)).toBe(await second.getAttribute('id'));
    await page.keyboard.type(SECOND);
    await page.keyboard.press('Control+ArrowUp');
    expect(await focusedName(page)).toBe(await first.getAttribute('id'));
    await page.keyboard.press('Control+ArrowDown');
    expect(await focusedName(page)).toBe(await second.getAttribute('id'));
    await expect.poll(() => ui.segmentsSaveState(page).textContent(), { timeout: 10_000 }).toBe('Segments saved');

    // The glossary term is marked in the Arabic, with its approved rendering beside it.
    const terms = page.getByRole('list', { name: 'Glossary terms in segment 1' });
    await expect.poll(() => terms.textContent()).toContain('الحشد الشعبي → Popular Mobilization Forces');
    expect(await ui.segmentSource(page, 1).locator('.tr-source-terms mark').textContent()).toBe('الحشد الشعبي');
    expect(new Set((await textLayout(ui.segmentSource(page, 1).locator('.tr-source-terms'))).directions)).toEqual(new Set(['rtl']));
    await first.focus();
    await shot(page, 'cat-editor');

    // --- XLIFF out, and back from a tool that dropped `original` and the extension namespace --------------
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Export XLIFF…' }).click(),
    ]) as [Download, void];
    const xml = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe(`statement-${statementId}.en.xlf`);
    expect(xml).toContain(`<target>${SECOND}</target>`);
    const stripped = xml
      .replace(/ xmlns:cf="[^"]*"/, '').replace(/ original="[^"]*"/, '').replace(/ canResegment="[^"]*"/, '')
      .replace(/ cf:[a-z]+="[^"]*"/g, '').replace(/ xml:space="preserve"/g, '').replace(/ state="[^"]*"/g, '')
      .replace(`<target>${SECOND}</target>`, `<target>${SECOND_FROM_TOOL}</target>`);
    expect(stripped).not.toMatch(/original=|cf:/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-xlf-')), 'from-tool.xlf');
    fs.writeFileSync(file, stripped);
    await page.getByLabel('XLIFF file to import').setInputFiles(file);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Imported:/ }).textContent(), { timeout: 15_000 })
      .toBe('Imported: 1 new draft revision. Check and submit for review.');
    await expect.poll(() => second.inputValue()).toBe(SECOND_FROM_TOOL);

    // --- QA: the number is written out; overridden with a reason, then submitted ---------------------------
    const qa = page.getByRole('region', { name: 'QA checks' });
    await expect.poll(() => qa.textContent()).toContain('the number 17 of the original is missing from the translation');
    await ui.submitForReview(page);
    await expect.poll(() => page.getByText(/^Not submitted: 1 QA finding/).isVisible()).toBe(true);
    await qa.getByRole('button', { name: /^Override on segment 1: the number 17/ }).click();
    await qa.getByRole('textbox', { name: 'Reason' }).fill(REASON);
    await qa.getByRole('button', { name: 'Let it stand' }).click();
    await expect.poll(() => qa.textContent()).toContain(`Overridden: ${REASON}`);
    await qa.scrollIntoViewIfNeeded();
    await shot(page, 'qa-panel');
    await ui.submitForReview(page);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'In review').isVisible()).toBe(true);

    // The override is in the audit trail with its reason.
    const audit = await app.invoke('audit.list', { as: (await app.invoke('profiles.list', {})).find((p) => p.name === ANALYST.name)!.id, limit: 50 });
    expect(JSON.stringify(audit)).toContain(REASON);
    await expectCleanRun(app);
  });
});
