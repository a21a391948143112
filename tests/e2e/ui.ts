/**
 * How the specs talk to the screens, in one place: when the UI changes, adapt this file and
 * the specs keep reading the same. Only roles and accessible names (what a screen reader
 * hears), never CSS classes or DOM structure. See tests/e2e/README.md for the list the UI
 * must keep exposing.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

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

/** The title bar's menu, opened: the "Switch to NAME" items it offers. */
export async function switchToOffers(page: Page, currentName: string): Promise<string[]> {
  await actingAs(page, currentName).click();
  await page.getByRole('menuitem', { name: 'Choose profile…' }).waitFor({ state: 'visible' });
  const names = await page.getByRole('menuitem', { name: /^Switch to / }).allTextContents();
  await page.keyboard.press('Escape');
  await page.getByRole('menu', { name: 'Profile' }).waitFor({ state: 'hidden' });
  return names.map((n) => n.replace(/^Switch to /, ''));
}

/** The Profiles page, from the title bar's menu. */
export async function goToProfiles(page: Page, currentName: string): Promise<void> {
  await actingAs(page, currentName).click();
  await page.getByRole('menuitem', { name: 'Profiles…' }).click();
}

/** On the Profiles page: one listitem per person on the desk. */
export function profileRow(page: Page, name: string): Locator {
  return page.getByRole('main').getByRole('region', { name: 'People on this desk' }).getByRole('listitem').filter({ hasText: name });
}

/** On the Profiles page (admin): the New profile form's fields, roles and Create button. */
export function newProfileForm(page: Page) {
  const form = page.getByRole('main').locator('form').filter({ has: page.getByRole('heading', { name: 'New profile' }) });
  return {
    name: form.getByRole('textbox', { name: 'Name', exact: true }),
    initials: form.getByRole('textbox', { name: 'Initials', exact: true }),
    role: (role: RoleName) => form.getByRole('checkbox', { name: ROLE_LABELS[role], exact: true }),
    create: form.getByRole('button', { name: 'Create profile', exact: true }),
    status: form.getByRole('status'),
    alerts: form.getByRole('alert'),
  };
}

/** On the Profiles page (admin): "Deactivate NAME" or "Reactivate NAME". */
export function profileActivation(page: Page, verb: 'Deactivate' | 'Reactivate', name: string): Locator {
  return page.getByRole('main').getByRole('button', { name: `${verb} ${name}`, exact: true });
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

export async function caseTab(page: Page, name: 'Overview' | 'Statements' | 'Sources' | 'Reports' | 'Notes' | 'Timeline' | 'Activity'): Promise<Locator> {
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

// --- navigation and addresses --------------------------------------------------------------

export type MainSection = 'Cases' | 'Sources' | 'Reports' | 'Actors' | 'Search' | 'Trash';

export async function goTo(page: Page, section: MainSection): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section, exact: true }).click();
}

/**
 * Goes straight to an address inside the app (`/statements/ID`), as a link or a bookmark
 * would: the app is one page and the hash is its address (see router.tsx).
 */
export async function openAddress(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => { window.location.hash = p; }, path);
}

export function statementAddress(id: string): string {
  return `/statements/${encodeURIComponent(id)}`;
}

/** A page's save state as the editor shows it ("Saved", "Saving…", "Conflict — not saved"…). */
export function saveState(page: Page): Locator {
  return page.getByRole('main').getByRole('status').filter({
    hasText: /^(Saved|Saving…|Not saved yet|Unsaved changes|Not saved|Offline — not saved|Conflict — not saved)$/,
  });
}

/** The toasts (bottom corner): the last destructive action's Undo lives here. */
export function notifications(page: Page): Locator {
  return page.getByRole('region', { name: 'Notifications' });
}

export function toast(page: Page, text: string | RegExp): Locator {
  return notifications(page).getByText(text);
}

// --- statements ----------------------------------------------------------------------------

/** From a case page: Statements tab, "New statement"; the app opens the new statement's editor. */
export async function newStatementInCase(page: Page): Promise<void> {
  const panel = await caseTab(page, 'Statements');
  await panel.getByRole('button', { name: 'New statement', exact: true }).click();
}

