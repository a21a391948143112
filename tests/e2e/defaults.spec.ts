// Issue 8, item 9: counts and defaults. The case overview leaves trashed statements out and its
// "last changed" follows the work in the case; a source cited from a statement in a case joins
// the case; a statement or source made inside a Subscribers case is Subscribers; an Arabic
// original sets the language and the title skips the basmala; a resubmitted translation is
// diffed against the revision sent back, not against nothing.
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { expectCleanRun, expectNoForeignRequests, openApp, shot, useBrowser, type App } from './support';
import * as ui from './ui';

const browser = useBrowser();

const ANALYST = { name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] as 'analyst'[] };
const REVIEWER = { name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] as 'reviewer'[] };
const CASE_TITLE = 'Iraqi resistance statements, November 2023';
const ref = (v: TranslationView) => ({ id: v.translation.id, rev: v.translation.rev });

async function people(a: Pick<App, 'invoke'>) {
  const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
  const me = await a.invoke('profiles.create', { as: admin.id, ...ANALYST });
  const reviewer = await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
  return { admin, me, reviewer };
}

describe('counts and defaults', () => {
  const overviewSeed = async (a: Pick<App, 'invoke'>) => {
    const { admin, me } = await people(a);
    const kase = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE });
    await a.invoke('statements.create', { as: me.id, summary: 'Kept', originalStatus: 'not_captured', caseIds: [kase.id] });
    const gone = await a.invoke('statements.create', { as: me.id, summary: 'Trashed', originalStatus: 'not_captured', caseIds: [kase.id] });
    await a.invoke('statements.trash', { as: me.id, id: gone.id, rev: gone.rev });
    await a.invoke('cases.update', { as: admin.id, id: kase.id, rev: kase.rev, summary: 'Statements of the Islamic Resistance in Iraq.' });
  };

  it('the case overview does not count a statement in the trash', async () => {
    const app = await openApp(browser(), { navigate: false, seed: overviewSeed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await expect.poll(() => ui.caseCount(page, 'Statements').textContent()).toBe('1');
    await expectCleanRun(app);
  });

  it("the case overview's last change is the latest work in the case, and who did it", async () => {
    const app = await openApp(browser(), { navigate: false, seed: overviewSeed });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await expect.poll(() => ui.caseCounts(page).textContent()).toContain('last changed');
    await expect.poll(() => ui.caseCounts(page).textContent()).toContain('by Desk Admin');

    // Work on a statement of the case, then back to the case: it changed, and by whom.
    const panel = await ui.caseTab(page, 'Statements');
    await panel.getByRole('link', { name: 'Kept', exact: true }).click();
    await ui.statementSummary(page).fill('Kept, and summarised');
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await expect.poll(() => ui.caseCounts(page).textContent(), { timeout: 10_000 }).toContain(`by ${ANALYST.name}`);
    await expectCleanRun(app);
  });

  it('a source cited from a statement in a case joins the case', async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const { admin, me } = await people(a);
        const kase = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE });
        statementId = (await a.invoke('statements.create', { as: me.id, summary: 'Cites a post', originalStatus: 'not_captured', caseIds: [kase.id] })).id;
        await a.invoke('sources.create', { as: me.id, kind: 'social_post', title: 'Al-Kaabi on X, 1 November 2023' });
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.openAddress(page, ui.statementAddress(statementId));
    await ui.citeFromLibrary(page, 'Al-Kaabi on X, 1 November 2023');
    await expect.poll(() => page.getByRole('main').getByRole('list', { name: 'Cited sources, in order' }).textContent()).toContain('Al-Kaabi on X');
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    const sources = await ui.caseTab(page, 'Sources');
    await expect.poll(() => sources.getByRole('link', { name: 'Al-Kaabi on X, 1 November 2023', exact: true }).isVisible()).toBe(true);
    await expectCleanRun(app);
  });

  const subscribersCase = async (a: Pick<App, 'invoke'>) => {
    const { admin } = await people(a);
    await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE, marking: 'subscribers' });
  };

  it('a statement and a source made in a Subscribers case are Subscribers', async () => {
    const app = await openApp(browser(), { navigate: false, seed: subscribersCase });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.newStatementInCase(page);
    await expect.poll(() => ui.originalInput(page).isVisible()).toBe(true);
    await expect.poll(() => ui.statementField(page, 'Marking').inputValue()).toBe('subscribers');

    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    const panel = await ui.caseTab(page, 'Sources');
    await panel.getByRole('button', { name: 'New source', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'New source' }).getByRole('form', { name: 'New source' });
    expect(await form.getByRole('combobox', { name: 'Marking', exact: true }).inputValue()).toBe('subscribers');
    await form.getByRole('textbox', { name: 'Title', exact: true }).fill('Nujaba channel post');
    await form.getByRole('button', { name: 'Create source' }).click();
    const analyst = (await app.invoke('profiles.list', {})).find((p) => p.name === ANALYST.name)!;
    await expect.poll(async () => (await app.invoke('sources.list', { as: analyst.id })).items.map((s) => [s.title, s.marking])).toEqual([['Nujaba channel post', 'subscribers']]);
    await expectCleanRun(app);
  });

  it('an Arabic original sets the language to Arabic, and the title skips the basmala', async () => {
    const app = await openApp(browser(), { navigate: false, seed: subscribersCase });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, ANALYST.name);
    await ui.goToCases(page);
    await ui.openCase(page, CASE_TITLE);
    await ui.newStatementInCase(page);
    await expect.poll(() => ui.originalInput(page).isVisible()).toBe(true);
    await ui.originalInput(page).fill('بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ\nقررت المقاومة الإسلامية في العراق تحرير العراق عسكريا.');
    await ui.statementSummary(page).click();
    await expect.poll(() => ui.verbatimOriginal(page).isVisible()).toBe(true);
    await expect.poll(() => ui.statementField(page, 'Language of the original').inputValue(), { timeout: 10_000 }).toBe('ar');
    expect(await page.getByRole('main').getByText('Recognised from the script of the original; change it if it is wrong.').isVisible()).toBe(true);
    await expect.poll(() => ui.pageHeading(page, 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا.').isVisible()).toBe(true);
    await shot(page, 'defaults-new-statement');
    // The user can say otherwise.
    await ui.statementField(page, 'Language of the original').selectOption({ label: 'Persian' });
    await expect.poll(() => ui.saveState(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    await expect.poll(() => ui.statementField(page, 'Language of the original').inputValue()).toBe('fa');
    await expectCleanRun(app);
  });

  it("the reviewer's diff of a resubmission is against the revision sent back", async () => {
    const SUMMARY = 'Nujaba: the resistance will liberate Iraq';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const { me, reviewer } = await people(a);
        const st = await a.invoke('statements.create', { as: me.id, originalText: 'قررت المقاومة تحرير العراق. لا هدنة.', language: 'ar', summary: SUMMARY });
        const v0 = await a.invoke('translations.start', { as: me.id, statementId: st.id, targetLang: 'en' });
        const v1 = await a.invoke('translations.edit', { as: me.id, ...ref(v0), segments: [{ id: 's1', target: 'The resistance decided to free Iraq.' }, { id: 's2', target: 'No truce.' }] });
        const sub = await a.invoke('translations.submit', { as: me.id, ...ref(v1) });
        const back = await a.invoke('translations.requestChanges', { as: reviewer.id, ...ref(sub), comment: 'Say "liberate".' });
        const v2 = await a.invoke('translations.edit', { as: me.id, ...ref(back), segments: [{ id: 's1', target: 'The resistance decided to liberate Iraq.' }] });
        await a.invoke('translations.submit', { as: me.id, ...ref(v2) });
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, REVIEWER.name);
    await ui.openReview(page, SUMMARY);
    await expect.poll(() => ui.diffTable(page).isVisible()).toBe(true);
    expect(await page.getByRole('main').getByRole('heading', { name: 'Changes since revision 1 (last submitted, changes requested)', exact: true }).isVisible()).toBe(true);
    const s1 = ui.diffTable(page).locator('tr[data-segment="s1"]');
    expect(await s1.locator('del').allTextContents()).toEqual(['free']);
    expect(await s1.locator('ins').allTextContents()).toEqual(['liberate']);
    expect(await ui.diffTable(page).locator('tr[data-segment="s2"]').locator('ins, del').count()).toBe(0);
    await ui.diffTable(page).scrollIntoViewIfNeeded();
    await shot(page, 'defaults-resubmission-diff');
    await expectCleanRun(app);
  });

  it('made no request to any origin but the harness during the whole spec', () => {
    const handle = browser();
    expect(handle.requestsInFile).toBeGreaterThan(0);
    expectNoForeignRequests({ foreign: handle.foreignInFile });
  });
});
