import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { App } from '../../renderer/src/app/App';
import type { Desk } from './desk';
import { openDesk } from './desk';
import { workAs } from './setup';

type Who = { id: string };
const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const, 'reviewer' as const] };
const REVIEWER = { name: 'Salma Idris', roles: ['reviewer' as const] };
const COLLEAGUE = { name: 'Omar Faris', roles: ['analyst' as const] };

const ORIGINAL = 'قررت المقاومة تحرير العراق عسكريا. لا توقف ولا هدنة ولا تراجع!';

/** The analyst (translator), a reviewer and another analyst at one desk. */
async function desk3() {
  const desk = await openDesk({ profiles: [ANALYST, REVIEWER, COLLEAGUE] });
  desk.install();
  const [analyst, reviewer, colleague] = desk.profiles.map((p): Who => p);
  return { desk, analyst: analyst!, reviewer: reviewer!, colleague: colleague! };
}

/** A statement with an Arabic original, its translation into English started by the analyst. */
async function translated(desk: Desk, targets?: [string, string], opts: { submit?: boolean; approveBy?: Who } = {}) {
  const analyst = desk.profiles[0]!;
  const s = await desk.call(analyst, 'statements.create', { summary: 'Liberate Iraq', originalText: ORIGINAL, language: 'ar' });
  let v: TranslationView = await desk.call(analyst, 'translations.start', { statementId: s.id, targetLang: 'en' });
  if (targets) {
    v = await desk.call(analyst, 'translations.edit', {
      id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's1', target: targets[0] }, { id: 's2', target: targets[1] }],
    });
  }
  if (opts.submit || opts.approveBy) v = await desk.call(analyst, 'translations.submit', { id: v.translation.id, rev: v.translation.rev });
  if (opts.approveBy) v = await desk.call(opts.approveBy, 'translations.approve', { id: v.translation.id, rev: v.translation.rev });
  return { s, v };
}

/** What the Core holds now for the statement's English translation. */
const current = async (desk: Desk, statementId: string) => (await desk.call(desk.profiles[0]!, 'translations.get', { statementId, targetLang: 'en' }))!;

const segmentGrid = () => screen.findByRole('table', { name: 'Segments: Arabic → English' });

