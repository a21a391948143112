import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import { scrollGrid, workAs } from './setup';

const analyst = profile('Jonas Berg', ['analyst'], 1);
const manager = profile('Amira Haddad', ['analyst', 'case_manager'], 2);

describe('cases', () => {
  it("shows the Core's refusal of a new case next to the form", async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    workAs(analyst.id);
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    const form = await screen.findByRole('form', { name: 'New case' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Should not exist' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create case' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Only a profile with the case manager role may open a case file.');
    expect(core.all('case')).toHaveLength(0);
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('Should not exist');
  });

  it('creates a case and opens its page with the marking banner', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    workAs(manager.id);
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    const form = await screen.findByRole('form', { name: 'New case' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Telegram channel “Nordfront”' } });
    fireEvent.change(within(form).getByLabelText('Marking'), { target: { value: 'restricted' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create case' }));

    await screen.findByRole('heading', { level: 1, name: 'Telegram channel “Nordfront”' });
    expect(core.calls('cases.create')[0]).toMatchObject({ as: manager.id, title: 'Telegram channel “Nordfront”', marking: 'restricted' });
    expect(screen.getByRole('note', { name: 'Distribution marking' }).textContent).toMatch(/RESTRICTED/);
    expect(screen.getByRole('tablist', { name: 'Case sections' })).toBeTruthy();
  });

  it('File > New Case opens the new case dialog', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    workAs(manager.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    core.menu('case.new');
    expect(await screen.findByRole('form', { name: 'New case' })).toBeTruthy();
  });

  it('changes the status with an undo, and undo puts it back', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    const c = core.seed('case', { title: 'Watch list', status: 'open' });
    workAs(manager.id, `#/cases/${c.id}`);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Watch list' });
    fireEvent.click(screen.getByRole('button', { name: 'Close case' }));
    await waitFor(() => expect(core.get('case', c.id)!.status).toBe('closed'));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(core.get('case', c.id)!.status).toBe('open'));
    expect(core.calls('cases.update').map((x) => [x.status, x.rev])).toEqual([['closed', 1], ['open', 2]]);
  });

  it('renders record text as text, never as HTML', async () => {
    const hostile = { ...manager, name: '<img src=x onerror="window.pwned=1">مسلم' };
    const core = fakeCore({ profiles: [hostile] });
    core.install();
    core.seed('case', { title: '<b>bold</b><img src=x onerror=alert(1)>' });
    workAs(hostile.id);
    const { container } = render(<App />);
    await screen.findByRole('link', { name: '<b>bold</b><img src=x onerror=alert(1)>' });
    expect(container.querySelector('b, img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('a long list', () => {
  it('renders only a window of 10,000 statements and pages in the rest as it moves', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    const c = core.seed('case', { title: 'Big case' });
    core.bulkStatements(c.id, 10_000);
    workAs(manager.id, `#/cases/${c.id}/statements`);
    render(<App />);

    const grid = await screen.findByRole('grid', { name: 'Statements' });
    await within(grid).findByText('Statement number 1');
    expect(grid.getAttribute('aria-rowcount')).toBe('10001');
    const rows = within(grid).getAllByRole('row').filter((r) => r.hasAttribute('data-index'));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    // Only the first page was asked for.
    expect(core.calls('statements.list').filter((x) => x.caseId === c.id).map((x) => x.offset)).toEqual([0]);

    act(() => scrollGrid(grid, 10_000 * 40 - 600));
    await within(grid).findByText('Statement number 10000');
    expect(core.calls('statements.list').some((x) => x.offset === 9750)).toBe(true);
    expect(within(grid).getAllByRole('row').filter((r) => r.hasAttribute('data-index')).length).toBeLessThan(60);
  });

  it('removes the selected statement from the case, with an undo', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    const c = core.seed('case', { title: 'Small case' });
    core.bulkStatements(c.id, 3);
    workAs(manager.id, `#/cases/${c.id}/statements`);
    render(<App />);
    const grid = await screen.findByRole('grid', { name: 'Statements' });
    await within(grid).findByText('Statement number 2');
    fireEvent.click(within(grid).getByText('Statement number 2').closest('[role="row"]')!);
    fireEvent.click(screen.getByRole('button', { name: /Remove the selected statement \(Statement number 2\)/ }));
    const second = core.all('statement')[1]!;
    await waitFor(() => expect(core.inCase(c.id, 'statement')).not.toContain(second.id));
    fireEvent.click(await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(core.inCase(c.id, 'statement')).toContain(second.id));
  });

  it('opens the active row with Enter', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    const c = core.seed('case', { title: 'Small case' });
    core.bulkStatements(c.id, 3);
    workAs(manager.id, `#/cases/${c.id}/statements`);
    render(<App />);
    const grid = await screen.findByRole('grid', { name: 'Statements' });
    await within(grid).findByText('Statement number 1');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    const second = core.all('statement')[1]!;
    await waitFor(() => expect(window.location.hash).toBe(`#/statements/${second.id}`));
  });
});
