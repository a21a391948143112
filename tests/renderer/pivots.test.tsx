import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANA = { name: 'Ana Analyst', roles: ['analyst' as const, 'case_manager' as const] };

async function pivotDesk() {
  const desk = await openDesk({ profiles: [ANA] });
  desk.install();
  const ana = desk.profiles[0]!;
  const a = await desk.call(ana, 'statements.create', {
    originalText: 'أعلنت #النجباء عبر @nujaba_official (الأنفال: 17) https://x.com/nujaba/status/1', language: 'ar', summary: 'First claim',
  });
  const b = await desk.call(ana, 'statements.create', { originalText: 'بيان #النُّجَباء الثاني', language: 'ar', summary: 'Second claim' });
  const c = await desk.call(ana, 'statements.create', { originalText: 'بيان آخر #العراق', language: 'ar', summary: 'Unrelated claim' });
  return { desk, ana, a, b, c };
}

describe('pivots', () => {
  it('a hashtag on a statement links to the search for every record that has it', async () => {
    const { desk, ana, a } = await pivotDesk();
    workAs(ana.id, `#/statements/${a.id}`);
    render(<App />);
    const tags = await screen.findByRole('list', { name: 'Hashtags' });
    const tag = within(tags).getByRole('link', { name: '#النجباء' });
    expect(within(await screen.findByRole('list', { name: 'Mentions' })).getByRole('link', { name: '@nujaba_official' }).getAttribute('href'))
      .toBe(`#/search?q=${encodeURIComponent('mention:nujaba_official')}`);
    expect(within(screen.getByRole('list', { name: 'Scripture references' })).getByRole('link').getAttribute('href'))
      .toBe(`#/search?q=${encodeURIComponent('quran:8:17')}`);
    // A captured link pivots inside the app; it is never a link out.
    const link = within(screen.getByRole('list', { name: 'Links (not loaded)' })).getByRole('link');
    expect(link.getAttribute('href')).toBe(`#/search?q=${encodeURIComponent('url:https://x.com/nujaba/status/1')}`);

    fireEvent.click(tag);
    await waitFor(() => expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('tag:النجباء')}`));
    expect(await screen.findByRole('link', { name: /Second claim/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: /First claim/ })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Unrelated claim/ })).toBeNull();
    expect(desk.sent('search.query').at(-1)).toMatchObject({ q: 'tag:النجباء' });
  });

  it('Ctrl+K offers the pivot for a typed #tag or @handle first', async () => {
    const { ana } = await pivotDesk();
    workAs(ana.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Type a name or a command' });
    fireEvent.change(input, { target: { value: '#النجباء' } });
    const option = await screen.findByRole('option', { name: /Everything with #النجباء/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('tag:النجباء')}`));
    expect(await screen.findByRole('link', { name: /Second claim/ })).toBeTruthy();

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(await screen.findByRole('combobox'), { target: { value: '@NUJABA_official' } });
    fireEvent.keyDown(await screen.findByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('mention:NUJABA_official')}`));
    expect(await screen.findByRole('link', { name: /First claim/ })).toBeTruthy();
  });
});
