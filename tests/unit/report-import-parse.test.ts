// Reading a published report: the sample as text and as a saved page, and hostile input.
// The .txt fixture is a byte copy of ../shared/samples/jttm-2023-11-01-al-nujaba.txt.
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { NO_META, textBlocks } from '../../electron/core/io/reportImport/blocks';
import { htmlBlocks } from '../../electron/core/io/reportImport/html';
import { NotAReport, parseReport } from '../../electron/core/io/reportImport/parse';
import { sourceFromFootnote } from '../../electron/core/io/reportImport/sources';
import { escapeMarkdownText } from '../../shared/report/escape';
import { parseBody } from '../../shared/report/references';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'report');
const SAMPLE_TEXT = fs.readFileSync(path.join(FIXTURES, 'jttm-2023-11-01-al-nujaba.txt'), 'utf8');
const SAMPLE_HTML = fs.readFileSync(path.join(FIXTURES, 'jttm-2023-11-01-al-nujaba.html'), 'utf8');

export const HEADLINE = "Leader Of Iraqi Shi'ite Al-Nujaba Movement: Iraqi Islamic Resistance Has Decided To 'Militarily Liberate Iraq'";
export const QUOTATION =
  'In the Name of Allah—the Most Compassionate, Most Merciful. It was not you [believers] who killed them, but it was ' +
  'Allah Who did so. Nor was it you [O Prophet] who threw [a handful of sand at the disbelievers], but it was Allah Who ' +
  'did so, rendering the believers a great favor. Surely Allah is All-Hearing, All-Knowing [Quran 8:17]. Indeed, Allah ' +
  'Almighty spoke the truth. The Iraqi Islamic resistance has decided to militarily liberate Iraq and settle the matter. ' +
  'What is to come will be grandiose. Blessed are the heroic mujahideen, blessed are the participants, blessed are the ' +
  'supporters. Victory for Islam. No stopping, no truce, no retreat.';
/** The sample's body paragraphs, exactly as published (lines 8, 10 and 12 of the file). */
const PARAGRAPHS = SAMPLE_TEXT.split('\n').filter((_, i) => [7, 9, 11].includes(i));

const parseText = (t: string) => parseReport(textBlocks(t), NO_META);

describe('parseReport on the sample as plain text', () => {
  const r = parseText(SAMPLE_TEXT);

  it('finds the headline, the dateline and the three body paragraphs exactly as published', () => {
    expect(r.headline).toBe(HEADLINE);
    expect(r.dateline).toEqual({ text: 'November 1, 2023', date: '2023-11-01', place: null });
    expect(PARAGRAPHS[0]).toMatch(/^On November 1, 2023, Akram Al-Kaabi/);
    expect(r.paragraphs.map((p) => p.text)).toEqual(PARAGRAPHS);
  });

  it('finds the three footnote markers in order, and no footnote list in this copy', () => {
    expect(r.paragraphs.flatMap((p) => p.markers.map((m) => [m.n, p.text.slice(m.start, m.end)]))).toEqual([[1, '[1]'], [2, '[2]'], [3, '[3]']]);
    expect(r.footnotes).toEqual([]);
  });

  it('takes the quoted statement exactly as published, bracketed insertions kept, not the scare quotes', () => {
    expect(r.quotation?.text).toBe(QUOTATION);
    expect(r.quotation?.attribution).toBe('The statement reads:');
    const p = r.paragraphs[r.quotation!.paragraph]!;
    expect(p.text.slice(r.quotation!.start, r.quotation!.end)).toBe(`"${QUOTATION}"`);
  });

  it('finds the hashtag and the Quran reference', () => {
    expect(r.hashtags).toEqual(['Al-Aqsa_Flood']);
    expect(r.scriptureRefs).toEqual([{ book: 'quran', chapter: 8, verse: 17, text: '[Quran 8:17]' }]);
  });

  it('leaves out the teaser, promotion, page controls and boilerplate, each with its reason', () => {
    expect(r.dropped.map((d) => [d.text.replace(/\u00a0/g, ' '), d.reason])).toEqual([
      ['print', 'page control ("print", "Read More" and the like)'],
      ["The following report is now a complimentary offering from MEMRI's Jihad and Terrorism Threat Monitor (JTTM). For JTTM subscription information, click here.", 'promotional line: subscription offer'],
      ['The full text of this post is available to subscribers.', 'teaser: the full text is for subscribers only'],
      ['Please login or register to request subscription information from MEMRI', 'login or subscription prompt'],
      ['.', 'punctuation only'],
      ['The Cyber & Jihad Lab', "publisher's boilerplate (The Cyber & Jihad Lab)"],
      [expect.stringMatching(/^The Cyber & Jihad Lab monitors, tracks, translates/), "publisher's boilerplate (The Cyber & Jihad Lab)"],
      ['Read More', 'page control ("print", "Read More" and the like)'],
    ]);
    expect(r.publisher).toBe("MEMRI's Jihad and Terrorism Threat Monitor (JTTM)");
    expect(r.pageSays).toBe('complimentary');
    expect(r.warnings).toEqual([]);
  });

  it('reads a footnote list when the copy has one, and each footnote says what it can about its source', () => {
    const withNotes = `${SAMPLE_TEXT}\n\n[1] X.com/Akram_Kaabi, November 1, 2023.\n[2] Telegram/nujaba, October 23, 2023.\n[3] Al-Nujaba video, October 30, 2023.\n`;
    const fr = parseText(withNotes);
    expect(fr.footnotes.map((f) => [f.n, f.text])).toEqual([
      [1, 'X.com/Akram_Kaabi, November 1, 2023.'], [2, 'Telegram/nujaba, October 23, 2023.'], [3, 'Al-Nujaba video, October 30, 2023.'],
    ]);
    expect(fr.paragraphs.map((p) => p.text)).toEqual(PARAGRAPHS);
    const ctx = { sentence: 'Kaabi published an official statement on his X (formerly Twitter) account', author: 'Akram Al-Kaabi', dateline: '2023-11-01', fallbackTitle: 'f' };
    expect(sourceFromFootnote(fr.footnotes[0]!.text, [], ctx)).toEqual({
      kind: 'social_post', title: 'X.com/Akram_Kaabi, November 1, 2023', author: '@Akram_Kaabi', publisher: 'X (formerly Twitter)',
      url: 'https://X.com/Akram_Kaabi', publishedAt: '2023-11-01', guessed: [],
    });
    expect(sourceFromFootnote(fr.footnotes[2]!.text, [], { ...ctx, sentence: 'Al-Nujaba published a video' })).toMatchObject({
      kind: 'video', url: null, publishedAt: '2023-10-30', author: 'Akram Al-Kaabi', guessed: ['author'],
    });
  });
});