describe('translation pane', () => {
  it('shows the original segments and their translations side by side, the Arabic in its own right-to-left direction', async () => {
    const { desk, analyst } = await desk3();
    const { s } = await translated(desk, ['The resistance has decided to liberate Iraq militarily.', '']);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const grid = await segmentGrid();
    const rows = within(grid).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    // Row by row: the original sentence and its translation box in the same row.
    const source = first.querySelector('td.tr-source') as HTMLElement;
    expect(source.getAttribute('lang')).toBe('ar');
    expect(source.textContent).toBe('قررت المقاومة تحرير العراق عسكريا.');
    const lines = source.querySelectorAll('[dir="auto"]');
    expect(lines.length).toBeGreaterThan(0);
    expect([...lines].some((l) => l.textContent === 'قررت المقاومة تحرير العراق عسكريا.')).toBe(true);
    const box = within(first).getByRole('textbox', { name: 'Translation of segment 1' }) as HTMLTextAreaElement;
    expect(box.value).toBe('The resistance has decided to liberate Iraq militarily.');
    expect(box.getAttribute('dir')).toBe('auto');
    expect(box.getAttribute('lang')).toBe('en');
    expect((second.querySelector('td.tr-source') as HTMLElement).textContent).toBe('لا توقف ولا هدنة ولا تراجع!');
    expect(within(second).getByRole('textbox', { name: 'Translation of segment 2' })).toBeTruthy();
    // The state, with its XLIFF 2.0 equivalent as a tooltip.
    const badge = screen.getByText('Draft', { selector: '.tr-state' });
    expect(badge.getAttribute('title')).toContain('state="initial"');
    // Captured text is never HTML.
    expect(grid.querySelector('b, script, img')).toBeNull();
  });

  it('autosaves segment edits with the translation rev, and Submit for review submits the saved draft', async () => {
    const { desk, analyst } = await desk3();
    const { s, v } = await translated(desk);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    await segmentGrid();
    fireEvent.change(screen.getByRole('textbox', { name: 'Translation of segment 1' }), { target: { value: 'The resistance has decided.' } });
    expect(screen.getByText('Unsaved segment edits')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Segments saved')).toBeTruthy(), { timeout: 3000 });
    expect(desk.sent('translations.edit')).toEqual([
      { as: analyst.id, id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's1', target: 'The resistance has decided.' }] },
    ]);

    // The second segment is typed and Submit pressed at once: the edit is saved first, then submitted with the new rev.
    fireEvent.change(screen.getByRole('textbox', { name: 'Translation of segment 2' }), { target: { value: 'No stopping, no truce, no retreat!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(desk.sent('translations.submit')).toHaveLength(1));
    const edits = desk.sent('translations.edit');
    expect(edits[edits.length - 1]).toEqual({ as: analyst.id, id: v.translation.id, rev: v.translation.rev + 1, segments: [{ id: 's2', target: 'No stopping, no truce, no retreat!' }] });
    expect(desk.sent('translations.submit')[0]).toEqual({ as: analyst.id, id: v.translation.id, rev: v.translation.rev + 2 });
    expect(await screen.findByText('In review', { selector: '.tr-state' })).toBeTruthy();
    const now = await current(desk, s.id);
    expect(now.latest).toMatchObject({ number: 1, state: 'in_review', submittedBy: analyst.id });
    expect(now.latest.segments.map((x) => x.target)).toEqual(['The resistance has decided.', 'No stopping, no truce, no retreat!']);
    expect((screen.getByRole('textbox', { name: 'Translation of segment 1' }) as HTMLTextAreaElement).readOnly).toBe(true);
    // The sidebar counts what waits for review.
    await waitFor(() => expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: /^Review queue ?\(1 waiting\)$/ })).toBeTruthy());
  });

  it('saves a segment edit when the statement is left before the pause', async () => {
    const { desk, analyst } = await desk3();
    const { s, v } = await translated(desk);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    await segmentGrid();
    fireEvent.change(screen.getByRole('textbox', { name: 'Translation of segment 2' }), { target: { value: 'Left in a hurry' } });
    window.location.hash = '#/cases';
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    await waitFor(async () => {
      const now = await current(desk, s.id);
      expect(now.latest.segments[1]!.target).toBe('Left in a hurry');
    });
    expect(desk.sent('translations.edit').at(-1)).toMatchObject({ id: v.translation.id, segments: [{ id: 's2', target: 'Left in a hurry' }] });
  });

  it('a stale save shows a conflict; Keep my edits saves them on the newer rev', async () => {
    const { desk, analyst, colleague } = await desk3();
    const { s, v } = await translated(desk);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    await segmentGrid();
    // Someone else saves segment 2 first.
    await desk.call(colleague, 'translations.edit', { id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's2', target: 'Their words' }] });
    fireEvent.change(screen.getByRole('textbox', { name: 'Translation of segment 1' }), { target: { value: 'My words' } });
    const conflict = await screen.findByRole('region', { name: 'Someone else changed this translation while you were editing' }, { timeout: 3000 });
    expect(conflict.textContent).toContain('changed by someone else');
    expect(screen.getByText('Conflict — segments not saved')).toBeTruthy();
    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep my edits' }));
    await waitFor(() => expect(screen.getByText('Segments saved')).toBeTruthy());
    expect(desk.sent('translations.edit').at(-1)).toEqual({ as: analyst.id, id: v.translation.id, rev: v.translation.rev + 1, segments: [{ id: 's1', target: 'My words' }] });
    const now = await current(desk, s.id);
    expect(now.latest.segments.map((x) => x.target)).toEqual(['My words', 'Their words']);
    expect((screen.getByRole('textbox', { name: 'Translation of segment 2' }) as HTMLTextAreaElement).value).toBe('Their words');
  });

  it('says which segments a correction of the original changed, and only those', async () => {
    const { desk, analyst } = await desk3();
    const { s } = await translated(desk);
    await desk.call(analyst, 'statements.update', { id: s.id, rev: s.rev, originalText: ORIGINAL.replace('تراجع', 'رجوع'), correctionReason: 'Misread word' });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    await segmentGrid();
    // The Core re-aligned the translation by content: only segment 2's sentence changed.
    expect(screen.getByText(/The original was corrected after it was translated: segment 2 now reads differently/)).toBeTruthy();
    expect(screen.queryByText(/no longer has the text of/)).toBeNull();
  });

  it('merges a segment with the next and splits it again at the cursor', async () => {
    const { desk, analyst } = await desk3();
    const { s } = await translated(desk);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    await segmentGrid();
    fireEvent.click(screen.getByRole('button', { name: 'Merge segment 1 with the next' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: /^Segments/ })).getAllByRole('row')).toHaveLength(2));
    expect(desk.sent('translations.segment').at(-1)).toMatchObject({ action: 'merge', segmentId: 's1' });
    expect((await current(desk, s.id)).latest.segments.map((x) => x.source)).toEqual([ORIGINAL]);

    fireEvent.click(screen.getByRole('button', { name: 'Split segment 1…' }));
    const where = screen.getByRole('textbox', { name: 'Put the cursor where segment 1 should split' }) as HTMLTextAreaElement;
    const at = ORIGINAL.indexOf(' لا');
    where.setSelectionRange(at, at);
    fireEvent.select(where);
    fireEvent.click(screen.getByRole('button', { name: 'Split at cursor' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: /^Segments/ })).getAllByRole('row')).toHaveLength(3));
    expect(desk.sent('translations.segment').at(-1)).toMatchObject({ action: 'split', segmentId: 's1', at });
    const split = (await current(desk, s.id)).latest.segments;
    expect(split.map((x) => x.source)).toEqual(['قررت المقاومة تحرير العراق عسكريا.', 'لا توقف ولا هدنة ولا تراجع!']);
    for (const x of split) expect(ORIGINAL.slice(x.sourceStart, x.sourceEnd)).toBe(x.source);
  });

  it('offers approved translation memory for the focused segment and uses it on a click', async () => {
    const { desk, analyst, reviewer } = await desk3();
    await translated(desk, ['The resistance has decided to liberate Iraq militarily.', 'No stopping, no truce, no retreat!'], { approveBy: reviewer });
    const other = await desk.call(analyst, 'statements.create', { summary: 'Repeated', originalText: 'لا توقف ولا هدنة ولا تراجع!', language: 'ar' });
    await desk.call(analyst, 'translations.start', { statementId: other.id, targetLang: 'en' });
    workAs(analyst.id, `#/statements/${other.id}`);
    render(<App />);
    await segmentGrid();
    fireEvent.focus(screen.getByRole('textbox', { name: 'Translation of segment 1' }));
    const tm = await screen.findByRole('region', { name: 'Translation memory for segment 1' });
    expect(await within(tm).findByText('Exact 100%')).toBeTruthy();
    expect(tm.textContent).toContain('approved by Salma Idris');
    expect(await within(tm).findByRole('link', { name: 'Liberate Iraq' })).toBeTruthy();
    fireEvent.click(within(tm).getByRole('button', { name: /Use the exact match/ }));
    expect((screen.getByRole('textbox', { name: 'Translation of segment 1' }) as HTMLTextAreaElement).value).toBe('No stopping, no truce, no retreat!');
    await waitFor(() => expect(desk.sent('translations.edit').at(-1)).toMatchObject({ segments: [{ id: 's1', target: 'No stopping, no truce, no retreat!' }] }), { timeout: 3000 });
    await waitFor(async () => expect((await current(desk, other.id)).latest.segments[0]!.target).toBe('No stopping, no truce, no retreat!'));
  });

  it('shows "Approved by" with the approved text only when the Core says it is approved', async () => {
    const { desk, analyst, reviewer } = await desk3();
    const { s } = await translated(desk, ['The resistance has decided.', 'No truce!'], { approveBy: reviewer });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const approved = await screen.findByRole('region', { name: 'Approved translation' });
    expect(approved.textContent).toContain('Approved by Salma Idris');
    expect(approved.textContent).toContain('The resistance has decided.\nNo truce!');
    expect(screen.getByText('Approved', { selector: '.tr-state' }).getAttribute('title')).toContain('state="reviewed"');
  });
});

