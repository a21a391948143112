import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANA = { name: 'Ana Analyst', roles: ['analyst' as const, 'case_manager' as const] };

async function timeline() {
  const desk = await openDesk({ profiles: [ANA, { name: 'Bo Analyst', roles: ['analyst'] }] });
  desk.install();
  const [ana, bo] = desk.profiles as [typeof desk.profiles[0], typeof desk.profiles[0]];
  const kase = await desk.call(ana, 'cases.create', { title: 'Nujaba' });
  const ev = await desk.call(ana, 'events.create', { caseId: kase.id, occurredAt: '2023-10-30', title: 'Strike on Jurf al-Sakhar' });
  workAs(ana.id, `#/cases/${kase.id}/timeline`);
  render(<App />);
  return { desk, ana, bo, kase, ev };
}

describe('timeline events', () => {
  it('are edited in a dialog, and the Core keeps the edit', async () => {
    const { desk, ana, ev } = await timeline();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit the event Strike on Jurf al-Sakhar' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the event' });
    fireEvent.change(within(dialog).getByLabelText('What happened'), { target: { value: 'Strike near Jurf al-Sakhar' } });
    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: '2023-10-31' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('button', { name: 'Edit the event Strike near Jurf al-Sakhar' })).toBeTruthy();
    expect(desk.sent('events.update')).toEqual([expect.objectContaining({ as: ana.id, id: ev.id, rev: 1, title: 'Strike near Jurf al-Sakhar', occurredAt: '2023-10-31' })]);
    expect(await desk.call(ana, 'events.get', { id: ev.id })).toMatchObject({ rev: 2, title: 'Strike near Jurf al-Sakhar', occurredAt: '2023-10-31' });
  });

  it('refuses a save over someone else\'s change and offers their version', async () => {
    const { desk, ana, bo, ev } = await timeline();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit the event Strike on Jurf al-Sakhar' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the event' });
    // Meanwhile, in another window:
    await desk.call(bo, 'events.update', { id: ev.id, rev: ev.rev, title: 'Drone strike on Jurf al-Sakhar' });
    fireEvent.change(within(dialog).getByLabelText('Details'), { target: { value: 'Two outlets' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Someone else changed this event/);
    expect(await desk.call(ana, 'events.get', { id: ev.id })).toMatchObject({ rev: 2, title: 'Drone strike on Jurf al-Sakhar', description: '' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Show their version' }));
    expect((within(dialog).getByLabelText('What happened') as HTMLInputElement).value).toBe('Drone strike on Jurf al-Sakhar');
    fireEvent.change(within(dialog).getByLabelText('Details'), { target: { value: 'Two outlets' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await desk.call(ana, 'events.get', { id: ev.id })).toMatchObject({ rev: 3, title: 'Drone strike on Jurf al-Sakhar', description: 'Two outlets' });
  });
});