describe('parseReport on the sample saved as an HTML page', () => {
  const { blocks, meta } = htmlBlocks(SAMPLE_HTML);
  const r = parseReport(blocks, meta);

  it('reads the same report as the text: headline, dateline, paragraphs, quotation, markers', () => {
    expect(r.headline).toBe(HEADLINE);
    expect(r.dateline?.date).toBe('2023-11-01');
    expect(r.paragraphs.map((p) => p.text)).toEqual(PARAGRAPHS);
    expect(r.quotation?.text).toBe(QUOTATION);
    expect(r.paragraphs.flatMap((p) => p.markers.map((m) => m.n))).toEqual([1, 2, 3]);
    expect(r.hashtags).toEqual(['Al-Aqsa_Flood']);
  });

  it('reads the footnote list with its links, and the page metadata', () => {
    expect(r.footnotes.map((f) => [f.n, f.text, f.links])).toEqual([
      [1, 'X.com/Akram_Kaabi, November 1, 2023.', ['https://x.com/Akram_Kaabi']],
      [2, 'T.me/nujaba_official, October 23, 2023.', ['https://t.me/nujaba_official/1234']],
      [3, 'Al-Nujaba Movement video, October 30, 2023.', []],
    ]);
    expect(meta).toMatchObject({ siteName: 'MEMRI', lang: 'en', url: expect.stringMatching(/^https:\/\/www\.memri\.org\/jttm\//) });
  });

  it('ignores scripts, styles, navigation, the banner, the sidebar, the footer, forms, frames and images', () => {
    const everything = JSON.stringify({ blocks, r });
    expect(everything).not.toMatch(/MUST-NOT-APPEAR|MUST-NOT-RUN|dataLayer|font-family|javascript:/);
    expect(r.dropped.map((d) => d.text.replace(/\u00a0/g, ' '))).toEqual([
      'print',
      "The following report is now a complimentary offering from MEMRI's Jihad and Terrorism Threat Monitor (JTTM). For JTTM subscription information, click here.",
      'The full text of this post is available to subscribers.',
      'Please login or register to request subscription information from MEMRI',
    ]);
  });
});

describe('hostile input', () => {
  it('runs nothing in a page: no script, no event handler, no javascript: link', () => {
    const g = globalThis as { __reportImportPwned?: number };
    const html = `<html><body><h1>Headline of a hostile page</h1>
      <img src="x" onerror="globalThis.__reportImportPwned = 1"><svg onload="globalThis.__reportImportPwned = 2"></svg>
      <script>globalThis.__reportImportPwned = 3</script>
      <p onclick="globalThis.__reportImportPwned = 4">A paragraph that is long enough to be the body of a report, with more than twelve words in it.</p>
      <a href="javascript:globalThis.__reportImportPwned=5">link</a></body></html>`;
    const { blocks } = htmlBlocks(html);
    expect(g.__reportImportPwned).toBeUndefined();
    expect(JSON.stringify(blocks)).not.toContain('__reportImportPwned');
    expect(blocks.flatMap((b) => b.links)).toEqual([]);
    expect(parseReport(blocks, NO_META).paragraphs.map((p) => p.text)).toEqual([
      'A paragraph that is long enough to be the body of a report, with more than twelve words in it.',
      'link',
    ]);
  });

  it('keeps bidi controls in the text, warns about them, and still recognises the lines they are hidden in', () => {
    const text = SAMPLE_TEXT
      .replace('Leader Of', 'Leader\u202E Of')
      .replace('The full text of this post', 'The full\u200B text of\u2067 this post')
      .replace('On October 23,', 'On October\u2066 23,');
    const r = parseText(text);
    expect(r.headline).toBe(HEADLINE.replace('Leader Of', 'Leader\u202E Of'));
    expect(r.dropped.find((d) => d.text.startsWith('The full'))?.reason).toBe('teaser: the full text is for subscribers only');
    expect(r.paragraphs[2]?.text).toContain('October\u2066 23');
    expect(r.warnings).toEqual([
      expect.stringContaining('The headline contains invisible direction controls (U+202E RLO)'),
      expect.stringContaining('Paragraph 3 contains invisible direction controls (U+2066 LRI)'),
    ]);
  });

  it('leaves out a huge line with its length as the reason, cut short and not keepable; the report is still read', () => {
    const huge = `${'A'.repeat(1_500_000)} [1] "${'“'.repeat(10)}`;
    const r = parseText(SAMPLE_TEXT.replace('print\n', `print\n${huge}\n`));
    const d = r.dropped.find((x) => x.reason.includes('characters'));
    expect(d).toMatchObject({ keepable: false, reason: 'a line of 1,500,016 characters: far longer than any paragraph of a report' });
    expect(d!.text.length).toBeLessThanOrEqual(1_000);
    expect(r.paragraphs.map((p) => p.text)).toEqual(PARAGRAPHS);
  });

  it('reads long paragraphs full of unmatched quotation marks, brackets and dates in linear time', () => {
    const body = `He said: ${'“ [1 «'.repeat(14_000)} November ${'[2] '.repeat(2_000)} and then a good many ordinary words follow, enough for a paragraph.`;
    const r = parseText(`Headline\n\n${body}`);
    expect(r.paragraphs).toHaveLength(1);
    expect(r.quotation).toBeNull();
  });

  it('reads a page nested ten thousand elements deep without running out of stack', () => {
    const html = `<h1>Deep page headline</h1>${'<div>'.repeat(10_000)}<p>The body of the report is down here, and it has more than twelve words in it.</p>${'</div>'.repeat(10_000)}`;
    const { blocks, meta } = htmlBlocks(html);
    expect(parseReport(blocks, meta).paragraphs).toHaveLength(1);
  });

  it('refuses text that is not a report, saying what is missing', () => {
    expect(() => parseText('vm\n')).toThrow(new NotAReport('no body paragraph follows the headline "vm"'));
    expect(() => parseText('The full text of this post is available to subscribers.\nRead More\n')).toThrow(/every line was left out .* \(2 lines\), so no headline is left/);
    expect(() => parseText('id,name,date\n1,alpha,2023-11-01\n2,beta,2023-11-02\n')).toThrow(/no paragraph after the headline reads as the body of a report \(the longest has 1 words\)/);
    expect(() => parseText(`${'x'.repeat(400)}\nBody`)).toThrow(/first line of text is 400 characters long, too long for a headline/);
  });
});

describe('escapeMarkdownText', () => {
  const md = new MarkdownIt({ html: false });
  const renders = (text: string) => md.render(escapeMarkdownText(text));

  it.each([
    ['the sample paragraph', PARAGRAPHS[1]!],
    ['emphasis and code', 'a *b* _c_ __d__ `e` ~~f~~ snake_case_word'],
    ['line-start syntax', '# not a heading'],
    ['a list item', '- not a list'],
    ['an ordered item', '1. not a list either'],
    ['a quote', '> not a quote'],
    ['links and images', '[a](http://x) ![b](http://y) [c]: http://z <http://w>'],
    ['html and entities', '<b>bold</b> &amp; &#65; &copy;'],
    ['backslashes', 'C:\\path\\* and \\\\'],
    ['reference look-alikes', '[@0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b] and {{quote statement=0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2d wording=published}} and [^1]'],
  ])('%s renders back to exactly the text, with no report reference in it', (_name, text) => {
    expect(renders(text)).toBe(`<p>${md.utils.escapeHtml(text)}</p>\n`);
    expect(parseBody(escapeMarkdownText(text))).toEqual({ references: [], problems: [] });
  });

  it('leaves ordinary prose as it is', () => {
    expect(escapeMarkdownText(PARAGRAPHS[1]!)).toBe(PARAGRAPHS[1]);
  });
});