describe('review', () => {
  it('the translator is told four eyes keep them from approving, and sees the Core\'s refusal', async () => {
    const { desk, analyst } = await desk3();
    const { v } = await translated(desk, ['The resistance has decided.', 'No truce!'], { submit: true });
    workAs(analyst.id, `#/review/${v.translation.id}`);
    render(<App />);
    const approve = await screen.findByRole('button', { name: 'Approve' });
    expect(approve.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText(/four eyes keep you from approving it/)).toBeTruthy();
    fireEvent.click(approve);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Jonas Berg cannot approve revision 1: they are its translator. Four eyes: a translation is approved by a reviewer who did not write or edit it.',
    );
    expect(desk.sent('translations.approve')).toHaveLength(1);
    expect(screen.getByText('In review', { selector: '.tr-state' })).toBeTruthy();
    const now = await current(desk, v.translation.statementId);
    expect(now.latest).toMatchObject({ state: 'in_review', reviewedBy: null, approvedSha256: null });
    expect(now.approved).toBeNull();
  });

  it('a change request needs a comment; with one on a segment it sends the revision back', async () => {
    const { desk, reviewer } = await desk3();
    const { v } = await translated(desk, ['The resistance has decided.', 'No truce!'], { submit: true });
    workAs(reviewer.id, '#/review');
    render(<App />);
    const queue = await screen.findByRole('table', { name: 'Waiting for review' });
    fireEvent.click(within(queue).getByRole('link', { name: 'Liberate Iraq' }));
    const requestChanges = await screen.findByRole('button', { name: 'Request changes' });
    expect(screen.getByRole('button', { name: 'Approve' }).getAttribute('aria-disabled')).toBeNull();

    fireEvent.click(requestChanges);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Say what to change/);
    expect(desk.sent('translations.requestChanges')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Comment on segment 2' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Your comment on segment 2' }), { target: { value: 'Keep the rhythm: no stopping, no truce, no retreat.' } });
    fireEvent.click(requestChanges);
    await waitFor(() => expect(desk.sent('translations.requestChanges')).toHaveLength(1));
    expect(desk.sent('translations.requestChanges')[0]).toEqual({
      as: reviewer.id, id: v.translation.id, rev: v.translation.rev, comment: '',
      segmentComments: [{ segmentId: 's2', body: 'Keep the rhythm: no stopping, no truce, no retreat.' }],
    });
    expect(await screen.findByText('Changes requested', { selector: '.tr-state' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Comments on segment 2' }).textContent).toContain('Keep the rhythm');
    const now = await current(desk, v.translation.statementId);
    expect(now.latest).toMatchObject({ state: 'changes_requested', reviewedBy: reviewer.id });
    expect(now.comments).toMatchObject([{ segmentId: 's2', authorId: reviewer.id, kind: 'change_request', body: 'Keep the rhythm: no stopping, no truce, no retreat.' }]);
  });

  it('shows the word diff against the last approved revision with <ins> and <del>', async () => {
    const { desk, analyst, reviewer } = await desk3();
    const { v } = await translated(desk, ['The resistance has decided.', 'No truce!'], { approveBy: reviewer });
    let next = await desk.call(analyst, 'translations.edit', { id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's2', target: 'No stopping, no ceasefire!' }] });
    next = await desk.call(analyst, 'translations.submit', { id: next.translation.id, rev: next.translation.rev });
    expect(next.latest.number).toBe(2);
    workAs(reviewer.id, `#/review/${v.translation.id}`);
    render(<App />);
    const diff = await screen.findByRole('table', { name: 'Differences' });
    const row = diff.querySelector('tr[data-segment="s2"]') as HTMLElement;
    expect([...row.querySelectorAll('ins')].map((e) => e.textContent).join(' ')).toMatch(/stopping.*ceasefire/);
    expect([...row.querySelectorAll('del')].map((e) => e.textContent)).toEqual(['truce']);
    expect(row.textContent).toContain('No');
    expect((diff.querySelector('tr[data-segment="s1"]') as HTMLElement).querySelectorAll('ins, del')).toHaveLength(0);
    expect(screen.getByText(/Revision 2 against revision 1/).textContent).toMatch(/words? inserted/);
    expect(screen.getByRole('heading', { name: 'Changes since revision 1 (last approved)' })).toBeTruthy();

    // History: any two revisions, the same diff.
    window.location.hash = `#/translations/${v.translation.id}`;
    const revisions = await screen.findByRole('table', { name: 'Revisions' });
    expect(within(revisions).getAllByRole('row')).toHaveLength(3);
    fireEvent.change(screen.getByRole('combobox', { name: 'Compare revision' }), { target: { value: 'none' } });
    await waitFor(() => expect(screen.getByText(/Revision 2 against nothing/)).toBeTruthy());
    expect(screen.getByRole('table', { name: 'Differences' }).querySelectorAll('del')).toHaveLength(0);
  });
});