/** The box the original is typed into until it is captured (then it is the read-only group). */
export function originalInput(page: Page): Locator {
  return page.getByRole('main').getByRole('textbox', { name: 'Verbatim original', exact: true });
}

export function statementSummary(page: Page): Locator {
  return page.getByRole('main').getByRole('textbox', { name: 'Summary', exact: true });
}

export type EntityGroup = 'Hashtags' | 'Mentions' | 'Scripture references' | 'Links (not loaded)';

/** The chips detected in the text (hashtags, scripture references…), one listitem each. */
export function entityChips(page: Page, group: EntityGroup): Locator {
  return page.getByRole('main').getByRole('list', { name: group, exact: true }).getByRole('listitem');
}

export function trashStatementButton(page: Page): Locator {
  return page.getByRole('main').getByRole('button', { name: 'Move to trash', exact: true });
}

/** A statement in the case's Statements grid, by its title (its summary). */
export function statementInCase(page: Page, title: string): Locator {
  return statementsGrid(page).getByRole('link', { name: title, exact: true });
}

// --- conflicts -----------------------------------------------------------------------------

export function conflictView(page: Page): Locator {
  return page.getByRole('region', { name: 'Someone else saved this record while you were editing' });
}

export async function resolveConflict(page: Page, how: 'Keep mine' | 'Take theirs'): Promise<void> {
  await conflictView(page).getByRole('button', { name: how, exact: true }).click();
}

// --- sources and attachments -------------------------------------------------------------

/** From a case page: Sources tab, New source, title, Create source; the source joins the case. */
export async function createSourceInCase(page: Page, title: string): Promise<void> {
  const panel = await caseTab(page, 'Sources');
  await panel.getByRole('button', { name: 'New source', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New source' }).getByRole('form', { name: 'New source' });
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await form.getByRole('button', { name: 'Create source' }).click();
}

/** The attachments panel of a record page (its heading reads "Attachments N"). */
export function attachmentsPanel(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: /^Attachments\b/ });
}

/** The file chooser of the attachments panel (an <input type=file> labelled "Choose files…"). */
export function chooseFilesInput(page: Page): Locator {
  return attachmentsPanel(page).getByLabel('Choose files…');
}

/** The drop target inside the attachments panel (the drop zone's own words). */
export function dropZone(page: Page): Locator {
  return attachmentsPanel(page).getByText('Drop screenshots, videos, PDFs or saved pages here.');
}

export interface DroppedFile { name: string; mimeType: string; bytes: Uint8Array }

/**
 * Drops files on `target` the way the OS does: dragenter, dragover, drop, each carrying a
 * DataTransfer with real File objects made in the page from the given bytes.
 */
export async function dropFiles(target: Locator, files: DroppedFile[]): Promise<void> {
  const wire = files.map((f) => ({ name: f.name, type: f.mimeType, b64: Buffer.from(f.bytes).toString('base64') }));
  const dt = await target.evaluateHandle((_el, list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return transfer;
  }, wire);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: dt });
  await dt.dispose();
}

/** One attachment in the panel, by its file name (its Verify button names it). */
export function attachmentItem(page: Page, fileName: string): Locator {
  return attachmentsPanel(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: `Verify ${fileName}`, exact: true }) });
}

// --- notes ---------------------------------------------------------------------------------

/** Writes a note in a notes panel (markdown) and adds it. */
export async function addNote(panel: Locator, body: string): Promise<void> {
  const form = panel.getByRole('form', { name: 'New note' });
  await form.getByRole('textbox', { name: 'Note text', exact: true }).fill(body);
  await form.getByRole('button', { name: 'Add note', exact: true }).click();
}

// --- search --------------------------------------------------------------------------------

/** On the search page: types the query and submits it. */
export async function search(page: Page, q: string): Promise<void> {
  const form = page.getByRole('search', { name: 'Search all records' });
  await form.getByRole('searchbox', { name: 'Search', exact: true }).fill(q);
  await form.getByRole('searchbox', { name: 'Search', exact: true }).press('Enter');
}

export function searchResults(page: Page): Locator {
  return page.getByRole('main').getByRole('list', { name: 'Results', exact: true }).getByRole('listitem');
}

