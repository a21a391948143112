// A source with its evidence: created from the case, a PNG dropped on it (and another picked
// with the file chooser), each shown with the SHA-256 of the bytes that were given and an image
// preview; then a markdown note on the case, rendered (bold is bold, never raw HTML).
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, makePng, openApp, seedPeople, sha256Hex, shot, useBrowser, type App } from './support';
import * as ui from './ui';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const browser = useBrowser();

const ANALYST = { name: 'Omar Saleh', initials: 'OS', roles: ['analyst'] as 'analyst'[] };
const CASE_TITLE = 'Telegram channel of the spokesman';
const SOURCE_TITLE = 'منشور على تلغرام — 7 October 2023';
// Two real images: a red-blue gradient and a checkerboard (different bytes, different hashes).
const DROPPED = makePng(64, 40, (x, y) => [x * 4, 80, y * 6, 255]);
const CHOSEN = makePng(32, 32, (x, y) => ((x >> 2) + (y >> 2)) % 2 ? [20, 20, 20, 255] : [240, 200, 40, 255]);
const NOTE = 'Checked against the **archived copy**; the _second_ post repeats it.\n\n- saved by the analyst';

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me } = await seedPeople(app, ANALYST);
  const kase = await app.invoke('cases.create', { as: admin.id, title: CASE_TITLE, assignees: [me.id], marking: 'internal' });
  return { admin, me, kase };
}

describe('sources and notes', () => {
  it('a source gets a dropped PNG and a chosen one; each shows the SHA-256 of its bytes and a preview', async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await expect.poll(() => ui.pageHeading(page, CASE_TITLE).isVisible()).toBe(true);

    await ui.createSourceInCase(page, SOURCE_TITLE);
    const sources = page.getByRole('tabpanel', { name: 'Sources' });
    const link = sources.getByRole('link', { name: SOURCE_TITLE, exact: true });
    await expect.poll(() => link.isVisible()).toBe(true);
    await link.click();
    await expect.poll(() => ui.pageHeading(page, SOURCE_TITLE).isVisible()).toBe(true);
    await expect.poll(() => ui.attachmentsPanel(page).isVisible()).toBe(true);

    // Dropped, as from the file manager.
    await ui.dropFiles(ui.dropZone(page), [{ name: 'post-screenshot.png', mimeType: 'image/png', bytes: DROPPED }]);
    const dropped = ui.attachmentItem(page, 'post-screenshot.png');
    await expect.poll(() => dropped.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await dropped.locator('code').textContent()).toBe(sha256Hex(DROPPED));

    // Chosen with the file chooser.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-files-'));
    try {
      const file = path.join(dir, 'شعار القناة.png');
      fs.writeFileSync(file, CHOSEN);
      await ui.chooseFilesInput(page).setInputFiles(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const chosen = ui.attachmentItem(page, 'شعار القناة.png');
    await expect.poll(() => chosen.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await chosen.locator('code').textContent()).toBe(sha256Hex(CHOSEN));

    // Images preview from the bytes in hand (a blob: address, never a request).
    for (const [item, name, width] of [[dropped, 'post-screenshot.png', 64], [chosen, 'شعار القناة.png', 32]] as const) {
      const img = item.getByRole('img', { name: `Preview of ${name}` });
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(width);
      expect(await img.getAttribute('src')).toMatch(/^blob:/);
    }
    // What the Core stored is what was given.
    const [me] = (await app.invoke('profiles.list', {})).filter((p) => p.name === ANALYST.name);
    const source = (await app.invoke('sources.list', { as: me!.id })).items.find((s) => s.title === SOURCE_TITLE)!;
    const stored = await app.invoke('attachments.list', { as: me!.id, ownerType: 'source', ownerId: source.id });
    expect(stored.map((a) => [a.originalName, a.sha256, a.size, a.mediaType]).sort()).toEqual([
      ['post-screenshot.png', sha256Hex(DROPPED), DROPPED.length, 'image/png'],
      ['شعار القناة.png', sha256Hex(CHOSEN), CHOSEN.length, 'image/png'],
    ].sort());

    // Verify re-hashes the stored bytes.
    await dropped.getByRole('button', { name: 'Verify post-screenshot.png', exact: true }).click();
    await expect.poll(() => dropped.getByRole('status').textContent()).toBe('Intact: the stored bytes still have this hash.');
    await shot(page, 'sources-attachments');
    await expectCleanRun(app);
  });

  it('a markdown note on the case is rendered in the Notes tab: bold is bold, the markup is not shown', async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    const notes = await ui.caseTab(page, 'Notes');
    await ui.addNote(notes, NOTE);

    const rendered = notes.getByRole('listitem').filter({ hasText: 'Checked against the' }).first();
    await expect.poll(() => rendered.isVisible(), { timeout: 10_000 }).toBe(true);
    const html = await rendered.evaluate((el) => ({
      strong: [...el.querySelectorAll('strong')].map((s) => s.textContent),
      em: [...el.querySelectorAll('em')].map((s) => s.textContent),
      items: [...el.querySelectorAll('li')].map((s) => s.textContent),
      text: el.textContent ?? '',
    }));
    expect(html.strong).toEqual(['archived copy']);
    expect(html.em).toEqual(['second']);
    expect(html.items).toContain('saved by the analyst');
    expect(html.text).not.toContain('**');
    expect(await rendered.locator('strong').evaluate((el) => Number(getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
    // The form is empty again, ready for the next note; the Core keeps the markdown as written.
    expect(await notes.getByRole('textbox', { name: 'Note text', exact: true }).inputValue()).toBe('');
    const [me] = (await app.invoke('profiles.list', {})).filter((p) => p.name === ANALYST.name);
    const kase = (await app.invoke('cases.list', { as: me!.id })).items[0]!;
    expect((await app.invoke('notes.list', { as: me!.id, targetType: 'case', targetId: kase.id })).map((n) => n.body)).toEqual([NOTE]);
    await shot(page, 'sources-case-note');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
