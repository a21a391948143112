// Issue 8, item 7: `translation:approved` finds a statement whose approved text stands while a
// newer draft is worked on (translation:latest:draft is the other meaning), and the case's
// Activity tab shows its translations' submissions, approvals and change requests, each entry
// naming the statement, with a burst of autosaves as one entry.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { expectCleanRun, expectNoForeignRequests, openApp, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] as 'analyst'[] };
const REVIEWER = { name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] as 'reviewer'[] };
const CASE_TITLE = 'Iraqi resistance statements, November 2023';
const SUMMARY = 'Nujaba: the resistance will liberate Iraq';
const OTHER = 'Kataib Hezbollah: no truce';
const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

/** A desk with a case, an approved statement whose newer draft is in the works, and a statement only drafted. */
async function seed(a: Pick<App, 'invoke'>) {
  const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
  const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
  const rev = await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
  const kase = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE });
  const st = await a.invoke('statements.create', { as: me.id, originalText: 'قررت المقاومة تحرير العراق.', language: 'ar', summary: SUMMARY, caseIds: [kase.id] });
  const v0 = await a.invoke('translations.start', { as: me.id, statementId: st.id, targetLang: 'en' });
  const v1 = await a.invoke('translations.edit', { as: me.id, ...ref(v0), segments: [{ id: 's1', target: 'The resistance decided to free Iraq.' }] });
  const sub1 = await a.invoke('translations.submit', { as: me.id, ...ref(v1) });
  const back = await a.invoke('translations.requestChanges', { as: rev.id, ...ref(sub1), comment: 'Say "liberate", as published.' });
  const v2 = await a.invoke('translations.edit', { as: me.id, ...ref(back), segments: [{ id: 's1', target: 'The resistance has decided to liberate Iraq.' }] });
  const sub2 = await a.invoke('translations.submit', { as: me.id, ...ref(v2) });
  const approved = await a.invoke('translations.approve', { as: rev.id, ...ref(sub2) });
  // A newer draft of the approved text is being worked on.
  await a.invoke('translations.edit', { as: me.id, ...ref(approved), segments: [{ id: 's1', target: 'The resistance has decided to liberate Iraq by force.' }] });
  // Autosave: the analyst typing a summary is six saves within seconds.
  let other = await a.invoke('statements.create', { as: me.id, originalText: 'لا هدنة.', language: 'ar', caseIds: [kase.id] });
  for (const n of [1, 2, 3, 4, 5, 6]) other = await a.invoke('statements.update', { as: me.id, id: other.id, rev: other.rev, summary: OTHER.slice(0, 4 * n) });
  other = await a.invoke('statements.update', { as: me.id, id: other.id, rev: other.rev, summary: OTHER });
  const ov = await a.invoke('translations.start', { as: me.id, statementId: other.id, targetLang: 'en' });
  await a.invoke('translations.edit', { as: me.id, ...ref(ov), segments: [{ id: 's1', target: 'No truce.' }] });
}

describe('search by translation state', () => {
  it('translation:approved finds approved text with a newer draft; translation:latest:draft finds the work in progress', async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goTo(page, 'Search');
    const titles = () => ui.searchResults(page).getByRole('link').allTextContents();

    await ui.search(page, 'translation:approved');
    await expect.poll(titles, { timeout: 10_000 }).toEqual([SUMMARY]);
    await ui.search(page, 'translation:latest:draft');
    await expect.poll(async () => (await titles()).sort(), { timeout: 10_000 }).toEqual([SUMMARY, OTHER].sort());
    await ui.search(page, 'translation:en:latest:approved');
    await expect.poll(() => page.getByRole('main').getByRole('status').filter({ hasText: /results?$/ }).textContent(), { timeout: 10_000 }).toBe('0 results');
    await expectCleanRun(app);
  });
});

describe("a case's activity", () => {
  it("shows its translations' submissions, approvals and change requests, each naming the statement", async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    const panel = await ui.caseTab(page, 'Activity');
    const texts = await ui.activityTexts(page);
    const has = (re: RegExp) => expect(texts.some((t) => re.test(t)), `${re} in\n${texts.join('\n')}`).toBe(true);
    has(new RegExp(`^RR${REVIEWER.name} approved the translation of “${SUMMARY} \\(en\\)”`));
    has(new RegExp(`^RR${REVIEWER.name} requested changes to the translation of “${SUMMARY} \\(en\\)”`));
    expect(texts.filter((t) => t.includes(`submitted for review the translation of “${SUMMARY} (en)”`))).toHaveLength(2);
    has(new RegExp(`^AA${ANALYST.name} added statement “${SUMMARY}” to the case`));
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'case-activity');
    await expectCleanRun(app);
  });

  it('shows a burst of autosaves of one record by one profile as one entry with a count', async () => {
    const app = await openApp(browser(), { navigate: false, seed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.caseTab(page, 'Activity');
    const texts = await ui.activityTexts(page);
    // Seven saves of the other statement's summary in a few seconds: one entry, with the count.
    const burst = texts.filter((t) => t.includes(`${ANALYST.name} changed statement “${OTHER}”`));
    expect(burst, texts.join('\n')).toHaveLength(1);
    expect(burst[0]).toContain('· 7 saves');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
