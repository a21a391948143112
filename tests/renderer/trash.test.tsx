import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import { workAs } from './setup';

const analyst = profile('Jonas Berg', ['analyst'], 1);

describe('trash', () => {
  it('moves a statement to the trash with an Undo that restores it', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const s = core.seed('statement', { summary: 'To be trashed' });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(core.get('statement', s.id)!.deletedAt).not.toBeNull());
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    fireEvent.click(await within(toasts).findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(core.get('statement', s.id)!.deletedAt).toBeNull());
    expect(core.calls('statements.restore')).toEqual([{ as: analyst.id, id: s.id, rev: 2 }]);
  });

  it('lists trashed records and restores one', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const src = core.seed('source', { title: 'Deleted source', kind: 'video' });
    core.change('source', src.id, { deletedAt: '2025-01-02T00:00:00.000Z' });
    workAs(analyst.id, '#/trash');
    render(<App />);
    const restore = await screen.findByRole('button', { name: 'Restore Deleted source' });
    expect(screen.getByText('Deleted source').closest('tr')!.textContent).toContain('Source');
    fireEvent.click(restore);
    await waitFor(() => expect(core.get('source', src.id)!.deletedAt).toBeNull());
    await screen.findByText('The trash is empty.');
  });
});
