import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import { workAs } from './setup';

const manager = profile('Amira Haddad', ['analyst', 'case_manager'], 1);

describe('shell', () => {
  it('lists the shortcuts on ?', async () => {
    fakeCore({ profiles: [manager] }).install();
    workAs(manager.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Ctrl+K')).toBeTruthy();
  });

  it('Ctrl+K finds records (falling back when search is not there yet) and runs commands', async () => {
    const core = fakeCore({ profiles: [manager] });
    core.install();
    const c = core.seed('case', { title: 'Al-Nujaba threats' });
    workAs(manager.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a name or a command' });
    expect(screen.getByRole('option', { name: /New case…/ })).toBeTruthy();
    fireEvent.change(input, { target: { value: 'nujaba' } });
    const option = await screen.findByRole('option', { name: /Al-Nujaba threats/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe(`#/cases/${c.id}`));

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: 'new case' } });
    fireEvent.click(await screen.findByRole('option', { name: /New case…/ }));
    expect(await screen.findByRole('form', { name: 'New case' })).toBeTruthy();
  });

  it('explains that search is not available yet instead of failing', async () => {
    fakeCore({ profiles: [manager] }).install();
    workAs(manager.id, '#/search?q=kaabi');
    render(<App />);
    expect((await screen.findByText(/Search is not available in this version/)).textContent).toBeTruthy();
  });

  it('renders search hits with highlights as text, never HTML', async () => {
    const core = fakeCore({ profiles: [manager], unknown: ['search.suggest'] });
    const s = core.seed('statement', { summary: 'x' });
    const text = 'قال <b>الكعبي</b>: سنحرر العراق';
    core.bridge.invoke.mockImplementation(async (method: string) => (method === 'search.query'
      ? { ok: true, value: { total: 1, facets: { type: { statement: 1 }, case: [] }, expansions: [{ term: 'kaabi', names: ['الكعبي'] }], hits: [{ type: 'statement', id: s.id, title: 'Al-Kaabi statement', score: 1, snippet: { text, highlights: [[7, 13]] } }] } }
      : method === 'profiles.list' ? { ok: true, value: [manager] } : { ok: false, error: { code: 'unknown_method', message: method } }) as never);
    core.install();
    workAs(manager.id, '#/search?q=kaabi');
    render(<App />);
    const hits = await screen.findByRole('list', { name: 'Results' });
    const mark = hits.querySelector('mark')!;
    expect(mark.textContent).toBe('الكعبي');
    expect(hits.querySelector('b')).toBeNull();
    expect(within(hits).getByRole('link', { name: 'Al-Kaabi statement' }).getAttribute('href')).toBe(`#/statements/${s.id}`);
    expect(screen.getByRole('list', { name: 'Other names searched' }).textContent).toContain('الكعبي');
    fireEvent.click(screen.getByRole('button', { name: /Statement 1/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/search?q=kaabi%20type%3Astatement'));
  });
});
