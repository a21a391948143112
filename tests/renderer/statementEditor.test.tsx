import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import type { Input } from '../../shared/ipc/contract';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };
const COLLEAGUE = { name: 'Omar Faris', roles: ['analyst' as const] };

/** A desk with the analyst (and a colleague), and the analyst's editor open on a new statement. */
async function open(fields: Omit<Input<'statements.create'>, 'as'>) {
  const desk = await openDesk({ profiles: [ANALYST, COLLEAGUE] });
  desk.install();
  const analyst = desk.profiles[0]!;
  const colleague = desk.profiles[1]!;
  const s = await desk.call(analyst, 'statements.create', fields);
  workAs(analyst.id, `#/statements/${s.id}`);
  render(<App />);
  const stored = () => desk.call(analyst, 'statements.get', { id: s.id });
  return { desk, analyst, colleague, s, stored };
}

const saveState = () => screen.getByRole('main').querySelector('.save-state')!.textContent;

describe('statement editor', () => {
  it('lists the case files the statement is in, and removing it from one can be undone', async () => {
    const desk = await openDesk({ profiles: [{ name: 'Amira Haddad', roles: ['analyst', 'case_manager'] }] });
    desk.install();
    const manager = desk.profiles[0]!;
    const kase = await desk.call(manager, 'cases.create', { title: 'قضية النجباء', status: 'open', marking: 'internal' });
    const s = await desk.call(manager, 'statements.create', { summary: 'Threat', originalText: 'نص', caseIds: [kase.id] });
    const inCases = async () => (await desk.call(manager, 'cases.forItem', { itemType: 'statement', itemId: s.id })).map((c) => c.id);
    workAs(manager.id, `#/statements/${s.id}`);
    render(<App />);
    const panel = await screen.findByRole('region', { name: 'In case files' });
    expect(await within(panel).findByRole('link', { name: 'قضية النجباء' })).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove from قضية النجباء' }));
    await waitFor(() => expect(desk.sent('cases.removeItem')).toHaveLength(1));
    expect(await within(panel).findByText('Not in any case file.')).toBeTruthy();
    expect(await inCases()).toEqual([]);
    fireEvent.click(await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('button', { name: 'Undo' }));
    expect(await within(panel).findByRole('link', { name: 'قضية النجباء' })).toBeTruthy();
    expect(await inCases()).toEqual([kase.id]);
  });

  it('autosaves after a pause and says Saved', async () => {
    const { desk, analyst, s, stored } = await open({ summary: 'Draft', originalText: 'نص' });
    const summary = await screen.findByLabelText('Summary');
    fireEvent.change(summary, { target: { value: 'Threat against U.S. forces' } });
    expect(saveState()).toBe('Unsaved changes');
    // Not on every keystroke: nothing goes out until the pause.
    await new Promise((r) => setTimeout(r, 300));
    expect(desk.sent('statements.update')).toHaveLength(0);

    await waitFor(() => expect(saveState()).toBe('Saved'), { timeout: 3000 });
    expect(desk.sent('statements.update')).toEqual([{ as: analyst.id, id: s.id, rev: 1, summary: 'Threat against U.S. forces' }]);
    expect(await stored()).toMatchObject({ summary: 'Threat against U.S. forces', rev: 2, updatedBy: analyst.id });
  });

  it('saves an edit when the editor is left before the pause', async () => {
    const { stored } = await open({ summary: 'Draft' });
    fireEvent.change(await screen.findByLabelText('Summary'), { target: { value: 'Left in a hurry' } });
    window.location.hash = '#/cases';
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    await waitFor(async () => expect((await stored()).summary).toBe('Left in a hurry'));
  });

  it('captures the verbatim original when its box is left, exactly as typed', async () => {
    const { desk, stored } = await open({});
    const original = '  قال: ﴿وَمَا رَمَيْتَ﴾ #طوفان_الأقصى  \n';
    const box = await screen.findByLabelText('Verbatim original');
    expect(box.getAttribute('dir')).toBe('auto');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: original } });
    await new Promise((r) => setTimeout(r, 1200));
    // Still typing (focus is in the box): a pause does not capture.
    expect(desk.sent('statements.update')).toHaveLength(0);
    fireEvent.blur(box);
    await waitFor(async () => expect((await stored()).originalText).toBe(original));
    expect(await stored()).toMatchObject({ originalStatus: 'captured', hashtags: ['طوفان_الأقصى'] });
    // Once captured it is shown read-only; changing it is a correction.
    expect(await screen.findByRole('group', { name: 'Verbatim original' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Correct the original…' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Hashtags' }).textContent).toContain('#طوفان_الأقصى');
  });

  it('shows a stale save as a conflict with both versions, and Keep mine saves with the new rev', async () => {
    const { desk, analyst, colleague, s, stored } = await open({ summary: 'Original summary' });
    const summary = await screen.findByLabelText('Summary');
    // Someone else saves first.
    await desk.call(colleague, 'statements.update', { id: s.id, rev: s.rev, summary: 'Their summary' });
    fireEvent.change(summary, { target: { value: 'My summary' } });

    const conflict = await screen.findByRole('region', { name: 'Someone else saved this record while you were editing' }, { timeout: 3000 });
    const row = conflict.querySelector('tr[data-field="summary"]') as HTMLElement;
    expect(within(row).getByText('My summary')).toBeTruthy();
    expect(within(row).getByText('Their summary')).toBeTruthy();
    expect(saveState()).toBe('Conflict — not saved');
    expect(await stored()).toMatchObject({ summary: 'Their summary', rev: 2, updatedBy: colleague.id });

    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(saveState()).toBe('Saved'));
    const updates = desk.sent('statements.update');
    expect(updates[updates.length - 1]).toEqual({ as: analyst.id, id: s.id, rev: 2, summary: 'My summary' });
    expect(await stored()).toMatchObject({ summary: 'My summary', rev: 3, updatedBy: analyst.id });
    expect(screen.queryByRole('region', { name: /Someone else saved/ })).toBeNull();
  });

  it('Take theirs drops my edit', async () => {
    const { desk, colleague, s, stored } = await open({ summary: 'Original summary' });
    const summary = await screen.findByLabelText('Summary');
    await desk.call(colleague, 'statements.update', { id: s.id, rev: s.rev, summary: 'Their summary' });
    fireEvent.change(summary, { target: { value: 'My summary' } });
    const conflict = await screen.findByRole('region', { name: /Someone else saved/ }, { timeout: 3000 });
    fireEvent.click(within(conflict).getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe('Their summary'));
    expect(desk.sent('statements.update')).toHaveLength(1);
    expect(await stored()).toMatchObject({ summary: 'Their summary', rev: 2 });
  });

  it('shows bidi control characters as visible badges in inspect mode', async () => {
    await open({ originalText: 'بيان \u202Eevil.exe\u202C و \u2067@handle\u2069' });
    await screen.findByRole('group', { name: 'Verbatim original' });
    expect(screen.getByText(/Contains 4 hidden direction characters/)).toBeTruthy();
    expect(screen.queryByText('⟨RLO⟩')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Inspect' }));
    for (const name of ['⟨RLO⟩', '⟨PDF⟩', '⟨RLI⟩', '⟨PDI⟩']) expect(screen.getByText(name)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Inspect' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('holds a correction of the captured original until it has a reason', async () => {
    const { desk, analyst, s, stored } = await open({ originalText: 'الأصل' });
    fireEvent.click(await screen.findByRole('button', { name: 'Correct the original…' }));
    fireEvent.change(screen.getByLabelText('Corrected original'), { target: { value: 'الأصل المصحح' } });
    await new Promise((r) => setTimeout(r, 1100));
    expect(desk.sent('statements.update')).toHaveLength(0);
    expect(saveState()).toBe('Not saved yet');
    fireEvent.change(screen.getByLabelText('Reason for the correction'), { target: { value: 'Transcription typo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save correction' }));
    await waitFor(async () => expect((await stored()).originalText).toBe('الأصل المصحح'));
    expect(desk.sent('statements.update')[0]).toMatchObject({ rev: 1, originalText: 'الأصل المصحح', correctionReason: 'Transcription typo' });
    // The audit trail keeps both texts and the reason.
    const [entry] = await desk.call(analyst, 'audit.list', { recordType: 'statement', recordId: s.id, limit: 1 });
    expect(entry).toMatchObject({ actorId: analyst.id, changes: { originalText: ['الأصل', 'الأصل المصحح'], correctionReason: [null, 'Transcription typo'] } });
    expect(await screen.findByRole('group', { name: 'Verbatim original' })).toBeTruthy();
    expect(screen.queryByLabelText('Reason for the correction')).toBeNull();
  });
});
