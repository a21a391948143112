// Evidence you can read and saved web pages as evidence (issue 14): saved pages attached to a
// source (HTML and MHTML) and a statement (WARC) through the file chooser, the page's own
// address and capture time taken for the source, the records found by an Arabic word of the
// pages with and without diacritics, a hostile page shown as inert text; an image viewed,
// zoomed, panned, fitted and shown at 1:1 by keyboard alone, and a PDF drawn by pdf.js with
// its worker from the app's own files. No request leaves the app, no CSP violation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cspViolations, expectCleanRun, makePng, openApp, seedPeople, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();
const PAGES = path.join(__dirname, '..', 'fixtures', 'pages');
const ANALYST = { name: 'Huda Karim', initials: 'HK', roles: ['analyst'] as 'analyst'[] };
const SOURCE_TITLE = 'بيان النجباء على الموقع';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-evidence-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A copy of a fixture (or bytes) as a file the chooser can pick. */
function file(name: string, bytes?: Uint8Array): string {
  const f = path.join(work, name);
  fs.writeFileSync(f, bytes ?? fs.readFileSync(path.join(PAGES, name)));
  return f;
}

async function seed(app: Pick<App, 'invoke'>) {
  const { me } = await seedPeople(app, ANALYST);
  const source = await app.invoke('sources.create', { as: me.id, kind: 'web_page', title: SOURCE_TITLE });
  const statement = await app.invoke('statements.create', { as: me.id, originalText: 'نص البيان المكتوب', language: 'ar', summary: 'Written statement of 23 October' });
  return { me, source, statement };
}

async function openRecord(page: Page, address: string, heading: string | RegExp): Promise<void> {
  await ui.openAddress(page, address);
  await expect.poll(() => ui.pageHeading(page, heading).isVisible()).toBe(true);
  await expect.poll(() => ui.attachmentsPanel(page).isVisible()).toBe(true);
}

async function attach(page: Page, files: string[]): Promise<void> {
  await ui.chooseFilesInput(page).setInputFiles(files);
  for (const f of files) await expect.poll(() => ui.attachmentItem(page, path.basename(f)).isVisible(), { timeout: 15_000 }).toBe(true);
  // The status area's "Storing an attachment: done" lingers a few seconds; screenshots wait it out.
  await expect.poll(() => page.getByText('Storing an attachment', { exact: true }).count(), { timeout: 15_000 }).toBe(0);
}

const savedPage = (item: Locator) => item.getByRole('group', { name: /^Saved web page/ });

