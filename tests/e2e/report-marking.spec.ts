// A report that cites a source more restricted than its own marking: the export is refused
// with the record listed; a reviewer who did not write it may not let it through (and reads
// why); the author does, with "Export anyway", and the audit trail names what was let through.
import fs from 'node:fs';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Jonas Berg', initials: 'JB', roles: ['analyst'] as 'analyst'[] };
const REVIEWER = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const SOURCE = 'Informant notes on Kataib Hezbollah logistics';
const HEADLINE = 'Militia logistics near the border';

describe('reports: a marking conflict, and Export anyway', () => {
  it('refuses the export listing the restricted source, and lets only the author export it anyway (audited)', async () => {
    let reportId = '';
    let sourceId = '';
    let analystId = '';
    const app = await openApp(browser(), {
      navigate: false,
      acceptDownloads: true,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        analystId = (await a.invoke('profiles.create', { as: admin.id, ...ANALYST })).id;
        await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
        sourceId = (await a.invoke('sources.create', { as: analystId, title: SOURCE, kind: 'document', marking: 'restricted' })).id;
        reportId = (await a.invoke('reports.create', {
          as: analystId, headline: HEADLINE, marking: 'public', body: `Supplies crossed at night.[@${sourceId}, p. 4]`,
        })).id;
      },
    });
    await app.open();
    const { page } = app;
    const main = page.getByRole('main');

    // --- a reviewer sees the conflict, and may not override it ------------------------------------
    await ui.chooseProfile(page, REVIEWER.name);
    await expect.poll(() => ui.actingAs(page, REVIEWER.name).isVisible()).toBe(true);
    await ui.openAddress(page, `/reports/${reportId}`);
    await expect.poll(() => ui.pageHeading(page, HEADLINE).isVisible()).toBe(true);
    const warning = ui.reportWarnings(page).filter({ hasText: SOURCE });
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.getByRole('link', { name: 'Open the source' }).isVisible()).toBe(true);

    await ui.exportAs(page, 'HTML (.html)');
    const refusal = ui.refusalDialog(page);
    // Exports are long operations (the Core's job worker), given seconds on a loaded machine.
    await expect.poll(() => refusal.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await refusal.getByRole('heading').textContent()).toBe('Exporting as HTML was refused');
    const listed = refusal.getByRole('list', { name: 'More restricted than the report' }).getByRole('listitem');
    expect(await listed.allTextContents()).toEqual([expect.stringContaining(`Source ${SOURCE}`)]);
    const anyway = refusal.getByRole('button', { name: 'Export anyway', exact: true });
    expect(await anyway.isDisabled()).toBe(true);
    expect(await refusal.textContent()).toContain('case manager');
    await refusal.getByRole('button', { name: 'Cancel', exact: true }).click();

    // --- the author lets it through for this export -------------------------------------------------
    await ui.switchProfile(page, REVIEWER.name);
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, `/reports/${reportId}`);
    await expect.poll(() => ui.pageHeading(page, HEADLINE).isVisible()).toBe(true);
    await ui.exportAs(page, 'HTML (.html)');
    await expect.poll(() => refusal.isVisible(), { timeout: 20_000 }).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      refusal.getByRole('button', { name: 'Export anyway', exact: true }).click(),
    ]) as [Download, void];
    const html = fs.readFileSync(await download.path(), 'utf8');
    expect(html).toContain('Marking: PUBLIC');
    expect(html).toContain('Supplies crossed at night.');
    await expect.poll(() => main.getByRole('status').filter({ hasText: /^Saved .*\.html: HTML of the draft/ }).count()).toBe(1);

    const audit = await app.invoke('audit.list', { as: analystId, recordType: 'report', recordId: reportId });
    const exports = audit.filter((e) => e.action === 'report.export');
    expect(exports).toHaveLength(1);
    expect(exports[0]!.actorId).toBe(analystId);
    expect(exports[0]!.changes.allowedMarking?.[1]).toEqual([{ recordType: 'source', id: sourceId, title: SOURCE, marking: 'restricted' }]);

    await expectCleanRun(app);
  }, 120_000);
});
