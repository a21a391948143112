// The search page finds an Arabic statement whether the query is written with its diacritics
// or without, and the highlights fall on the characters of the original (the diacritized word
// as written), not on a folded copy of it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, expectNoForeignRequests, openApp, seedPeople, shot, textLayout, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Lina Haddad', initials: 'LH', roles: ['analyst'] as 'analyst'[] };
const ORIGINAL = 'قال المتحدث: «إنَّ المقاومةَ قرّرت» #طوفان_الأقصى [الأنفال: 17]';
const SUMMARY = 'Spokesman: the resistance has decided';
const OTHER = 'بيان عن الهدنة الإنسانية'; // shares no word with the queries below

async function seed(app: Pick<App, 'invoke'>) {
  const { admin, me } = await seedPeople(app, ANALYST);
  const kase = await app.invoke('cases.create', { as: admin.id, title: 'Search case', assignees: [me.id] });
  const statement = await app.invoke('statements.create', { as: me.id, caseIds: [kase.id], language: 'ar', originalText: ORIGINAL, summary: SUMMARY });
  await app.invoke('statements.create', { as: me.id, caseIds: [kase.id], language: 'ar', originalText: OTHER, summary: 'Truce statement' });
  return { statement };
}

interface Found { count: string; titles: string[]; marks: string[][] }

async function results(page: Page): Promise<Found> {
  const hits = ui.searchResults(page);
  return {
    count: (await page.getByRole('main').getByRole('status').filter({ hasText: /results?$/ }).textContent()) ?? '',
    titles: await hits.getByRole('link').allTextContents(),
    marks: await hits.evaluateAll((els) => els.map((el) => [...el.querySelectorAll('mark')].map((m) => m.textContent ?? ''))),
  };
}

describe('search', () => {
  it('finds the statement with and without diacritics; highlights land on the original characters', async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goTo(page, 'Search');
    await expect.poll(() => ui.pageHeading(page, 'Search').isVisible()).toBe(true);
    // A search page that cannot search says so; that would fail here, in words.
    expect(await page.getByText('Search is not available in this version of Casefile yet.').count()).toBe(0);

    const cases: { q: string; word: string }[] = [
      { q: 'قررت', word: 'قرّرت' }, // typed bare: matches the word with its shadda
      { q: 'قرّرت', word: 'قرّرت' }, // typed as written
      { q: 'المقاومة', word: 'المقاومةَ' }, // the original carries a final fatha
    ];
    for (const { q, word } of cases) {
      await ui.search(page, q);
      expect(new URL(page.url()).hash).toContain(`q=${encodeURIComponent(q)}`);
      await expect.poll(async () => (await results(page)).titles, { timeout: 10_000, message: `search for ${q}` }).toEqual([SUMMARY]);
      // The previous query found the same statement: wait until the highlights are this query's,
      // or a slow answer leaves the last query's marks on the page.
      await expect.poll(async () => (await results(page)).marks[0]?.join(' ') ?? '', { timeout: 10_000, message: `highlights for ${q}` }).toContain(word);
      const found = await results(page);
      expect(found.count).toBe('1 result');
      // The highlighted text is a slice of the original as written, diacritics and all.
      expect(found.marks[0]!.length, `highlights for ${q}`).toBeGreaterThan(0);
      expect(found.marks[0]!.join(' ')).toContain(word);
      for (const m of found.marks[0]!) expect(ORIGINAL).toContain(m);
      // The snippet reads right to left: its text resolves rtl and sits against the right edge.
      const snippet = ui.hitSnippet(ui.searchResults(page).first());
      const layout = await textLayout(snippet);
      expect(new Set(layout.directions)).toEqual(new Set(['rtl']));
      expect(layout.gapRight, JSON.stringify(layout)).toBeLessThan(layout.gapLeft);
      if (q === 'قررت') await shot(page, 'search-without-diacritics');
    }

    // The hit opens the statement.
    await ui.searchResults(page).getByRole('link', { name: SUMMARY, exact: true }).click();
    await expect.poll(() => ui.pageHeading(page, SUMMARY).isVisible()).toBe(true);
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
