// Evidence on the record pages (issue 14), against the real Core: a statement takes attachments
// as a source does; a saved page shows what the Core read from it as text, and offers its own
// address and capture time for the source, applied only when asked and through the source's editor.
import fs from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/pages', name)));

async function analystDesk() {
  const desk = await openDesk({ profiles: [ANALYST] });
  desk.install();
  return { desk, analyst: desk.profiles[0]! };
}

const itemOf = async (name: string) => (await screen.findByText(name, { selector: '.attachment-name' })).closest('li') as HTMLElement;

describe('evidence on record pages', () => {
  it('a file dropped on a statement page is attached to the statement', async () => {
    const { desk, analyst } = await analystDesk();
    const st = await desk.call(analyst, 'statements.create', { originalText: 'نص', language: 'ar', summary: 'Claim' });
    workAs(analyst.id, `#/statements/${st.id}`);
    render(<App />);
    const zone = (await screen.findByText(/Drop screenshots/)).closest('.dropzone') as HTMLElement;
    const file = new File([fixture('written-statement.warc')], 'capture.warc', { type: '' });
    fireEvent.drop(zone, { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(desk.sent('attachments.add')).toHaveLength(1));
    expect(desk.sent('attachments.add')[0]).toMatchObject({ ownerType: 'statement', ownerId: st.id, fileName: 'capture.warc' });
    const item = await itemOf('capture.warc');
    const page = await within(item).findByRole('group', { name: 'Saved web page (WARC)' });
    expect(page.textContent).toContain('https://archive.example.org/bayanat/3');
    // A statement has no source fields to fill: nothing is offered.
    expect(within(page).queryByRole('button', { name: 'Use for this source' })).toBeNull();
  });

  it('a saved page on a source: its address and time are offered, and applied only when asked', async () => {
    const { desk, analyst } = await analystDesk();
    const src = await desk.call(analyst, 'sources.create', { title: 'Channel post', kind: 'web_page' });
    await desk.call(analyst, 'attachments.add', { ownerType: 'source', ownerId: src.id, fileName: 'post.mhtml', data: fixture('video-statement.mhtml') });
    workAs(analyst.id, `#/sources/${src.id}`);
    render(<App />);
    const page = await within(await itemOf('post.mhtml')).findByRole('group', { name: 'Saved web page (MHTML)' });
    expect(page.textContent).toContain('https://t.example.org/nujaba/4521');
    expect((await desk.call(analyst, 'sources.get', { id: src.id })).url).toBeNull();
    fireEvent.click(within(page).getByRole('button', { name: 'Use for this source' }));
    await waitFor(async () => {
      const s = await desk.call(analyst, 'sources.get', { id: src.id });
      expect([s.url, s.accessedAt]).toEqual(['https://t.example.org/nujaba/4521', '2023-10-30T15:04:12.000Z']);
    });
    expect(await within(page).findByText('The source now has the address and capture time the file gives.')).toBeTruthy();
  });

  it('a hostile page\'s text is shown as text: no element is made from it', async () => {
    const { desk, analyst } = await analystDesk();
    const src = await desk.call(analyst, 'sources.create', { title: 'Suspicious page', kind: 'web_page' });
    await desk.call(analyst, 'attachments.add', { ownerType: 'source', ownerId: src.id, fileName: 'hostile.html', data: fixture('hostile.html') });
    workAs(analyst.id, `#/sources/${src.id}`);
    render(<App />);
    const page = await within(await itemOf('hostile.html')).findByRole('group', { name: 'Saved web page (HTML)' });
    fireEvent.click(within(page).getByRole('button', { name: 'Read the page text' }));
    const dialog = await screen.findByRole('dialog', { name: /Page text/ });
    const body = within(dialog).getByLabelText('Page text');
    expect(body.getAttribute('dir')).toBe('auto');
    expect(body.textContent).toContain("<script>alert('escaped text stays text')</script>");
    expect(body.children).toHaveLength(0);
    expect(document.querySelector('img[src^="https:"], iframe, object, a[href^="javascript:"]')).toBeNull();
  });

  it('a page that could not be read says why, and the file stays as evidence', async () => {
    const { desk, analyst } = await analystDesk();
    const src = await desk.call(analyst, 'sources.create', { title: 'Cut capture', kind: 'web_page' });
    await desk.call(analyst, 'attachments.add', { ownerType: 'source', ownerId: src.id, fileName: 'cut.warc', data: fixture('written-statement.warc').subarray(0, 900) });
    workAs(analyst.id, `#/sources/${src.id}`);
    render(<App />);
    const page = await within(await itemOf('cut.warc')).findByRole('group', { name: 'Saved web page (WARC)' });
    expect(within(page).getByRole('note').textContent).toMatch(/Its text could not be read: record 3 says it is \d+ bytes long but the file ends before that \(truncated\?\)\. The file itself is kept as evidence/);
    expect(within(page).queryByRole('button', { name: 'Read the page text' })).toBeNull();
  });
});
