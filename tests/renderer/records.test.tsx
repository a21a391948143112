import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import { workAs } from './setup';

const analyst = profile('Jonas Berg', ['analyst'], 1);

describe('sources and actors', () => {
  it('attaches dropped files as bytes and shows their SHA-256', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const src = core.seed('source', { title: 'Telegram post', kind: 'social_post' });
    workAs(analyst.id, `#/sources/${src.id}`);
    render(<App />);
    const zone = (await screen.findByText(/Drop screenshots/)).closest('.dropzone') as HTMLElement;
    const file = new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], 'لقطة.png', { type: 'image/png' });
    fireEvent.drop(zone, { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(core.calls('attachments.add')).toHaveLength(1));
    const input = core.calls('attachments.add')[0]!;
    expect(input).toMatchObject({ as: analyst.id, ownerType: 'source', ownerId: src.id, fileName: 'لقطة.png' });
    expect(input.data).toBeInstanceOf(Uint8Array);
    expect([...(input.data as Uint8Array)]).toEqual([137, 80, 78, 71, 1, 2, 3]);
    const item = (await screen.findByText('لقطة.png')).closest('li') as HTMLElement;
    expect(within(item).getByText('07'.repeat(32))).toBeTruthy();
    // Opening goes to main, which confirms natively; a refusal from main is shown in words.
    const opened: unknown[] = [];
    window.casefile.openAttachment = async (request) => {
      opened.push(request);
      return { ok: true, value: { opened: false, reason: 'image/png files are not opened here.' } };
    };
    fireEvent.click(within(item).getByRole('button', { name: 'Open لقطة.png' }));
    await waitFor(() => expect(opened).toEqual([{ as: analyst.id, id: expect.any(String) }]));
    expect(await screen.findByText(/image\/png files are not opened here/)).toBeTruthy();
  });

  it('shows an actor’s aliases by kind and script, and unlinks a relation with an undo', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const kaabi = core.seed('actor', {
      kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
      aliases: [{ alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }, { alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
    });
    const nujaba = core.seed('actor', { kind: 'organization', name: 'Al-Nujaba Movement' });
    core.link(kaabi.id, 'leader_of', nujaba.id);
    workAs(analyst.id, `#/actors/${kaabi.id}`);
    render(<App />);
    const aliases = await screen.findByRole('region', { name: 'Names and aliases' });
    expect(within(aliases).getByRole('heading', { name: 'Transliteration' })).toBeTruthy();
    expect(within(aliases).getByText('الكعبي').parentElement!.textContent).toContain('Arabic');
    const relations = screen.getByRole('region', { name: 'Relations' });
    expect(await within(relations).findByRole('link', { name: 'Al-Nujaba Movement' })).toBeTruthy();
    expect(relations.textContent).toContain('Leader of');
    fireEvent.click(within(relations).getByRole('button', { name: 'Remove relation with Al-Nujaba Movement' }));
    await waitFor(() => expect(core.relations()).toHaveLength(0));
    fireEvent.click(await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(core.relations()).toHaveLength(1));
  });
});