/** A hit's snippet: the paragraph of matched text under its title, highlights as <mark>. */
export function hitSnippet(hit: Locator): Locator {
  return hit.getByRole('paragraph');
}

// --- trash ---------------------------------------------------------------------------------

export function restoreButton(page: Page, title: string): Locator {
  return page.getByRole('main').getByRole('button', { name: `Restore ${title}`, exact: true });
}

// --- keyboard ------------------------------------------------------------------------------

/** The Ctrl+K quick switcher: its combobox, where a name or a command is typed. */
export function paletteInput(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Go to or do' }).getByRole('combobox', { name: 'Type a name or a command' });
}

export function paletteOption(page: Page, label: string | RegExp): Locator {
  return page.getByRole('dialog', { name: 'Go to or do' }).getByRole('option', { name: label });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, opts: { max?: number; back?: boolean } = {}): Promise<number> {
  const max = opts.max ?? 60;
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`tabTo: ${target.toString()} never got the focus in ${max} presses of Tab`);
}

/** The focused element draws a ring: a computed outline or box-shadow (what :focus-visible gives). */
export async function focusRing(page: Page): Promise<{ tag: string; name: string; outline: string; boxShadow: string } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}` : 'none';
    return { tag: el.tagName.toLowerCase(), name: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '', outline, boxShadow: cs.boxShadow };
  });
}

/**
 * Gets to the workstation as `name`: picks the profile when the app asks who is working, or
 * goes on when it remembers (a second window of the same desk does).
 */
export async function enterAs(page: Page, name: string, timeoutMs = 10_000): Promise<void> {
  const choice = profileChoice(page, name);
  const working = actingAs(page, name);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await working.isVisible()) return;
    if (await choice.isVisible()) {
      await choice.click();
      await working.waitFor({ state: 'visible', timeout: timeoutMs });
      return;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`enterAs: neither the profile choice nor the title bar for ${name} appeared`);
}

/**
 * Keyboard only: Ctrl+K, types `query`, moves with the arrow keys to the option named `option`
 * and presses Enter.
 */
export async function runFromPalette(page: Page, query: string, option: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  const input = paletteInput(page);
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(query);
  const target = paletteOption(page, option).first();
  await target.waitFor({ state: 'visible' });
  const options = page.getByRole('dialog', { name: 'Go to or do' }).getByRole('option');
  for (let i = 0; i < 30 && (await target.getAttribute('aria-selected')) !== 'true'; i++) {
    const before = await options.evaluateAll((els) => els.findIndex((e) => e.getAttribute('aria-selected') === 'true'));
    const want = await target.evaluate((el) => [...el.parentElement!.children].indexOf(el));
    await page.keyboard.press(want > before ? 'ArrowDown' : 'ArrowUp');
  }
  if ((await target.getAttribute('aria-selected')) !== 'true') throw new Error(`runFromPalette: could not select ${String(option)}`);
  // Selected by default (first in the list) is not chosen yet: later results can still move in
  // above it. Moving to it with the arrows keeps it chosen, as a user's own move does.
  const at = await options.evaluateAll((els) => els.findIndex((e) => e.getAttribute('aria-selected') === 'true'));
  if (at === 0) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
  }
  if ((await target.getAttribute('aria-selected')) !== 'true') throw new Error(`runFromPalette: could not select ${String(option)}`);
  await page.keyboard.press('Enter');
}

// --- translations ----------------------------------------------------------------------------

/** The statement page's translation pane (a region named by its heading). */
export function translationPane(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: 'Translation', exact: true });
}

/** With no translation yet: picks the target language and starts (the original is split into segments). */
export async function startTranslation(page: Page, language = 'English'): Promise<void> {
  const pane = translationPane(page);
  await pane.getByRole('combobox', { name: 'Translate into' }).selectOption({ label: language });
  await pane.getByRole('button', { name: 'Start translation', exact: true }).click();
}

/** The side-by-side grid: one row per segment, the original and its translation. */
export function segmentGrid(page: Page): Locator {
  return translationPane(page).getByRole('table', { name: /^Segments/ });
}

/** The box a segment's translation is typed into (1-based, as shown). */
export function segmentTarget(page: Page, n: number): Locator {
  return page.getByRole('main').getByRole('textbox', { name: `Translation of segment ${n}`, exact: true });
}

/** A segment's row in the grid. */
export function segmentRow(page: Page, n: number): Locator {
  return segmentGrid(page).getByRole('row').filter({ has: page.getByRole('textbox', { name: `Translation of segment ${n}`, exact: true }) });
}

/** The original text of a segment: the row's first cell. */
export function segmentSource(page: Page, n: number): Locator {
  return segmentRow(page, n).getByRole('cell').first();
}

/** The autosave state of segment edits ("Segments saved", "Saving segments…"…). */
export function segmentsSaveState(page: Page): Locator {
  return translationPane(page).getByRole('status').filter({
    hasText: /^(Segments saved|Saving segments…|Unsaved segment edits|Segments not saved|Offline — segments not saved|Conflict — segments not saved)$/,
  });
}

/** A translation state as its badge reads it (Draft, In review, Changes requested, Approved, Final). */
export function translationState(scope: Locator, state: 'Draft' | 'In review' | 'Changes requested' | 'Approved' | 'Final'): Locator {
  return scope.getByText(state, { exact: true });
}

export async function submitForReview(page: Page): Promise<void> {
  await translationPane(page).getByRole('button', { name: 'Submit for review', exact: true }).click();
}

/** The sidebar's link to the review queue; its name carries the count ("Review queue (2 waiting)"). */
export function reviewQueueLink(page: Page, waiting?: number): Locator {
  const name = waiting === undefined ? /^Review queue/ : `Review queue (${waiting} waiting)`;
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** The queue's table, one row per revision waiting, a link per statement title. */
export function reviewQueue(page: Page): Locator {
  return page.getByRole('main').getByRole('table', { name: 'Waiting for review' });
}

export async function openReview(page: Page, statementTitle: string): Promise<void> {
  await reviewQueueLink(page).click();
  await reviewQueue(page).getByRole('link', { name: statementTitle, exact: true }).click();
}

export function approveButton(page: Page): Locator {
  return page.getByRole('main').getByRole('button', { name: 'Approve', exact: true });
}

export function requestChangesButton(page: Page): Locator {
  return page.getByRole('main').getByRole('button', { name: 'Request changes', exact: true });
}

/** On the review page: opens the comment box of segment `n` and writes in it. */
export async function commentOnSegment(page: Page, n: number, body: string): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: `Comment on segment ${n}`, exact: true }).click();
  await page.getByRole('main').getByRole('textbox', { name: `Your comment on segment ${n}`, exact: true }).fill(body);
}

/** The word diff (review and history): a table named "Differences" with <ins>/<del> in its cells. */
export function diffTable(page: Page): Locator {
  return page.getByRole('main').getByRole('table', { name: 'Differences' });
}

/** The approved translation as the statement page shows it. */
export function approvedTranslation(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: 'Approved translation' });
}

// --- corrections ------------------------------------------------------------------------------

/** On a statement page: corrects the captured original, giving the reason, and saves it. */
export async function correctOriginal(page: Page, text: string, reason: string): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: 'Correct the original…', exact: true }).click();
  await main.getByRole('textbox', { name: 'Corrected original', exact: true }).fill(text);
  await main.getByRole('textbox', { name: 'Reason for the correction', exact: true }).fill(reason);
  await main.getByRole('button', { name: 'Save correction', exact: true }).click();
}

/** In the segment grid: what a corrected segment read before the correction (a note in its row). */
export function segmentBeforeCorrection(page: Page, n: number): Locator {
  return translationPane(page).getByRole('note', { name: `Segment ${n} before the correction`, exact: true });
}

/** The case's Activity tab: one listitem per entry (who, what, which record, when). */
export function activityEntries(page: Page): Locator {
  return page.getByRole('main').getByRole('list', { name: 'Activity', exact: true }).getByRole('listitem');
}

/** The activity entries' texts once the first page has loaded (not the "Loading activity…" placeholder). */
export async function activityTexts(page: Page): Promise<string[]> {
  const entries = activityEntries(page);
  await expect.poll(async () => {
    const texts = await entries.allTextContents();
    return texts.length > 0 && !texts.some((t) => t.includes('Loading activity…'));
  }, { timeout: 10_000 }).toBe(true);
  return (await entries.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
}

/** A segment's "Comments (N)" toggle in the translation grid. */
export function segmentComments(page: Page, n: number): Locator {
  return translationPane(page).getByRole('button', { name: new RegExp(`^Comments \\(\\d+\\) on segment ${n}$`) });
}

/** A record page's notes panel (a region named by its heading, "Notes N"). */
export function notesPanel(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: /^Notes\b/ });
}

// --- case overview and statement fields ---------------------------------------------------------

/** The overview's "In this case" panel: the counts and when the case last changed. */
export function caseCounts(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: 'In this case', exact: true });
}

/** One count of the overview ("Statements", "Sources"…): the definition beside its term. */
export function caseCount(page: Page, label: 'Statements' | 'Sources' | 'Reports' | 'Timeline events'): Locator {
  return caseCounts(page).getByRole('group').or(caseCounts(page).locator('div'))
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) }).getByRole('definition');
}

/** A select of the statement editor, by its label ("Marking", "Language of the original"). */
export function statementField(page: Page, label: string): Locator {
  return page.getByRole('main').getByRole('combobox', { name: label, exact: true });
}

/** On a statement page: cites a source from the library, picked by its title. */
export async function citeFromLibrary(page: Page, title: string): Promise<void> {
  await page.getByRole('main').getByRole('region', { name: 'Cited sources', exact: true }).getByRole('button', { name: 'Add from library…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Cite a source' });
  await dialog.getByRole('list', { name: 'Matching sources' }).getByRole('button', { name: containing(title) }).click();
}

// --- who may do what, and whose edits are whose ---------------------------------------------

/** A text field of the editor on screen, by its label. */
export function textField(page: Page, label: string): Locator {
  return page.getByRole('main').getByRole('textbox', { name: label, exact: true });
}

/** The note above a form the acting profile may read but not change ("Read-only for this profile. …"). */
export function readOnlyNote(page: Page): Locator {
  return page.getByRole('main').getByRole('note').filter({ hasText: /^Read-only for this profile\./ });
}

/** Another profile's unsaved edits of the record on screen, set aside under their name. */
export function parkedEdits(page: Page, author: string): Locator {
  return page.getByRole('main').getByRole('region', { name: `Unsaved edits by ${author}`, exact: true });
}

/** What the toasts say now, all of them. */
export async function toastText(page: Page): Promise<string> {
  return (await notifications(page).textContent()) ?? '';
}

// --- reports ---------------------------------------------------------------------------------

/** A grid of reports (the sidebar's Reports page, a case's Reports tab): a link per report named by its headline. */
export function reportsGrid(page: Page): Locator {
  return page.getByRole('main').getByRole('grid', { name: 'Reports' });
}

/** From a case page: Reports tab, New report, the headline, Create report; the editor opens on it. */
export async function newReportInCase(page: Page, headline: string): Promise<void> {
  const panel = await caseTab(page, 'Reports');
  await panel.getByRole('button', { name: 'New report', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'New report' }).getByRole('form', { name: 'New report' });
  await form.getByRole('textbox', { name: 'Headline', exact: true }).fill(headline);
  await form.getByRole('button', { name: 'Create report', exact: true }).click();
}

export type ReportTextField = 'Headline' | 'Dateline place' | 'Dateline date' | 'Lead' | 'Body';

/** A field of the report editor, by its label. */
export function reportField(page: Page, label: ReportTextField): Locator {
  return page.getByRole('main').getByLabel(label, { exact: true });
}

export function hijriOption(page: Page): Locator {
  return page.getByRole('main').getByRole('checkbox', { name: 'Show the Hijri date', exact: true });
}

/** The live preview (a region named by its heading), holding the document as an article. */
export function reportPreview(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: /^(Preview|Version \d+ as published)$/ }).getByRole('article');
}

/** The preview's numbered source list. */
export function previewFootnotes(page: Page): Locator {
  return reportPreview(page).getByRole('region', { name: 'Footnotes' }).getByRole('listitem');
}

/** What would stop an export, beside the preview: one listitem per warning. */
export function reportWarnings(page: Page): Locator {
  return page.getByRole('main').getByRole('list', { name: 'Warnings', exact: true }).getByRole('listitem');
}

/** The citation dialog (Ctrl+Shift+C or "Insert citation…"): picks a source by title, with an optional locator. */
export async function citeInDialog(page: Page, find: string, title: string, locator = ''): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Insert a citation' });
  await dialog.getByRole('searchbox', { name: 'Find sources' }).fill(find);
  await dialog.getByRole('list', { name: 'Matching sources' }).getByRole('button', { name: containing(title) }).click();
  if (locator) await dialog.getByRole('textbox', { name: 'Locator (optional)' }).fill(locator);
  await dialog.getByRole('button', { name: 'Insert citation', exact: true }).click();
}

/** The quotation dialog: one button per statement, its name carrying where its translations stand. */
export function quoteChoices(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Insert a quotation' }).getByRole('list', { name: 'Matching statements' }).getByRole('button');
}

/**
 * The quotation dialog (Ctrl+Shift+Q or "Insert quotation…"): finds a statement, picks it, then
 * the wording (a radio whose name contains `wording`, e.g. "revision 1: In review" or "Published
 * wording") and how it shows.
 */
export async function quoteInDialog(page: Page, find: string, title: string, wording: string | RegExp, how: 'block' | 'inline' = 'block'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Insert a quotation' });
  await dialog.getByRole('searchbox', { name: 'Find statements' }).fill(find);
  await quoteChoices(page).filter({ hasText: title }).click();
  await dialog.getByRole('radio', { name: typeof wording === 'string' ? containing(wording) : wording }).check();
  await dialog.getByRole('radio', { name: how === 'block' ? /^As a block quotation/ : /^Inline, in quotation marks/ }).check();
  await dialog.getByRole('button', { name: 'Insert quotation', exact: true }).click();
}

export type ExportFormatLabel = 'Markdown (.md)' | 'HTML (.html)' | 'Word (.docx)' | 'PDF (.pdf)';

/** The Export menu button ("Export", or "Export version N" in the versions table) and one of its formats. */
export async function exportAs(page: Page, format: ExportFormatLabel, button = 'Export'): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: button, exact: true }).click();
  // The open menu is named by its button (react-aria labels it so).
  await page.getByRole('menu', { name: button }).getByRole('menuitem', { name: format, exact: true }).click();
}

/** A refused export or publication ("Exporting as Markdown was refused"), listing what stands in the way. */
export function refusalDialog(page: Page): Locator {
  return page.getByRole('alertdialog', { name: /was refused$/ });
}

/** The report's Publish button ("Publish…"); it says why beside it when the profile may not. */
export function publishButton(page: Page): Locator {
  return page.getByRole('main').getByRole('button', { name: 'Publish…', exact: true });
}

/** The confirmation before publishing ("Publish version N?"), listing what will be frozen. */
export function publishDialog(page: Page, version: number): Locator {
  return page.getByRole('alertdialog', { name: `Publish version ${version}?` });
}

/** The report's published versions: one row per version, the files' SHA-256 in <code>. */
export function versionsTable(page: Page): Locator {
  return page.getByRole('main').getByRole('table', { name: 'Published versions' });
}

/** The versions' comparison: two selects and the table of differences (<ins>/<del>). */
export async function compareVersions(page: Page, from: string, to: string): Promise<Locator> {
  await page.getByRole('main').getByRole('combobox', { name: 'Compare from' }).selectOption({ label: from });
  await page.getByRole('main').getByRole('combobox', { name: 'Compare to' }).selectOption({ label: to });
  return page.getByRole('main').getByRole('table', { name: 'Differences between versions' });
}

/** The import preview ("Import a published report"): nothing is written before its Import button. */
export function importDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Import a published report' });
}

// --- long operations ---------------------------------------------------------------------------

/** The status area (bottom start) where long operations show their progress and Cancel. */
export function statusArea(page: Page): Locator {
  return page.getByRole('region', { name: 'Background work' });
}

export function operationProgress(page: Page, label: string): Locator {
  return statusArea(page).getByRole('progressbar', { name: label });
}

export function cancelOperationButton(page: Page, label: string): Locator {
  return statusArea(page).getByRole('button', { name: `Cancel: ${label}`, exact: true });
}
