import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import { workAs } from './setup';

const analyst = profile('Jonas Berg', ['analyst'], 1);

function open(core: ReturnType<typeof fakeCore>, fields: Record<string, unknown>) {
  core.install();
  const s = core.seed('statement', fields);
  workAs(analyst.id, `#/statements/${s.id}`);
  render(<App />);
  return s;
}

const saveState = () => screen.getByRole('main').querySelector('.save-state')!.textContent;

describe('statement editor', () => {
  it('lists the case files the statement is in, and removing it from one can be undone', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const kase = core.seed('case', { title: 'قضية النجباء', status: 'open', marking: 'internal' });
    const s = core.seed('statement', { summary: 'Threat', originalText: 'نص' }, [kase.id]);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const panel = await screen.findByRole('region', { name: 'In case files' });
    expect(await within(panel).findByRole('link', { name: 'قضية النجباء' })).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove from قضية النجباء' }));
    await waitFor(() => expect(core.calls('cases.removeItem')).toHaveLength(1));
    expect(await within(panel).findByText('Not in any case file.')).toBeTruthy();
    fireEvent.click(await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('button', { name: 'Undo' }));
    expect(await within(panel).findByRole('link', { name: 'قضية النجباء' })).toBeTruthy();
  });

  it('autosaves after a pause and says Saved', async () => {
    const core = fakeCore({ profiles: [analyst] });
    const s = open(core, { summary: 'Draft', originalText: 'نص' });
    const summary = await screen.findByLabelText('Summary');
    fireEvent.change(summary, { target: { value: 'Threat against U.S. forces' } });
    expect(saveState()).toBe('Unsaved changes');
    // Not on every keystroke: nothing goes out until the pause.
    await new Promise((r) => setTimeout(r, 300));
    expect(core.calls('statements.update')).toHaveLength(0);

    await waitFor(() => expect(saveState()).toBe('Saved'), { timeout: 3000 });
    expect(core.calls('statements.update')).toEqual([{ as: analyst.id, id: s.id, rev: 1, summary: 'Threat against U.S. forces' }]);
    expect(core.get('statement', s.id)!.summary).toBe('Threat against U.S. forces');
  });

  it('saves an edit when the editor is left before the pause', async () => {
    const core = fakeCore({ profiles: [analyst] });
    const s = open(core, { summary: 'Draft' });
    fireEvent.change(await screen.findByLabelText('Summary'), { target: { value: 'Left in a hurry' } });
    window.location.hash = '#/cases';
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    await waitFor(() => expect(core.get('statement', s.id)!.summary).toBe('Left in a hurry'));
  });

  it('captures the verbatim original when its box is left, exactly as typed', async () => {
    const core = fakeCore({ profiles: [analyst] });
    const s = open(core, {});
    const original = '  قال: ﴿وَمَا رَمَيْتَ﴾ #طوفان_الأقصى  \n';
    const box = await screen.findByLabelText('Verbatim original');
    expect(box.getAttribute('dir')).toBe('auto');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: original } });
    await new Promise((r) => setTimeout(r, 1200));
    // Still typing (focus is in the box): a pause does not capture.
    expect(core.calls('statements.update')).toHaveLength(0);
    fireEvent.blur(box);
    await waitFor(() => expect(core.get('statement', s.id)!.originalText).toBe(original));
    // Once captured it is shown read-only; changing it is a correction.
    expect(await screen.findByRole('group', { name: 'Verbatim original' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Correct the original…' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Hashtags' }).textContent).toContain('#طوفان_الأقصى');
  });

  it('shows a stale save as a conflict with both versions, and Keep mine saves with the new rev', async () => {
    const core = fakeCore({ profiles: [analyst] });
    const s = open(core, { summary: 'Original summary' });
    const summary = await screen.findByLabelText('Summary');
    // Someone else saves first.
    core.change('statement', s.id, { summary: 'Their summary' });
    fireEvent.change(summary, { target: { value: 'My summary' } });

    const conflict = await screen.findByRole('region', { name: 'Someone else saved this record while you were editing' }, { timeout: 3000 });
    const row = conflict.querySelector('tr[data-field="summary"]') as HTMLElement;
    expect(within(row).getByText('My summary')).toBeTruthy();
    expect(within(row).getByText('Their summary')).toBeTruthy();
    expect(saveState()).toBe('Conflict — not saved');
    expect(core.get('statement', s.id)!.summary).toBe('Their summary');

    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(saveState()).toBe('Saved'));
    const updates = core.calls('statements.update');
    expect(updates[updates.length - 1]).toEqual({ as: analyst.id, id: s.id, rev: 2, summary: 'My summary' });
    expect(core.get('statement', s.id)!.summary).toBe('My summary');
    expect(screen.queryByRole('region', { name: /Someone else saved/ })).toBeNull();
  });

  it('Take theirs drops my edit', async () => {
    const core = fakeCore({ profiles: [analyst] });
    const s = open(core, { summary: 'Original summary' });
    const summary = await screen.findByLabelText('Summary');
    core.change('statement', s.id, { summary: 'Their summary' });
    fireEvent.change(summary, { target: { value: 'My summary' } });
    const conflict = await screen.findByRole('region', { name: /Someone else saved/ }, { timeout: 3000 });
    fireEvent.click(within(conflict).getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe('Their summary'));
    expect(core.calls('statements.update')).toHaveLength(1);
  });

  it('shows bidi control characters as visible badges in inspect mode', async () => {
    const core = fakeCore({ profiles: [analyst] });
    open(core, { originalText: 'بيان \u202Eevil.exe\u202C و \u2067@handle\u2069' });
    await screen.findByRole('group', { name: 'Verbatim original' });
    expect(screen.getByText(/Contains 4 hidden direction characters/)).toBeTruthy();
    expect(screen.queryByText('⟨RLO⟩')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Inspect' }));
    for (const name of ['⟨RLO⟩', '⟨PDF⟩', '⟨RLI⟩', '⟨PDI⟩']) expect(screen.getByText(name)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Inspect' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('holds a correction of the captured original until it has a reason', async () => {
    const core = fakeCore({ profiles: [analyst] });
    const s = open(core, { originalText: 'الأصل' });
    fireEvent.click(await screen.findByRole('button', { name: 'Correct the original…' }));
    fireEvent.change(screen.getByLabelText('Corrected original'), { target: { value: 'الأصل المصحح' } });
    await new Promise((r) => setTimeout(r, 1100));
    expect(core.calls('statements.update')).toHaveLength(0);
    expect(saveState()).toBe('Not saved yet');
    fireEvent.change(screen.getByLabelText('Reason for the correction'), { target: { value: 'Transcription typo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save correction' }));
    await waitFor(() => expect(core.get('statement', s.id)!.originalText).toBe('الأصل المصحح'));
    expect(core.calls('statements.update')[0]).toMatchObject({ rev: 1, originalText: 'الأصل المصحح', correctionReason: 'Transcription typo' });
    expect(await screen.findByRole('group', { name: 'Verbatim original' })).toBeTruthy();
    expect(screen.queryByLabelText('Reason for the correction')).toBeNull();
  });
});
