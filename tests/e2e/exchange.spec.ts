// Two desks exchange a case by bundle, as two laptops would by USB stick: A exports, B imports
// (accepting A's key after the preview), both edit the same statement and B adds a note; B's
// bundle comes back to A, whose preview lists the conflict; A settles it in the conflict view
// and nothing either desk wrote is lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-bundles-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PERSON = { name: 'Dana Analyst', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] as ('admin' | 'analyst' | 'case_manager')[] };
const ORIGINAL = 'نعلن مسؤوليتنا عن الهجوم على القاعدة #بيان';
const FROM_A = 'Claim of responsibility (desk A)';
const FROM_B = 'Claim of responsibility, base attack — مسؤولية (desk B)';

async function openCaseTab(app: App, caseId: string) {
  await ui.enterAs(app.page, PERSON.name);
  await ui.openAddress(app.page, `/cases/${caseId}/exchange`);
  await app.page.getByRole('heading', { name: 'Export a case bundle' }).waitFor();
}

async function exportFrom(app: App, file: string) {
  app.harness.queueSaveBundle(file);
  await app.page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect.poll(() => app.page.getByRole('status').filter({ hasText: 'Bundle saved' }).count(), { timeout: 10_000 }).toBe(1);
  expect(fs.existsSync(file)).toBe(true);
}

describe('case bundles between two desks', () => {
  it('exports, imports, edits on both, exchanges back and resolves the conflict in the UI, losing nothing', async () => {
    let ids!: { caseId: string; statementId: string; sourceId: string; asA: string };
    const a = await openApp(browser(), {
      seed: async (app) => {
        const me = await app.invoke('profiles.create', { as: null, ...PERSON });
        const kase = await app.invoke('cases.create', { as: me.id, title: 'Base attack claims' });
        const st = await app.invoke('statements.create', { as: me.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: 'Claim' });
        const src = await app.invoke('sources.create', { as: me.id, kind: 'social_post', title: 'Telegram post', caseIds: [kase.id] });
        ids = { caseId: kase.id, statementId: st.id, sourceId: src.id, asA: me.id };
      },
    });
    let asB!: string;
    const b = await openApp(browser(), { seed: async (app) => { asB = (await app.invoke('profiles.create', { as: null, ...PERSON })).id; } });

    // A exports from the case page.
    await openCaseTab(a, ids.caseId);
    const first = path.join(tmp, 'from-a.cfb');
    await exportFrom(a, first);

    // B imports from the case list: the preview names the signer and what it adds.
    await ui.enterAs(b.page, PERSON.name);
    await b.page.getByText('Import a case bundle from another desk').click();
    b.harness.queuePickBundle(first);
    await b.page.getByRole('button', { name: 'Import bundle…' }).click();
    const preview = b.page.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('(not seen before)');
    expect(await preview.getByRole('heading', { name: /^New here/ }).textContent()).toMatch(/New here \(\d+\)/);
    // The ended operations' notes linger a few seconds over the page's corner: shot without them.
    await ui.statusArea(b.page).waitFor({ state: 'hidden' });
    await shot(b.page, 'exchange-import-preview');
    const importButton = preview.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await preview.getByLabel(/I have checked this fingerprint/).check();
    await importButton.click();
    await b.page.getByRole('heading', { name: 'Export a case bundle' }).waitFor();
    expect((await b.invoke('statements.get', { as: asB, id: ids.statementId })).originalText).toBe(ORIGINAL);

    // Both edit the statement's summary; B also adds a note.
    const sa = await a.invoke('statements.get', { as: ids.asA, id: ids.statementId });
    await a.invoke('statements.update', { as: ids.asA, id: sa.id, rev: sa.rev, summary: FROM_A });
    const sb = await b.invoke('statements.get', { as: asB, id: ids.statementId });
    await b.invoke('statements.update', { as: asB, id: sb.id, rev: sb.rev, summary: FROM_B });
    const noteB = await b.invoke('notes.create', { as: asB, targetType: 'statement', targetId: ids.statementId, body: 'Checked against the channel archive (desk B)' });

    // Back to A: the preview lists the conflict; the import keeps A's version and lists B's.
    const second = path.join(tmp, 'from-b.cfb');
    await exportFrom(b, second);
    a.harness.queuePickBundle(second);
    await a.page.getByRole('button', { name: 'Import bundle…' }).click();
    const back = a.page.getByRole('region', { name: 'Import preview' });
    await back.waitFor();
    expect(await back.getByRole('heading', { name: /Changed on both desks/ }).textContent()).toContain('(1)');
    await back.getByLabel(/I have checked this fingerprint/).check();
    await back.getByRole('button', { name: 'Import', exact: true }).click();
    const conflict = a.page.getByRole('region', { name: /was changed on both desks/ });
    await conflict.waitFor();
    expect((await a.invoke('statements.get', { as: ids.asA, id: ids.statementId })).summary).toBe(FROM_A);
    const row = conflict.getByRole('row').filter({ has: a.page.getByRole('rowheader', { name: 'Summary', exact: true }) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([FROM_A, FROM_B]);
    await ui.statusArea(a.page).waitFor({ state: 'hidden' });
    await shot(a.page, 'exchange-conflict');

    // Take theirs: the conflict is settled; both edits and B's note are on A; nothing lost.
    await conflict.getByRole('button', { name: 'Take theirs', exact: true }).click();
    await expect.poll(() => conflict.count(), { timeout: 10_000 }).toBe(0);
    const final = await a.invoke('statements.get', { as: ids.asA, id: ids.statementId });
    expect(final.summary).toBe(FROM_B);
    expect(final.originalText).toBe(ORIGINAL);
    expect((await a.invoke('notes.get', { as: ids.asA, id: noteB.id })).body).toContain('desk B');
    expect((await a.invoke('sources.get', { as: ids.asA, id: ids.sourceId })).title).toBe('Telegram post');
    // A's own edit stays in its audit trail.
    const trail = await a.invoke('audit.list', { as: ids.asA, recordId: ids.statementId, limit: 50 });
    expect(JSON.stringify(trail)).toContain(FROM_A);
    expect(await a.invoke('exchange.conflicts', { as: ids.asA, caseId: ids.caseId })).toEqual([]);
    await expectCleanRun(a);
    await expectCleanRun(b);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
