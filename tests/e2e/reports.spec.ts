// Publishing, end to end against the real Core: an analyst drafts a report in the sample case,
// cites a source (Ctrl+Shift+C) and quotes a statement whose translation is still in review; the
// export is refused and names that quotation; a reviewer approves the translation; all four
// formats are exported and read back (Markdown text, parsed HTML, the DOCX's footnotes, the PDF's
// text); the author may not publish (four eyes), a reviewer does; editing afterwards starts
// version 2 while version 1 exports exactly as it went out; the two versions are compared.
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'parse5';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, sha256Hex, shot, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

// A reviewer too: only four eyes keep them from publishing what they wrote.
const ANALYST = { name: 'Jonas Berg', initials: 'JB', roles: ['analyst', 'reviewer'] as ('analyst' | 'reviewer')[] };
const REVIEWER = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const SAMPLE_CASE = "Al-Nujaba: 'militarily liberate Iraq' statement (November 2023)";
const X_POST = "Akram Al-Kaabi's statement on X, November 1, 2023";

// A statement with its Arabic original, translated into English and waiting for review.
const SUMMARY = 'Nujaba: the resistance has decided to liberate Iraq';
const ORIGINAL = 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا. لا توقف ولا هدنة ولا تراجع.';
const TARGETS = ['The Islamic resistance in Iraq has decided to liberate Iraq militarily.', 'No stopping, no truce, no retreat.'];
// A statement known only by its published Arabic wording (quoted as published).
const AR_SUMMARY = 'Kaabi on Telegram: the Arabic wording as published';
const AR_WORDING = 'إن المقاومة الإسلامية في العراق قررت تحرير العراق عسكرياً وحسم الأمر. ما هو آت عظيم.';

const HEADLINE = 'Al-Nujaba leader: the Iraqi resistance will "militarily liberate Iraq"';
const LEAD = 'The Secretary-General of an Iran-backed militia declared war on U.S. forces in Iraq.';
const OPENING = 'On November 1, 2023, Akram Al-Kaabi published an official statement on his X account';

async function downloaded(page: Page, format: ui.ExportFormatLabel, button?: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), ui.exportAs(page, format, button)]) as [Download, void];
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

type HtmlNode = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: HtmlNode[]; value?: string; content?: HtmlNode };
function walk(n: HtmlNode, visit: (n: HtmlNode) => void): void {
  visit(n);
  for (const c of n.childNodes ?? []) walk(c, visit);
  if (n.content) walk(n.content, visit);
}
function textOf(n: HtmlNode): string {
  let t = '';
  walk(n, (x) => { if (x.nodeName === '#text') t += x.value ?? ''; });
  return t;
}
const hasClass = (n: HtmlNode, c: string) => (n.attrs ?? []).some((a) => a.name === 'class' && a.value.split(/\s+/).includes(c));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((x) => ('str' in x ? x.str : '')).join('');
  }
  return text.replace(/\s+/g, ' ');
}

