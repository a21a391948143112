/**
 * How the specs talk to the screens, in one place: when the UI changes, adapt this file and
 * the specs keep reading the same. Only roles and accessible names (what a screen reader
 * hears), never CSS classes or DOM structure. See tests/e2e/README.md for the list the UI
 * must keep exposing.
 */
import type { Locator, Page } from 'playwright-core';

export const ROLE_LABELS = { analyst: 'Analyst', case_manager: 'Case manager', reviewer: 'Reviewer', admin: 'Administrator' } as const;
export type RoleName = keyof typeof ROLE_LABELS;

/** Matches `text` anywhere in an accessible name. */
export function containing(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

// --- first run and profiles -------------------------------------------------------------

/** The first-run screen (no profile on this desk yet). */
export function welcome(page: Page): Locator {
  return page.getByRole('heading', { name: 'Welcome to Casefile', level: 1 });
}

export async function createFirstProfile(page: Page, p: { name: string; initials: string; roles?: RoleName[] }): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: 'Name', exact: true }).fill(p.name);
  await main.getByRole('textbox', { name: 'Initials', exact: true }).fill(p.initials);
  if (p.roles) {
    for (const [role, label] of Object.entries(ROLE_LABELS) as [RoleName, string][]) {
      await main.getByRole('checkbox', { name: label, exact: true }).setChecked(p.roles.includes(role));
    }
  }
  await main.getByRole('button', { name: 'Create profile' }).click();
}

/** After the first profile: the offer of the sample case. */
export function sampleOffer(page: Page, profileName: string): Locator {
  return page.getByRole('heading', { name: `Hello, ${profileName}` });
}

export async function loadSampleCase(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load the sample case' }).click();
}

export async function startEmptyDesk(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start with an empty desk' }).click();
}

/** "Who is working?": one button per profile. */
export function profileChoice(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Profiles' }).getByRole('button', { name: containing(name) });
}

export async function chooseProfile(page: Page, name: string): Promise<void> {
  await profileChoice(page, name).click();
}

/** The title-bar button that names who is working. */
export function actingAs(page: Page, name: string): Locator {
  return page.getByRole('banner').getByRole('button', { name: `Working as ${name}. Switch profile` });
}

export async function switchProfile(page: Page, currentName: string): Promise<void> {
  await actingAs(page, currentName).click();
  await page.getByRole('menuitem', { name: 'Choose profile…' }).click();
}

// --- cases ---------------------------------------------------------------------------------

export function pageHeading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('main').getByRole('heading', { name, level: 1 });
}

export async function goToCases(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases', exact: true }).click();
}

export function caseList(page: Page): Locator {
  return page.getByRole('grid', { name: 'Cases' });
}

/** One case in the list, found by its title (a link to the case page). */
export function caseInList(page: Page, title: string): Locator {
  return caseList(page).getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

export async function openCase(page: Page, title: string): Promise<void> {
  await caseList(page).getByRole('link', { name: title, exact: true }).click();
}

/** Fills and submits the New case dialog; the app then shows the new case's page. */
export async function createCase(page: Page, c: { title: string; summary?: string }): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'New case' }).click();
  const form = page.getByRole('dialog', { name: 'New case' }).getByRole('form', { name: 'New case' });
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill(c.title);
  if (c.summary !== undefined) await form.getByRole('textbox', { name: 'Summary', exact: true }).fill(c.summary);
  await form.getByRole('button', { name: 'Create case' }).click();
}

export async function caseTab(page: Page, name: 'Overview' | 'Statements' | 'Sources' | 'Notes' | 'Timeline' | 'Activity'): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Case sections' }).getByRole('tab', { name, exact: true }).click();
  return page.getByRole('tabpanel', { name });
}

/** The case's statements: a grid named "Statements" (virtualized; bench:ui scrolls it). */
export function statementsGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Statements' });
}

// --- statements and notes ----------------------------------------------------------------

export function verbatimOriginal(page: Page): Locator {
  return page.getByRole('group', { name: 'Verbatim original' });
}

export function inspectButton(page: Page): Locator {
  return page.getByRole('main').getByRole('button', { name: 'Inspect', exact: true });
}

/** The confirmation shown before a link leaves the app. */
export function openLinkDialog(page: Page): Locator {
  const name = 'Open this link outside Casefile?';
  return page.getByRole('alertdialog', { name }).or(page.getByRole('dialog', { name }));
}
