// The report editor in the desktop app's shape: exports saved through main's save dialog (the
// real electron/main handler over the real Core), a citation put in at the cursor, captured
// text in the preview never read as HTML, and the editor read-only, with the reason, for a
// profile that may not draft reports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };
const REVIEWER = { name: 'Salma Idris', roles: ['reviewer' as const] };

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-saves-'));
  dirs.push(d);
  return d;
}

async function withReport(body: string, headline = 'Kaabi declares war') {
  const desk = await openDesk({ profiles: [ANALYST, REVIEWER] });
  desk.install();
  const [analyst, reviewer] = desk.profiles as [typeof desk.profiles[0] & object, typeof desk.profiles[0] & object];
  const source = await desk.call(analyst, 'sources.create', { title: 'Kaabi on X, November 1', kind: 'social_post', marking: 'public' });
  const report = await desk.call(analyst, 'reports.create', { headline, marking: 'public', body: body.replace('SOURCE', source.id) });
  return { desk, analyst, reviewer, source, report };
}

async function exportAs(label: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
  fireEvent.click(await screen.findByRole('menuitem', { name: label }));
}

describe('report editor', () => {
  it('saves an export where main\'s save dialog says, whole, and says so; a closed dialog saves nothing', async () => {
    const { desk, analyst, report } = await withReport('Kaabi published[@SOURCE] a statement.');
    const dir = tempDir();
    const target = path.join(dir, 'chosen.md');
    desk.queueSavePath(target);
    workAs(analyst.id, `#/reports/${report.id}`);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Kaabi declares war' });

    await exportAs('Markdown (.md)');
    await screen.findByText(/^Saved chosen\.md: Markdown of the draft \(version 1\), SHA-256 [0-9a-f]{64}\.$/);
    expect(desk.suggestedSaves).toEqual(['kaabi-declares-war-v1.md']);
    const md = fs.readFileSync(target, 'utf8');
    expect(md).toContain('# Kaabi declares war');
    expect(md).toContain('Kaabi published[^1] a statement.');
    expect(md).toContain('\n[^1]: “Kaabi on X, November 1.”');
    expect(fs.readdirSync(dir)).toEqual(['chosen.md']);
    // The bytes went from the Core to the file through main: the page never held them or a path.
    expect(desk.sent('reports.export')).toEqual([]);

    // Nothing queued: the dialog is closed.
    await exportAs('HTML (.html)');
    await screen.findByText(/^Not saved: the save dialog was closed\./);
    expect(fs.readdirSync(dir)).toEqual(['chosen.md']);
  });

  it('inserts a citation at the cursor, not at the end', async () => {
    const { analyst, source, report } = await withReport('Kaabi published a statement.');
    workAs(analyst.id, `#/reports/${report.id}`);
    render(<App />);
    const body = await screen.findByRole('textbox', { name: 'Body' }) as HTMLTextAreaElement;
    await waitFor(() => expect(body.value).toBe('Kaabi published a statement.'));
    body.focus();
    body.setSelectionRange('Kaabi published'.length, 'Kaabi published'.length);
    fireEvent.select(body);
    fireEvent.keyDown(window, { key: 'C', ctrlKey: true, shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Insert a citation' });
    fireEvent.click(await within(dialog).findByRole('button', { name: /Kaabi on X, November 1/ }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Locator (optional)' }), { target: { value: 'at 02:13' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Insert citation' }));
    await waitFor(() => expect(body.value).toBe(`Kaabi published[@${source.id}, at 02:13] a statement.`));
    // The preview numbers it.
    const preview = await screen.findByRole('article', { name: 'Report preview' });
    await waitFor(() => expect(within(preview).getByRole('region', { name: 'Footnotes' }).textContent).toBe('[1] “Kaabi on X, November 1,” at 02:13.'));
  });

  it('shows captured text in the preview as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"> <b>bold</b>';
    const { analyst, report } = await withReport(`Text ${hostile}[@SOURCE]`, `Headline ${hostile}`);
    workAs(analyst.id, `#/reports/${report.id}`);
    render(<App />);
    const preview = await screen.findByRole('article', { name: 'Report preview' });
    await waitFor(() => expect(within(preview).getByRole('heading', { level: 3 }).textContent).toBe(`Headline ${hostile}`));
    expect(preview.textContent).toContain(`Text ${hostile}`);
    expect(preview.querySelector('img')).toBeNull();
    expect(preview.querySelector('b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('is read-only, with the reason, for a profile that may not draft reports', async () => {
    const { reviewer, report } = await withReport('Kaabi published[@SOURCE] a statement.');
    workAs(reviewer.id, `#/reports/${report.id}`);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Kaabi declares war' });
    await screen.findByText(/Only a profile with the analyst role may draft reports\./);
    const body = screen.getByRole('textbox', { name: 'Body' }) as HTMLTextAreaElement;
    expect(body.readOnly || body.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Insert citation…' }) as HTMLButtonElement).disabled).toBe(true);
    // The shortcut says why instead of opening the picker.
    fireEvent.keyDown(window, { key: 'C', ctrlKey: true, shiftKey: true });
    expect(screen.queryByRole('dialog', { name: 'Insert a citation' })).toBeNull();
    // Exporting is a reading: still there.
    expect(screen.getByRole('button', { name: 'Export' })).toBeTruthy();
  });
});
