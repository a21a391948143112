import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };

async function analystDesk() {
  const desk = await openDesk({ profiles: [ANALYST] });
  desk.install();
  return { desk, analyst: desk.profiles[0]! };
}

describe('trash', () => {
  it('moves a statement to the trash with an Undo that restores it', async () => {
    const { desk, analyst } = await analystDesk();
    const s = await desk.call(analyst, 'statements.create', { summary: 'To be trashed' });
    const stored = () => desk.call(analyst, 'statements.get', { id: s.id });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Move to trash' }));
    await waitFor(async () => expect((await stored()).deletedAt).not.toBeNull());
    expect((await desk.call(analyst, 'trash.list', {})).map((t) => [t.recordType, t.id])).toEqual([['statement', s.id]]);
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    fireEvent.click(await within(toasts).findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await stored()).deletedAt).toBeNull());
    expect(desk.sent('statements.restore')).toEqual([{ as: analyst.id, id: s.id, rev: 2 }]);
    expect(await desk.call(analyst, 'trash.list', {})).toEqual([]);
  });

  it('lists trashed records and restores one', async () => {
    const { desk, analyst } = await analystDesk();
    const src = await desk.call(analyst, 'sources.create', { title: 'Deleted source', kind: 'video' });
    await desk.call(analyst, 'sources.trash', { id: src.id, rev: src.rev });
    workAs(analyst.id, '#/trash');
    render(<App />);
    const restore = await screen.findByRole('button', { name: 'Restore Deleted source' });
    expect(screen.getByText('Deleted source').closest('tr')!.textContent).toContain('Source');
    fireEvent.click(restore);
    await waitFor(async () => expect((await desk.call(analyst, 'sources.get', { id: src.id })).deletedAt).toBeNull());
    await screen.findByText('The trash is empty.');
  });
});
