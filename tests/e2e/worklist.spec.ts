// The workbench's everyday loop (issue 14), end to end against the real Core: a translator
// submits, the reviewer finds it in the inbox (counted in the sidebar) and sends it back, the
// translator finds it come back; a hashtag on a statement pivots to every statement that has
// it, and so does Ctrl+K #tag; a timeline event is edited.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectCleanRun, openApp, shot, textLayout, useBrowser } from './support';
import * as ui from './ui';

const browser = useBrowser();

const TRANSLATOR = { name: 'Jonas Berg', initials: 'JB', roles: ['analyst'] as 'analyst'[] };
const REVIEWER = { name: 'Salma Idris', initials: 'SI', roles: ['reviewer'] as 'reviewer'[] };
const CASE_TITLE = 'Iraqi resistance statements, November 2023';
const ORIGINAL = 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا #النجباء';
const TITLE = 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا #النجباء';
const OTHERS = ['بيان ثان عن #النجباء والانسحاب', 'ولا تحسبن الذين قتلوا #النُّجَباء'];
const UNRELATED = 'بيان عن الحدود #العراق';
const REQUEST = 'Keep the hashtag as it is in the original.';

function inboxLink(page: Page, count?: number) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  return count === undefined ? nav.getByRole('link', { name: /^Inbox/ }) : nav.getByRole('link', { name: `Inbox (${count} waiting on you)` });
}

function section(page: Page, name: RegExp) {
  return page.getByRole('main').getByRole('region', { name });
}

