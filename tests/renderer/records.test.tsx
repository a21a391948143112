import crypto from 'node:crypto';
import fs from 'node:fs';
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

describe('sources and actors', () => {
  it('attaches dropped files as bytes and shows their SHA-256', async () => {
    const { desk, analyst } = await analystDesk();
    const src = await desk.call(analyst, 'sources.create', { title: 'Telegram post', kind: 'social_post' });
    workAs(analyst.id, `#/sources/${src.id}`);
    render(<App />);
    const zone = (await screen.findByText(/Drop screenshots/)).closest('.dropzone') as HTMLElement;
    // Named .png, but not a PNG: what is stored and how it may be opened follow the bytes.
    const bytes = [137, 80, 78, 71, 1, 2, 3];
    const file = new File([new Uint8Array(bytes)], 'لقطة.png', { type: 'image/png' });
    fireEvent.drop(zone, { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(desk.sent('attachments.add')).toHaveLength(1));
    const input = desk.sent('attachments.add')[0]!;
    expect(input).toMatchObject({ as: analyst.id, ownerType: 'source', ownerId: src.id, fileName: 'لقطة.png' });
    expect(input.data).toBeInstanceOf(Uint8Array);
    expect([...(input.data as Uint8Array)]).toEqual(bytes);

    const sha256 = crypto.createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');
    const item = (await screen.findByText('لقطة.png', { selector: '.attachment-name' })).closest('li') as HTMLElement;
    expect(within(item).getByText(sha256)).toBeTruthy();
    const [stored, ...more] = await desk.call(analyst, 'attachments.list', { ownerType: 'source', ownerId: src.id });
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ originalName: 'لقطة.png', size: bytes.length, sha256, createdBy: analyst.id });
    expect(stored!.mediaType).not.toBe('image/png');
    expect((await desk.call(analyst, 'attachments.verify', { id: stored!.id })).ok).toBe(true);

    // Opening goes to main, which refuses a file a viewer could run before it even asks; the reason is shown in words.
    fireEvent.click(within(item).getByRole('button', { name: 'Open لقطة.png' }));
    expect(await screen.findByText(new RegExp(`${stored!.mediaType} files are not opened from Casefile`))).toBeTruthy();
    expect(desk.asked.attachments).toEqual([]);
    expect(desk.opened.files).toEqual([]);
  });

  it('opens a stored image in the system viewer only after confirmation, as a read-only copy', async () => {
    const { desk, analyst } = await analystDesk();
    const src = await desk.call(analyst, 'sources.create', { title: 'Telegram post', kind: 'social_post' });
    // The smallest whole PNG: signature, IHDR (1x1, 8-bit greyscale), IDAT, IEND.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010800000000'
      + '3a7e9b550000000a49444154789c636000000002000148afa4710000000049454e44ae426082', 'hex');
    const att = await desk.call(analyst, 'attachments.add', { ownerType: 'source', ownerId: src.id, fileName: 'shot.png', data: new Uint8Array(png) });
    expect(att.mediaType).toBe('image/png');
    workAs(analyst.id, `#/sources/${src.id}`);
    render(<App />);
    const item = (await screen.findByText('shot.png', { selector: '.attachment-name' })).closest('li') as HTMLElement;

    desk.confirm = false;
    fireEvent.click(within(item).getByRole('button', { name: 'Open shot.png' }));
    await waitFor(() => expect(desk.asked.attachments.map((a) => a.id)).toEqual([att.id]));
    expect(desk.opened.files).toEqual([]);

    desk.confirm = true;
    fireEvent.click(within(item).getByRole('button', { name: 'Open shot.png' }));
    await waitFor(() => expect(desk.opened.files).toHaveLength(1));
    const copy = desk.opened.files[0]!;
    expect(copy).not.toBe(desk.core.state.store.pathFor(att.sha256));
    expect(crypto.createHash('sha256').update(fs.readFileSync(copy)).digest('hex')).toBe(att.sha256);
    expect(fs.statSync(copy).mode & 0o222).toBe(0);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an actor’s aliases by kind and script, and unlinks a relation with an undo', async () => {
    const { desk, analyst } = await analystDesk();
    const kaabi = await desk.call(analyst, 'actors.create', {
      kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
      aliases: [{ alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }, { alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
    });
    const nujaba = await desk.call(analyst, 'actors.create', { kind: 'organization', name: 'Al-Nujaba Movement' });
    await desk.call(analyst, 'actors.link', { fromActorId: kaabi.id, relation: 'leader_of', toActorId: nujaba.id });
    const relations = async () => (await desk.call(analyst, 'actors.relations', { actorId: kaabi.id }))
      .map((r) => [r.fromActorId, r.relation, r.toActorId]);
    workAs(analyst.id, `#/actors/${kaabi.id}`);
    render(<App />);
    const aliases = await screen.findByRole('region', { name: 'Names and aliases' });
    expect(within(aliases).getByRole('heading', { name: 'Transliteration' })).toBeTruthy();
    expect(within(aliases).getByText('الكعبي').parentElement!.textContent).toContain('Arabic');
    const region = screen.getByRole('region', { name: 'Relations' });
    expect(await within(region).findByRole('link', { name: 'Al-Nujaba Movement' })).toBeTruthy();
    expect(region.textContent).toContain('Leader of');
    fireEvent.click(within(region).getByRole('button', { name: 'Remove relation with Al-Nujaba Movement' }));
    await waitFor(async () => expect(await relations()).toEqual([]));
    fireEvent.click(await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await relations()).toEqual([[kaabi.id, 'leader_of', nujaba.id]]));
    expect(await within(region).findByRole('link', { name: 'Al-Nujaba Movement' })).toBeTruthy();
  });
});