describe('reports: draft, cite, quote, export, publish, version 2', () => {
  it('drafts a report in the sample case and takes it through review, the four exports, publishing and a second version', async () => {
    let reportCaseId = '';
    const app = await openApp(browser(), {
      navigate: false,
      acceptDownloads: true,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
        await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
        const { caseId } = await a.invoke('sample.load', { as: admin.id });
        reportCaseId = caseId;
        const st = await a.invoke('statements.create', {
          as: me.id, caseIds: [caseId], summary: SUMMARY, originalText: ORIGINAL, language: 'ar', marking: 'public', saidAt: '2023-11-01', datePrecision: 'day',
        });
        const t = await a.invoke('translations.start', { as: me.id, statementId: st.id, targetLang: 'en' });
        const edited = await a.invoke('translations.edit', {
          as: me.id, id: t.translation.id, rev: t.translation.rev, segments: t.latest.segments.map((s, i) => ({ id: s.id, target: TARGETS[i]! })),
        });
        await a.invoke('translations.submit', { as: me.id, id: edited.translation.id, rev: edited.translation.rev });
        await a.invoke('statements.create', {
          as: me.id, caseIds: [caseId], summary: AR_SUMMARY, originalStatus: 'not_captured', language: 'ar', marking: 'public',
          publishedWording: AR_WORDING, publishedWordingLanguage: 'ar',
        });
      },
    });
    await app.open();
    const { page } = app;
    const main = page.getByRole('main');

    // --- the analyst starts a report in the sample case ----------------------------------------------
    await ui.chooseProfile(page, ANALYST.name);
    await expect.poll(() => ui.actingAs(page, ANALYST.name).isVisible()).toBe(true);
    await ui.goToCases(page);
    await ui.openCase(page, SAMPLE_CASE);
    await ui.newReportInCase(page, HEADLINE);
    await expect.poll(() => ui.pageHeading(page, HEADLINE).isVisible()).toBe(true);
    const reportId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    // A new report opens on its first field, to go on writing.
    await expect.poll(() => ui.reportField(page, 'Headline').evaluate((el) => el === document.activeElement)).toBe(true);
    await ui.reportField(page, 'Dateline place').fill('Baghdad');
    await ui.reportField(page, 'Dateline date').fill('2023-11-01');
    await ui.hijriOption(page).check();
    await ui.reportField(page, 'Lead').fill(LEAD);

    // --- a citation at the cursor, from the keyboard ---------------------------------------------------
    const body = ui.reportField(page, 'Body');
    await body.fill(OPENING);
    await body.press('End');
    await body.press('Control+Shift+C');
    await ui.citeInDialog(page, 'November 1', X_POST, 'post of 14:02');
    await expect.poll(() => body.inputValue()).toMatch(new RegExp(`^${OPENING}\\[@[0-9a-f-]{36}, post of 14:02\\]$`));
    // The cursor is after the citation: typing goes on from there.
    await page.keyboard.type(', declaring war on U.S. forces. The statement reads:');

    // --- a quotation of the statement still in review, then the Arabic published wording ----------------
    await main.getByRole('button', { name: 'Insert quotation…', exact: true }).click();
    await page.getByRole('dialog', { name: 'Insert a quotation' }).getByRole('searchbox', { name: 'Find statements' }).fill('liberate Iraq');
    // Each statement says where its translations stand.
    await expect.poll(() => ui.quoteChoices(page).filter({ hasText: SUMMARY }).textContent()).toContain('English: in review');
    await ui.quoteInDialog(page, 'liberate Iraq', SUMMARY, 'revision 1: In review');
    await body.press('Control+End');
    await page.keyboard.type('\n\nHis statement on Telegram, as published in Arabic:');
    await body.press('Control+Shift+Q');
    await ui.quoteInDialog(page, 'Telegram', AR_SUMMARY, 'Published wording');
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 15_000 }).toBe('Saved');

    // --- the live preview in the house style, and the warning beside it ------------------------------------
    const preview = ui.reportPreview(page);
    await expect.poll(() => preview.getByRole('heading', { name: HEADLINE }).isVisible()).toBe(true);
    await expect.poll(() => preview.textContent()).toContain('Baghdad, November 1, 2023');
    expect(await preview.textContent()).toMatch(/1445 AH/);
    expect(await preview.getByText('[1]', { exact: true }).first().isVisible()).toBe(true);
    await expect.poll(() => ui.previewFootnotes(page).count()).toBe(1);
    expect(await ui.previewFootnotes(page).first().textContent()).toMatch(/^\[1\] X \(formerly Twitter\), Akram Al-Kaabi, November 1, 2023, post of 14:02\.?$/);
    expect(await preview.textContent()).toContain(TARGETS[0]);
    expect(await preview.getByText(/Not approved: the translation is in review/).isVisible()).toBe(true);
    // The Arabic quotation reads right to left inside the English report.
    const arabic = preview.getByRole('blockquote').filter({ hasText: 'المقاومة' });
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await arabic.getAttribute('lang')).toBe('ar');
    const warning = ui.reportWarnings(page).filter({ hasText: /Quotation 1 .* is in review/ });
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.textContent()).toContain(SUMMARY);
    expect(await warning.getByRole('link', { name: 'Open the translation' }).isVisible()).toBe(true);
    await page.getByRole('main').getByRole('heading', { name: 'Preview' }).scrollIntoViewIfNeeded();
    await shot(page, 'report-editor-preview-arabic');

    // --- an export with a quotation still in review is refused, naming it ------------------------------------
    await ui.exportAs(page, 'Markdown (.md)');
    const refusal = ui.refusalDialog(page);
    // Exports are long operations (the Core's job worker), given seconds on a loaded machine.
    await expect.poll(() => refusal.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await refusal.getByRole('heading').textContent()).toBe('Exporting as Markdown was refused');
    const listed = refusal.getByRole('list', { name: 'What stands in the way' }).getByRole('listitem');
    expect(await listed.count()).toBe(1);
    expect(await listed.textContent()).toMatch(new RegExp(`Quotation 1 \\(statement "${SUMMARY}", en translation, revision 1\\) is in review`));
    await shot(page, 'report-export-refused');
    await refusal.getByRole('button', { name: 'Close', exact: true }).click();

    // --- the reviewer approves the translation ------------------------------------------------------------------
    await ui.switchProfile(page, ANALYST.name);
    await ui.chooseProfile(page, REVIEWER.name);
    await expect.poll(() => ui.actingAs(page, REVIEWER.name).isVisible()).toBe(true);
    await ui.openReview(page, SUMMARY);
    await ui.approveButton(page).click();
    await expect.poll(() => ui.translationState(main, 'Approved').isVisible()).toBe(true);

    // --- the analyst exports all four formats, and each holds what the report says ----------------------------------
    await ui.switchProfile(page, REVIEWER.name);
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goTo(page, 'Reports');
    await ui.reportsGrid(page).getByRole('link', { name: HEADLINE, exact: true }).click();
    await expect.poll(() => ui.reportWarnings(page).filter({ hasText: /is in review/ }).count()).toBe(0);

    const md = await downloaded(page, 'Markdown (.md)');
    expect(md.name).toMatch(/-v1\.md$/);
    const mdText = md.bytes.toString('utf8');
    expect(mdText.startsWith('Marking: PUBLIC\n\n')).toBe(true);
    expect(mdText).toContain(`# ${HEADLINE.replace(/"/g, '"')}`);
    expect(mdText).toContain(`${OPENING}[^1], declaring war on U.S. forces.`);
    expect(mdText).toContain(`> ${TARGETS[0]} ${TARGETS[1]}`);
    expect(mdText).toContain(AR_WORDING);
    expect(mdText).toMatch(/\n\[\^1\]: X \(formerly Twitter\), Akram Al-Kaabi, November 1, 2023, post of 14:02\.?\n?$/);

    const html = await downloaded(page, 'HTML (.html)');
    const doc = parse(html.bytes.toString('utf8')) as unknown as HtmlNode;
    const all: HtmlNode[] = [];
    walk(doc, (n) => all.push(n));
    expect(all.filter((n) => n.tagName === 'script')).toEqual([]);
    expect(all.filter((n) => n.tagName === 'h1').map(textOf)).toEqual([HEADLINE]);
    expect(all.filter((n) => hasClass(n, 'marking')).map(textOf)).toEqual(['Marking: PUBLIC']);
    const notes = all.find((n) => hasClass(n, 'footnotes'));
    expect(notes && textOf(notes)).toContain('X (formerly Twitter), Akram Al-Kaabi, November 1, 2023, post of 14:02');
    expect(all.filter((n) => n.tagName === 'sup' && hasClass(n, 'fnref')).map(textOf)).toEqual(['[1]']);
    const arQuote = all.find((n) => n.tagName === 'blockquote' && textOf(n).includes('المقاومة'));
    expect(arQuote?.attrs?.find((a) => a.name === 'dir')?.value).toBe('rtl');

    const docx = await downloaded(page, 'Word (.docx)');
    const zip = unzipSync(new Uint8Array(docx.bytes));
    const footnotesXml = strFromU8(zip['word/footnotes.xml']!);
    expect(footnotesXml).toContain('X (formerly Twitter), Akram Al-Kaabi, November 1, 2023, post of 14:02');
    expect(strFromU8(zip['word/document.xml']!)).toContain('The Islamic resistance in Iraq has decided');

    // PDF from the palette, keyboard only.
    const [pdfDownload] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), ui.runFromPalette(page, 'export pdf', 'Export this report as PDF')]) as [Download, void];
    const pdf = fs.readFileSync(await pdfDownload.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfWords = await pdfText(pdf);
    expect(pdfWords).toContain('Al-Nujaba leader: the Iraqi resistance will');
    expect(pdfWords).toContain('Marking: PUBLIC');
    await expect.poll(() => main.getByRole('status').filter({ hasText: /^Saved .*\.pdf: PDF of the draft/ }).count()).toBe(1);

    // --- the author may not publish it (four eyes): shown beforehand, and the Core's refusal when pressed ---------------
    expect(await ui.publishButton(page).getAttribute('aria-disabled')).toBe('true');
    expect(await main.getByText(/^You wrote this report's text: four eyes keep you from publishing it/).isVisible()).toBe(true);
    // Still focusable: pressing asks the Core, whose refusal is what the author reads.
    await ui.publishButton(page).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => main.getByRole('alert').filter({ hasText: /cannot publish this report/ }).textContent()).toBe(
      `${ANALYST.name} cannot publish this report: they wrote its text. Four eyes: a report is published by a reviewer or case manager who did not write or edit it.`,
    );

    // --- a reviewer publishes it: the confirmation lists what is frozen ------------------------------------------------
    await ui.switchProfile(page, ANALYST.name);
    await ui.chooseProfile(page, REVIEWER.name);
    await ui.openAddress(page, `/reports/${reportId}`);
    await expect.poll(() => ui.readOnlyNote(page).isVisible()).toBe(true);
    await ui.publishButton(page).click();
    const confirm = ui.publishDialog(page, 1);
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.textContent()).toContain('Quotation 1: the English translation, revision 1, which becomes final');
    expect(await confirm.textContent()).toContain('1 footnote citing 1 source');
    await shot(page, 'report-publish-confirm');
    await confirm.getByRole('button', { name: 'Publish version 1', exact: true }).click();
    await expect.poll(() => main.getByRole('status').filter({ hasText: /^Published version 1\./ }).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => main.getByText('Published v1', { exact: true }).isVisible()).toBe(true);
    const v1Row = ui.versionsTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Version 1' }) });
    await expect.poll(() => v1Row.locator('code').count()).toBe(4);
    const v1Md = await downloaded(page, 'Markdown (.md)', 'Export version 1');
    expect(v1Md.bytes.equals(md.bytes)).toBe(true);
    expect(await v1Row.locator('code').allTextContents()).toContain(sha256Hex(v1Md.bytes));

    // --- editing afterwards starts version 2; version 1 stays exactly as it went out ------------------------------------
    await ui.switchProfile(page, REVIEWER.name);
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, `/reports/${reportId}`);
    await expect.poll(() => ui.reportField(page, 'Body').isVisible()).toBe(true);
    await ui.reportField(page, 'Body').press('Control+End');
    await page.keyboard.type('\n\nU.S. officials did not comment.');
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 15_000 }).toBe('Saved');
    await expect.poll(() => main.getByText('Draft v2 (v1 published)', { exact: true }).isVisible()).toBe(true);
    const again = await downloaded(page, 'Markdown (.md)', 'Export version 1');
    expect(again.bytes.equals(md.bytes)).toBe(true);
    const v2 = await downloaded(page, 'Markdown (.md)');
    expect(v2.name).toMatch(/-v2\.md$/);
    expect(v2.bytes.toString('utf8')).toContain('U.S. officials did not comment.');

    // --- the two versions compared ---------------------------------------------------------------------------------------
    const diff = await ui.compareVersions(page, 'Version 1 (published)', 'The current draft (version 2)');
    await expect.poll(() => diff.locator('ins').allTextContents()).toContain('U.S. officials did not comment.');
    expect(await diff.locator('del').count()).toBe(0);
    expect(await main.getByRole('status').filter({ hasText: /^The current draft against version 1: 0 lines changed, 1 added, 0 removed\.$/ }).count()).toBe(1);
    await diff.scrollIntoViewIfNeeded();
    await shot(page, 'report-versions-diff');

    expect(reportCaseId).not.toBe('');
    await expectCleanRun(app);
  }, 240_000);
});