describe('saved web pages as evidence', () => {
  it('pages attached to a source and a statement: the offered address and time taken, both found by an Arabic word with or without diacritics', async () => {
    let ids: Awaited<ReturnType<typeof seed>> | undefined;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { ids = await seed(a); } });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    const { me, source, statement } = ids!;

    await openRecord(page, `/sources/${source.id}`, SOURCE_TITLE);
    await attach(page, [file('arabic-statement.html'), file('video-statement.mhtml')]);

    // The HTML page names its address but no capture time; the MHTML file both.
    const html = savedPage(ui.attachmentItem(page, 'arabic-statement.html'));
    await expect.poll(() => html.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await html.textContent()).toContain('https://news.example.org/ar/2023/11/01/nujaba-bayan');
    expect(await html.textContent()).toContain('The file gives no capture time');
    const mhtml = savedPage(ui.attachmentItem(page, 'video-statement.mhtml'));
    await expect.poll(() => mhtml.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await mhtml.textContent()).toContain('https://t.example.org/nujaba/4521');

    // Offered, not applied: the source is unchanged until the analyst takes it.
    expect((await app.invoke('sources.get', { as: me.id, id: source.id })).url).toBeNull();
    await mhtml.getByRole('button', { name: 'Use for this source', exact: true }).click();
    await expect.poll(async () => {
      const s = await app.invoke('sources.get', { as: me.id, id: source.id });
      return [s.url, s.accessedAt];
    }, { timeout: 10_000 }).toEqual(['https://t.example.org/nujaba/4521', '2023-10-30T15:04:12.000Z']);
    await expect.poll(() => page.getByRole('main').getByRole('textbox', { name: 'URL' }).inputValue()).toBe('https://t.example.org/nujaba/4521');
    await expect.poll(() => mhtml.getByRole('status').textContent()).toMatch(/already has|now has/);

    // The page's text, as text: each line in its own direction, nothing rendered from the page.
    await html.getByRole('button', { name: 'Read the page text', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Page text/ });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const body = dialog.locator('.page-text');
    expect(await body.getAttribute('dir')).toBe('auto');
    expect(await body.textContent()).toContain('بيانُ المُقاوَمةِ الإسلاميّة');
    expect(await body.evaluate((el) => el.children.length)).toBe(0);
    const para = await body.evaluate((el) => getComputedStyle(el).unicodeBidi);
    expect(para).toBe('plaintext');
    await shot(page, 'saved-page');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // A WARC capture on the statement's own attachments panel.
    await openRecord(page, ui.statementAddress(statement.id), /Written statement of 23 October/);
    await attach(page, [file('written-statement.warc')]);
    const warc = savedPage(ui.attachmentItem(page, 'written-statement.warc'));
    await expect.poll(() => warc.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await warc.textContent()).toContain('https://archive.example.org/bayanat/3');
    // A statement has no address to fill from a page: nothing is offered there.
    expect(await warc.getByRole('button', { name: 'Use for this source' }).count()).toBe(0);

    // Found by the pages' words, with or without diacritics.
    await ui.goTo(page, 'Search');
    for (const q of ['المقاومة', 'المُقاوَمة']) {
      await ui.search(page, q);
      const found = async () => {
        const all = (await ui.searchResults(page).allTextContents()).join('\n');
        return [all.includes(SOURCE_TITLE), all.includes('Written statement of 23 October')];
      };
      await expect.poll(found, { timeout: 10_000 }).toEqual([true, true]);
    }
    // The hit says where the words were: in a saved page of the record.
    const hit = ui.searchResults(page).filter({ hasText: 'Written statement of 23 October' });
    expect(await ui.hitSnippet(hit).first().textContent()).toContain('Saved page (written-statement.warc)');
    await shot(page, 'saved-page-search');
    await expectCleanRun(app);
  });

  it('a hostile page is kept and read as inert text: no script runs, no image or link is fetched', async () => {
    let ids: Awaited<ReturnType<typeof seed>> | undefined;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { ids = await seed(a); } });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await openRecord(page, `/sources/${ids!.source.id}`, SOURCE_TITLE);
    await attach(page, [file('hostile.html')]);
    const item = savedPage(ui.attachmentItem(page, 'hostile.html'));
    await expect.poll(() => item.isVisible(), { timeout: 10_000 }).toBe(true);
    await item.getByRole('button', { name: 'Read the page text', exact: true }).click();
    const body = page.getByRole('dialog', { name: /Page text/ }).locator('.page-text');
    await expect.poll(() => body.isVisible()).toBe(true);
    expect(await body.textContent()).toContain("<script>alert('escaped text stays text')</script>");
    expect(await body.evaluate((el) => el.children.length)).toBe(0);
    const state = await page.evaluate(() => ({ scripts: document.querySelectorAll('script:not([src])').length, frames: document.querySelectorAll('iframe, object, embed').length }));
    expect(state).toEqual({ scripts: 0, frames: 0 });
    expect(await cspViolations(page)).toEqual([]);
    await expectCleanRun(app);
  });
});

