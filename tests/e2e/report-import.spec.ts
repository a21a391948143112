// Importing a published report (the sample page) into a case through the preview dialog: the
// preview shows what would be created and writes nothing (Cancel leaves the desk as it was);
// Import writes the report, the statement with its published wording, a source per footnote,
// only the actors ticked and the dropped lines kept; the imported draft exports with the
// sample's footnote numbering.
import fs from 'node:fs';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const SAMPLE = path.resolve(__dirname, '..', 'fixtures', 'report', 'jttm-2023-11-01-al-nujaba.txt');
const LINES = fs.readFileSync(SAMPLE, 'utf8').split('\n');
const HEADLINE = LINES[0]!;
const CASE = 'Iraqi militias, November 2023';
const ANALYST = { name: 'Jonas Berg', initials: 'JB', roles: ['analyst'] as 'analyst'[] };

describe('reports: import a published report through the preview', () => {
  it('previews the sample without writing, then imports it with the chosen actors and kept lines', async () => {
    let as = '';
    let caseId = '';
    const app = await openApp(browser(), {
      navigate: false,
      acceptDownloads: true,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        as = (await a.invoke('profiles.create', { as: admin.id, ...ANALYST })).id;
        caseId = (await a.invoke('cases.create', { as: admin.id, title: CASE, marking: 'subscribers' })).id;
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);
    await ui.goToCases(page);
    await ui.openCase(page, CASE);
    const panel = await ui.caseTab(page, 'Reports');
    const importButton = panel.getByRole('button', { name: 'Import a published report…', exact: true });

    // --- the preview, then Cancel: nothing written ------------------------------------------------
    app.harness.queueFileDialog(SAMPLE);
    await importButton.click();
    const dialog = ui.importDialog(page);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Keyboard first: the dialog holds the focus, opened at its top (the report comes first).
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    expect(await dialog.evaluate((el) => el.closest('.modal')?.scrollTop ?? el.scrollTop)).toBe(0);
    expect(await dialog.textContent()).toContain('Nothing is written until you press Import. Read from jttm-2023-11-01-al-nujaba.txt');
    expect(await dialog.getByRole('definition').getByText(HEADLINE, { exact: true }).isVisible()).toBe(true);
    const sources = dialog.getByRole('list', { name: 'Sources to create' }).getByRole('listitem');
    expect(await sources.count()).toBe(4);
    expect(await sources.allTextContents()).toEqual([
      expect.stringMatching(/^\[1\] Akram Al-Kaabi, post on X, November 1, 2023 /), expect.stringMatching(/^\[2\] /), expect.stringMatching(/^\[3\] /),
      expect.stringMatching(/^The report itself /),
    ]);
    // The sample has no footnote list: what was guessed from the citing sentence is said.
    expect(await sources.first().textContent()).toContain('Guessed from the sentence citing it (no footnote list)');
    expect(await dialog.getByRole('blockquote', { name: 'Published wording' }).textContent()).toContain('It was not you [believers] who killed them');
    // No actors on this desk yet: each would be new, and is created only if ticked.
    const createKaabi = dialog.getByRole('checkbox', { name: /^Create Akram Al-Kaabi \(Person\)/ });
    const createNujaba = dialog.getByRole('checkbox', { name: /^Create Al-Nujaba Movement \(Organization\)/ });
    expect(await createKaabi.isChecked()).toBe(false);
    expect(await createNujaba.isChecked()).toBe(false);
    const dropped = dialog.getByRole('list', { name: 'Lines left out' }).getByRole('listitem');
    expect(await dropped.count()).toBe(8);
    expect(await dropped.filter({ hasText: 'The full text of this post is available to subscribers.' }).count()).toBe(1);
    await shot(page, 'report-import-preview');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await app.invoke('reports.list', { as, caseId })).total).toBe(0);
    expect((await app.invoke('sources.list', { as })).total).toBe(0);
    expect((await app.invoke('actors.list', { as })).total).toBe(0);

    // --- again, with one new actor and one kept line: Import ------------------------------------------
    app.harness.queueFileDialog(SAMPLE);
    await importButton.click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await createKaabi.check();
    await dialog.getByRole('checkbox', { name: 'Keep “The Cyber & Jihad Lab”', exact: true }).check();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => ui.pageHeading(page, HEADLINE).isVisible()).toBe(true);
    expect(await ui.toastText(page)).toMatch(/^Imported “.*”: a draft report, a statement with its published wording, 4 sources, 1 new actor\./);

    const preview = ui.reportPreview(page);
    await expect.poll(() => ui.previewFootnotes(page).count()).toBe(3);
    expect(await preview.textContent()).toContain('The Cyber & Jihad Lab');
    expect(await preview.textContent()).toContain('It was not you [believers] who killed them');

    const reports = await app.invoke('reports.list', { as, caseId });
    expect(reports.items.map((r) => r.headline)).toEqual([HEADLINE]);
    const actors = await app.invoke('actors.list', { as });
    expect(actors.items.map((a) => a.name)).toEqual(['Akram Al-Kaabi']);
    expect((await app.invoke('sources.list', { as })).total).toBe(4);

    // --- the imported draft exports with the sample's numbering ------------------------------------------
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), ui.exportAs(page, 'Markdown (.md)')]) as [Download, void];
    const md = fs.readFileSync(await download.path(), 'utf8');
    expect(md).toContain(`# ${HEADLINE}`);
    expect(md).toContain('published[^1] an official statement');
    expect(md).toContain('prosecute its supporters.[^2]');
    expect(md).toContain('Israel.[^3]');
    expect(md.match(/^\[\^\d\]: /gm)).toEqual(['[^1]: ', '[^2]: ', '[^3]: ']);
    expect(md).not.toContain('available to subscribers');

    await expectCleanRun(app);
  }, 120_000);
});
