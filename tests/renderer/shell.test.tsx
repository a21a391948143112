import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import type { DeskOptions } from './desk';
import { openDesk } from './desk';
import { workAs } from './setup';

const MANAGER = { name: 'Amira Haddad', roles: ['analyst' as const, 'case_manager' as const] };

async function managerDesk(opts: DeskOptions = {}) {
  const desk = await openDesk({ profiles: [MANAGER], ...opts });
  desk.install();
  return { desk, manager: desk.profiles[0]! };
}

describe('shell', () => {
  it('lists the shortcuts on ?', async () => {
    const { manager } = await managerDesk();
    workAs(manager.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Ctrl+K')).toBeTruthy();
  });

  it('Ctrl+K finds records by name and runs commands', async () => {
    const { desk, manager } = await managerDesk();
    const c = await desk.call(manager, 'cases.create', { title: 'Al-Nujaba threats' });
    workAs(manager.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a name or a command' });
    expect(screen.getByRole('option', { name: /New case…/ })).toBeTruthy();
    fireEvent.change(input, { target: { value: 'nujaba' } });
    const option = await screen.findByRole('option', { name: /Al-Nujaba threats/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    expect(desk.sent('search.suggest').at(-1)).toMatchObject({ as: manager.id, q: 'nujaba' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe(`#/cases/${c.id}`));

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: 'new case' } });
    fireEvent.click(await screen.findByRole('option', { name: /New case…/ }));
    expect(await screen.findByRole('form', { name: 'New case' })).toBeTruthy();
  });

  it('without search in this Casefile, says so and Ctrl+K falls back to the lists', async () => {
    const { desk, manager } = await managerDesk({ without: ['search.query', 'search.suggest'] });
    const c = await desk.call(manager, 'cases.create', { title: 'Al-Nujaba threats' });
    workAs(manager.id, '#/search?q=kaabi');
    render(<App />);
    expect((await screen.findByText(/Search is not available in this version/)).textContent).toBeTruthy();

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Type a name or a command' }), { target: { value: 'nujaba' } });
    fireEvent.click(await screen.findByRole('option', { name: /Al-Nujaba threats/ }));
    await waitFor(() => expect(window.location.hash).toBe(`#/cases/${c.id}`));
    expect(desk.sent('cases.list').some((x) => x.text === 'nujaba')).toBe(true);
  });

  it('finds an Arabic original by a Latin name and renders the highlight as text, never HTML', async () => {
    const { desk, manager } = await managerDesk();
    const kaabi = await desk.call(manager, 'actors.create', {
      kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
      aliases: [{ alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
    });
    const text = 'قال <b>الكعبي</b>: سنحرر العراق';
    const s = await desk.call(manager, 'statements.create', { summary: 'Al-Kaabi statement', originalText: text, language: 'ar', speakerId: kaabi.id });
    workAs(manager.id, '#/search?q=kaabi');
    render(<App />);
    const hits = await screen.findByRole('list', { name: 'Results' });
    const link = await within(hits).findByRole('link', { name: 'Al-Kaabi statement' });
    expect(link.getAttribute('href')).toBe(`#/statements/${s.id}`);
    const hit = link.closest('li')!;
    const marks = [...hit.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toContain('الكعبي');
    expect(hit.textContent).toContain('<b>');
    expect(hits.querySelector('b')).toBeNull();
    expect(screen.getByRole('list', { name: 'Other names searched' }).textContent).toContain('الكعبي');
    fireEvent.click(screen.getByRole('button', { name: /Statement 1/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/search?q=kaabi%20type%3Astatement'));
  });
});
