import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import type { Desk } from './desk';
import { openDesk } from './desk';
import { scrollGrid, workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };
const MANAGER = { name: 'Amira Haddad', roles: ['analyst' as const, 'case_manager' as const] };

async function managerDesk() {
  const desk = await openDesk({ profiles: [MANAGER] });
  desk.install();
  return { desk, manager: desk.profiles[0]! };
}

/** `n` statements in one case, "Statement number 1" the most recent, so the list shows it first. */
async function statementsInCase(desk: Desk, caseId: string, n: number) {
  const who = desk.profiles[0]!;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const saidAt = new Date(Date.UTC(2023, 10, 1) - i * 86_400_000).toISOString().slice(0, 10);
    ids.push((await desk.call(who, 'statements.create', { caseIds: [caseId], summary: `Statement number ${i + 1}`, saidAt })).id);
  }
  return ids;
}

const statementsOf = async (desk: Desk, caseId: string) =>
  (await desk.call(desk.profiles[0]!, 'cases.items', { caseId })).filter((i) => i.itemType === 'statement').map((i) => i.itemId);

describe('cases', () => {
  it('offers New case only to profiles the Core lets open case files, with the Core\'s reason', async () => {
    // A case manager sets up the desk; the analyst working here may not open case files.
    const desk = await openDesk({ profiles: [MANAGER, ANALYST] });
    desk.install();
    const analyst = desk.profiles[1]!;
    workAs(analyst.id);
    render(<App />);

    const button = await screen.findByRole('button', { name: 'New case' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    const refusal = 'Only a profile with the case manager role may open a case file.';
    expect(button.getAttribute('title')).toBe(refusal);
    // The reason shown is the Core's own: asking it directly is refused in the same words.
    await expect(desk.call(analyst, 'cases.create', { title: 'Should not exist' })).rejects.toThrow(refusal);
    expect(desk.sent('cases.create')).toHaveLength(0);
  });

  it("shows the Core's refusal of a new case next to the form when the role went away meanwhile", async () => {
    const desk = await openDesk({ profiles: [MANAGER, { name: 'Omar Said', roles: ['case_manager' as const] }] });
    desk.install();
    const [admin, manager] = [desk.profiles[0]!, desk.profiles[1]!];
    workAs(manager.id);
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    const form = await screen.findByRole('form', { name: 'New case' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Should not exist' } });
    // An administrator takes the role away while the form is open (another window, the CLI).
    await desk.call(admin, 'profiles.update', { id: manager.id, rev: manager.rev, roles: ['reviewer'] });
    fireEvent.click(within(form).getByRole('button', { name: 'Create case' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Only a profile with the case manager role may open a case file.');
    expect(desk.sent('cases.create')).toHaveLength(1);
    expect((await desk.call(admin, 'cases.list', {})).total).toBe(0);
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('Should not exist');
  });

  it('creates a case and opens its page with the marking banner', async () => {
    const { desk, manager } = await managerDesk();
    workAs(manager.id);
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    const form = await screen.findByRole('form', { name: 'New case' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Telegram channel “Nordfront”' } });
    fireEvent.change(within(form).getByLabelText('Marking'), { target: { value: 'restricted' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create case' }));

    await screen.findByRole('heading', { level: 1, name: 'Telegram channel “Nordfront”' });
    expect(desk.sent('cases.create')[0]).toMatchObject({ as: manager.id, title: 'Telegram channel “Nordfront”', marking: 'restricted' });
    const { items } = await desk.call(manager, 'cases.list', {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Telegram channel “Nordfront”', marking: 'restricted', createdBy: manager.id });
    expect(window.location.hash).toBe(`#/cases/${items[0]!.id}`);
    expect(screen.getByRole('note', { name: 'Distribution marking' }).textContent).toMatch(/RESTRICTED/);
    expect(screen.getByRole('tablist', { name: 'Case sections' })).toBeTruthy();
  });

  it('File > New Case opens the new case dialog', async () => {
    const { desk, manager } = await managerDesk();
    workAs(manager.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    act(() => desk.menu('case.new'));
    expect(await screen.findByRole('form', { name: 'New case' })).toBeTruthy();
  });

  it('changes the status with an undo, and undo puts it back', async () => {
    const { desk, manager } = await managerDesk();
    const c = await desk.call(manager, 'cases.create', { title: 'Watch list', status: 'open' });
    workAs(manager.id, `#/cases/${c.id}`);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Watch list' });
    fireEvent.click(screen.getByRole('button', { name: 'Close case' }));
    await waitFor(async () => expect((await desk.call(manager, 'cases.get', { id: c.id })).status).toBe('closed'));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await desk.call(manager, 'cases.get', { id: c.id })).status).toBe('open'));
    expect(desk.sent('cases.update').map((x) => [x.status, x.rev])).toEqual([['closed', 1], ['open', 2]]);
  });

  it('renders record text as text, never as HTML', async () => {
    const desk = await openDesk({ profiles: [{ ...MANAGER, name: '<img src=x onerror="window.pwned=1">مسلم' }] });
    desk.install();
    const hostile = desk.profiles[0]!;
    await desk.call(hostile, 'cases.create', { title: '<b>bold</b><img src=x onerror=alert(1)>' });
    workAs(hostile.id);
    const { container } = render(<App />);
    await screen.findByRole('link', { name: '<b>bold</b><img src=x onerror=alert(1)>' });
    expect(screen.getByRole('button', { name: /Working as <img src=x onerror="window\.pwned=1">مسلم/ })).toBeTruthy();
    expect(container.querySelector('b, img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('a long list', () => {
  // Cases page 100 at a time: three pages, so reaching the end skips a page never in view.
  // (Any list pages this way; the case's statements page 250 at a time, and seeding three
  // pages of them through the Core costs seconds. The 10,000-statement case is bench:ui's.)
  const N = 250;

  it(`renders only a window of ${N} cases and pages in the rest as it moves`, async () => {
    const { desk, manager } = await managerDesk();
    await desk.batch(async () => {
      for (let i = 1; i <= N; i++) await desk.call(manager, 'cases.create', { title: `Case ${String(i).padStart(3, '0')}` });
    });
    workAs(manager.id, '#/cases?sort=title&dir=asc');
    render(<App />);

    const grid = await screen.findByRole('grid', { name: 'Cases' });
    await within(grid).findByText('Case 001');
    expect(grid.getAttribute('aria-rowcount')).toBe(String(N + 1));
    const rows = within(grid).getAllByRole('row').filter((r) => r.hasAttribute('data-index'));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    // Only the first page was asked for.
    const offsets = () => desk.sent('cases.list').filter((x) => x.sort === 'title').map((x) => x.offset);
    expect(offsets()).toEqual([0]);

    act(() => scrollGrid(grid, N * 40 - 600));
    await within(grid).findByText(`Case ${N}`);
    expect(offsets()).toContain(200);
    expect(offsets()).not.toContain(100);
    expect(within(grid).queryByText('Case 001')).toBeNull();
    expect(within(grid).getAllByRole('row').filter((r) => r.hasAttribute('data-index')).length).toBeLessThan(60);
  });

  it('removes the selected statement from the case, with an undo', async () => {
    const { desk, manager } = await managerDesk();
    const c = await desk.call(manager, 'cases.create', { title: 'Small case' });
    const [, second] = await statementsInCase(desk, c.id, 3);
    workAs(manager.id, `#/cases/${c.id}/statements`);
    render(<App />);
    const grid = await screen.findByRole('grid', { name: 'Statements' });
    await within(grid).findByText('Statement number 2');
    fireEvent.click(within(grid).getByText('Statement number 2').closest('[role="row"]')!);
    fireEvent.click(screen.getByRole('button', { name: /Remove the selected statement \(Statement number 2\)/ }));
    await waitFor(async () => expect(await statementsOf(desk, c.id)).not.toContain(second));
    expect(await statementsOf(desk, c.id)).toHaveLength(2);
    await waitFor(() => expect(within(grid).queryByText('Statement number 2')).toBeNull());
    fireEvent.click(await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await statementsOf(desk, c.id)).toContain(second));
    expect(await within(grid).findByText('Statement number 2')).toBeTruthy();
  });

  it('opens the active row with Enter', async () => {
    const { desk, manager } = await managerDesk();
    const c = await desk.call(manager, 'cases.create', { title: 'Small case' });
    const [, second] = await statementsInCase(desk, c.id, 3);
    workAs(manager.id, `#/cases/${c.id}/statements`);
    render(<App />);
    const grid = await screen.findByRole('grid', { name: 'Statements' });
    await within(grid).findByText('Statement number 1');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe(`#/statements/${second}`));
  });
});