describe('the workbench: inbox, pivots, timeline', () => {
  it('a submission reaches the reviewer\'s inbox with a count, and comes back to the translator with the request', async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
        const tr = await a.invoke('profiles.create', { as: admin.id, ...TRANSLATOR });
        await a.invoke('profiles.create', { as: admin.id, ...REVIEWER });
        const kase = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE, assignees: [tr.id], dueDate: '2023-11-30', priority: 'high' });
        const st = await a.invoke('statements.create', { as: tr.id, originalText: ORIGINAL, language: 'ar', caseIds: [kase.id] });
        statementId = st.id;
        const v = await a.invoke('translations.start', { as: tr.id, statementId: st.id, targetLang: 'en' });
        await a.invoke('translations.edit', {
          as: tr.id, id: v.translation.id, rev: v.translation.rev,
          segments: [{ id: 's1', target: 'The Islamic resistance in Iraq has decided to liberate Iraq militarily #Nujaba' }],
        });
      },
    });
    await app.open();
    const { page } = app;

    // --- the translator submits from the statement --------------------------------------------
    await ui.chooseProfile(page, TRANSLATOR.name);
    await expect.poll(() => ui.actingAs(page, TRANSLATOR.name).isVisible()).toBe(true);
    // The overdue case is what waits on the translator before anything is submitted.
    await expect.poll(() => inboxLink(page, 1).isVisible()).toBe(true);
    await ui.openAddress(page, ui.statementAddress(statementId));
    await expect.poll(() => ui.segmentGrid(page).isVisible()).toBe(true);
    await ui.submitForReview(page);
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'In review').isVisible()).toBe(true);

    // --- the reviewer's inbox counts it and lists it ------------------------------------------
    await ui.switchProfile(page, TRANSLATOR.name);
    await ui.chooseProfile(page, REVIEWER.name);
    await expect.poll(() => inboxLink(page, 1).isVisible()).toBe(true);
    await inboxLink(page).focus();
    await page.keyboard.press('Enter');
    const review = section(page, /^Waiting for your review/);
    await expect.poll(() => review.getByRole('link', { name: TITLE, exact: true }).isVisible()).toBe(true);
    // The Arabic title reads right to left in its own isolate.
    const layout = await textLayout(review.getByRole('link', { name: TITLE, exact: true }).locator('bdi'));
    expect(new Set(layout.directions), JSON.stringify(layout)).toEqual(new Set(['rtl']));
    await shot(page, 'inbox');

    // --- sent back from the review the inbox opens ---------------------------------------------
    await review.getByRole('link', { name: TITLE, exact: true }).click();
    await expect.poll(() => ui.requestChangesButton(page).isVisible()).toBe(true);
    await ui.commentOnSegment(page, 1, REQUEST);
    await ui.requestChangesButton(page).click();
    await expect.poll(() => ui.translationState(page.getByRole('main'), 'Changes requested').isVisible()).toBe(true);
    await expect.poll(() => inboxLink(page).textContent()).toBe('Inbox');

    // --- and the translator finds it come back, with what to change -----------------------------
    await ui.switchProfile(page, REVIEWER.name);
    await ui.chooseProfile(page, TRANSLATOR.name);
    await expect.poll(() => inboxLink(page, 2).isVisible()).toBe(true);
    await inboxLink(page).click();
    const back = section(page, /^Sent back to you/);
    await expect.poll(() => back.getByRole('link', { name: TITLE, exact: true }).isVisible()).toBe(true);
    expect(await back.textContent()).toContain(REQUEST);
    expect(await back.textContent()).toContain(`sent back by ${REVIEWER.name}`);
    const due = section(page, /^Due/);
    expect(await due.getByText('Overdue').isVisible()).toBe(true);
    await shot(page, 'inbox-sent-back');
    await back.getByRole('link', { name: TITLE, exact: true }).click();
    await expect.poll(() => ui.translationState(ui.translationPane(page), 'Changes requested').isVisible()).toBe(true);
    await expectCleanRun(app);
  });

  it('a hashtag on a statement pivots to every statement that has it, and Ctrl+K #tag does too', async () => {
    let statementId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager', 'analyst'] });
        const st = await a.invoke('statements.create', { as: admin.id, originalText: ORIGINAL, language: 'ar' });
        statementId = st.id;
        for (const t of [...OTHERS, UNRELATED]) await a.invoke('statements.create', { as: admin.id, originalText: t, language: 'ar' });
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, 'Desk Admin');
    await ui.openAddress(page, ui.statementAddress(statementId));
    const tag = page.getByRole('list', { name: 'Hashtags' }).getByRole('link', { name: '#النجباء' });
    await expect.poll(() => tag.isVisible()).toBe(true);
    await tag.click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toBe('#/search?q=tag:النجباء');
    const results = page.getByRole('main');
    for (const t of OTHERS) await expect.poll(() => results.getByRole('link', { name: t }).isVisible()).toBe(true);
    expect(await results.getByRole('link', { name: UNRELATED }).count()).toBe(0);
    await shot(page, 'pivot-search');

    await ui.goToCases(page);
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Type a name or a command' });
    await input.fill('#النجباء');
    const option = page.getByRole('option', { name: /Everything with #النجباء/ });
    await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toBe('#/search?q=tag:النجباء');
    await expect.poll(() => results.getByRole('link', { name: OTHERS[0]! }).isVisible()).toBe(true);
    await expectCleanRun(app);
  });

  it('a timeline event is edited from the timeline', async () => {
    let caseId = '';
    let eventId = '';
    const app = await openApp(browser(), {
      navigate: false,
      seed: async (a) => {
        const admin = await a.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager', 'analyst'] });
        const kase = await a.invoke('cases.create', { as: admin.id, title: CASE_TITLE });
        caseId = kase.id;
        eventId = (await a.invoke('events.create', { as: admin.id, caseId: kase.id, occurredAt: '2023-10-30', title: 'Strike on Jurf al-Sakhar' })).id;
      },
    });
    await app.open();
    const { page } = app;
    await ui.chooseProfile(page, 'Desk Admin');
    await ui.openAddress(page, `/cases/${encodeURIComponent(caseId)}/timeline`);
    await page.getByRole('button', { name: 'Edit the event Strike on Jurf al-Sakhar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the event' });
    await dialog.getByRole('textbox', { name: 'What happened' }).fill('Drone strike on Jurf al-Sakhar');
    await dialog.getByRole('textbox', { name: 'Details' }).fill('Reported by two outlets');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Edit the event Drone strike on Jurf al-Sakhar' }).isVisible()).toBe(true);
    const admin = (await app.invoke('profiles.list', {}))[0]!;
    expect(await app.invoke('events.get', { as: admin.id, id: eventId })).toMatchObject({ rev: 2, title: 'Drone strike on Jurf al-Sakhar', description: 'Reported by two outlets' });
    await expectCleanRun(app);
  });
});
