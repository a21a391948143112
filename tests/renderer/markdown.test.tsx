import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { renderMarkdown } from '../../renderer/src/components/renderMarkdown';
import { openDesk } from './desk';
import { workAs } from './setup';

const MANAGER = { name: 'Amira Haddad', roles: ['analyst' as const, 'case_manager' as const] };

const HOSTILE = [
  '# Heading',
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '[click me](javascript:window.__pwned=3)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![tracker](https://evil.example/pixel.png)',
  '<a href="https://evil.example" onclick="window.__pwned=4">raw link</a>',
  '[the report](https://example.org/report)',
].join('\n\n');

describe('markdown notes', () => {
  it('renders raw HTML as text and keeps only safe links', () => {
    const host = document.createElement('div');
    host.innerHTML = renderMarkdown(HOSTILE);
    expect(host.querySelector('h1')?.textContent).toBe('Heading');
    expect(host.querySelector('img, script, iframe, [onerror], [onclick]')).toBeNull();
    expect(host.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    // javascript: and data: links stay literal text; an image is at most a link, never loaded.
    expect(host.textContent).toContain('[click me](javascript:window.__pwned=3)');
    const hrefs = [...host.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://evil.example/pixel.png', 'https://example.org/report']);
    for (const a of host.querySelectorAll('a')) expect(a.getAttribute('data-href')).toBe(a.getAttribute('href'));
  });

  it('shows a hostile note inert in a case, and opens its link only after confirmation', async () => {
    const desk = await openDesk({ profiles: [MANAGER] });
    desk.install();
    const manager = desk.profiles[0]!;
    const c = await desk.call(manager, 'cases.create', { title: 'Notes case' });
    await desk.call(manager, 'notes.create', { targetType: 'case', targetId: c.id, body: HOSTILE, pinned: true });
    workAs(manager.id, `#/cases/${c.id}/notes`);
    render(<App />);

    const heading = await screen.findByRole('heading', { level: 1, name: 'Heading' });
    const note = heading.closest('li') as HTMLElement;
    expect(note.querySelector('img, script, [onerror], [onclick]')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(within(note).getByText('Pinned')).toBeTruthy();

    fireEvent.click(within(note).getByText('the report'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Open this link outside Casefile?' });
    expect(dialog.textContent).toContain('https://example.org/report');
    expect(desk.asked.links).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open in browser' }));
    // Then main confirms natively once more, and hands the address to the system browser.
    await waitFor(() => expect(desk.opened.links).toEqual(['https://example.org/report']));
    expect(desk.asked.links).toEqual(['https://example.org/report']);

    // The javascript: link is text, and clicking it goes nowhere.
    fireEvent.click(within(note).getByText(/click me/));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('adds a note with a preview', async () => {
    const desk = await openDesk({ profiles: [MANAGER] });
    desk.install();
    const manager = desk.profiles[0]!;
    const c = await desk.call(manager, 'cases.create', { title: 'Notes case' });
    workAs(manager.id, `#/cases/${c.id}/notes`);
    render(<App />);
    const form = await screen.findByRole('form', { name: 'New note' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Note text' }), { target: { value: '**Check** the <b>source</b>' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Preview' }));
    const preview = within(form).getByRole('region', { name: 'Note text preview' });
    expect(preview.querySelector('strong')?.textContent).toBe('Check');
    expect(preview.querySelector('b')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(desk.sent('notes.create')).toEqual([{ as: manager.id, targetType: 'case', targetId: c.id, body: '**Check** the <b>source</b>', pinned: false }]));
    await waitFor(async () => expect(await desk.call(manager, 'notes.list', { targetType: 'case', targetId: c.id })).toMatchObject([
      { body: '**Check** the <b>source</b>', pinned: false, createdBy: manager.id },
    ]));
    // The new note shows in the list, rendered: the emphasis as markup, the raw tag as text.
    const added = (await screen.findByText('Check', { selector: 'li strong' })).closest('li')!;
    expect(added.textContent).toContain('the <b>source</b>');
    expect(added.querySelector('b')).toBeNull();
  });
});