describe('evidence you can read', () => {
  it('an image viewed, zoomed, panned, fitted and shown at 1:1 by keyboard; a PDF drawn by pdf.js with its own worker', async () => {
    let ids: Awaited<ReturnType<typeof seed>> | undefined;
    const app = await openApp(browser(), { navigate: false, seed: async (a) => { ids = await seed(a); } });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await openRecord(page, ui.statementAddress(ids!.statement.id), /Written statement of 23 October/);
    // A 1600×1000 image: larger than the viewer, so Fit scales it down.
    const png = makePng(1600, 1000, (x, y) => [(x >> 3) % 256, (y >> 2) % 256, ((x + y) >> 4) % 256, 255]);
    await attach(page, [file('poster.png', png), file('communique.pdf')]);

    const view = page.getByRole('button', { name: 'View poster.png', exact: true });
    await view.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Image: poster\.png/ });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    const stage = dialog.getByRole('group', { name: 'poster.png, zoomable image' });
    const img = stage.getByRole('img', { name: 'poster.png' });
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1600);
    // Focus is on the stage: the keys act at once.
    await expect.poll(() => stage.evaluate((el) => el === document.activeElement)).toBe(true);
    const scale = async () => Number(await img.getAttribute('data-scale'));
    const fitted = await scale();
    expect(fitted).toBeLessThan(1);
    await page.keyboard.press('+');
    await expect.poll(scale).toBeCloseTo(fitted * 1.25, 3);
    await page.keyboard.press('1');
    await expect.poll(scale).toBe(1);
    expect(await dialog.locator('output').first().textContent()).toBe('Zoom 100%');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => img.evaluate((el) => el.style.transform)).toBe('translate(-80px, 0px) scale(1)');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => img.evaluate((el) => el.style.transform)).toBe('translate(-80px, -200px) scale(1)');
    await page.keyboard.press('-');
    await expect.poll(scale).toBeCloseTo(0.8, 3);
    await page.keyboard.press('0');
    await expect.poll(scale).toBeCloseTo(fitted, 3);
    expect(await dialog.getByRole('button', { name: 'Fit to the window' }).getAttribute('aria-pressed')).toBe('true');
    // Drag pans too.
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 10, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => img.evaluate((el) => el.style.transform)).toMatch(/^translate\(30px, 10px\)/);
    // F fills the window.
    await stage.focus();
    await page.keyboard.press('f');
    await expect.poll(() => dialog.getByRole('button', { name: 'Leave full window' }).getAttribute('aria-pressed')).toBe('true');
    const size = page.viewportSize()!;
    await expect.poll(async () => { const b = await page.locator('.modal.viewer').boundingBox(); return b ? [Math.round(b.width), Math.round(b.height)] : null; })
      .toEqual([size.width, size.height]);
    await page.keyboard.press('0');
    // Fitted, the whole image shows, centred on the stage.
    await expect.poll(async () => {
      const [i, st] = [(await img.boundingBox())!, (await stage.boundingBox())!];
      return [Math.abs(i.x + i.width / 2 - (st.x + st.width / 2)) < 2, Math.abs(i.y + i.height / 2 - (st.y + st.height / 2)) < 2, i.width <= st.width + 1 && i.height <= st.height + 1];
    }).toEqual([true, true, true]);
    await shot(page, 'image-viewer');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    // Focus goes back to where it was.
    await expect.poll(() => view.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: 'View communique.pdf', exact: true }).click();
    const pdf = page.getByRole('dialog', { name: /PDF: communique\.pdf/ });
    await expect.poll(() => pdf.isVisible(), { timeout: 10_000 }).toBe(true);
    const canvas = pdf.getByRole('img', { name: 'Page 1 of 1 of communique.pdf' });
    await expect.poll(() => canvas.isVisible(), { timeout: 15_000 }).toBe(true);
    // Drawn: the page has dark text pixels on white.
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 100 && d[i + 1]! < 100 && d[i + 2]! < 100 && d[i + 3]! > 0) dark++;
      return dark;
    }), { timeout: 15_000 }).toBeGreaterThan(200);
    await pdf.getByText('Text of this page').click();
    await expect.poll(() => pdf.locator('.page-text').textContent()).toContain('Communique No. 7 of the Islamic Resistance');
    // pdf.js ran its worker from the app's own build (worker-src 'self'), not in the page.
    expect(app.requests.some((r) => /\/assets\/pdf\.worker[^/]*\.mjs$/.test(new URL(r.url).pathname))).toBe(true);
    await shot(page, 'pdf-viewer');
    await page.keyboard.press('Escape');
    await expect.poll(() => pdf.count()).toBe(0);
    await expectCleanRun(app);
  });
});
