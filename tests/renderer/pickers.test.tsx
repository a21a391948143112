import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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

describe('statement editor pickers', () => {
  it('finds the speaker by an alias in Arabic script and saves the choice', async () => {
    const { desk, analyst } = await analystDesk();
    const kaabi = await desk.call(analyst, 'actors.create', {
      kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
      aliases: [{ alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }, { alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
    });
    await desk.call(analyst, 'actors.create', { kind: 'organization', name: 'Al-Nujaba Movement' });
    const s = await desk.call(analyst, 'statements.create', { summary: 'x' });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);

    const speaker = await screen.findByRole('combobox', { name: 'Speaker' });
    act(() => speaker.focus());
    fireEvent.change(speaker, { target: { value: "ka'bi" } });
    const option = await screen.findByRole('option', { name: /Akram Al-Kaabi/ });
    expect(option.textContent).toContain("also Akram al-Ka'bi");
    expect(screen.queryByRole('option', { name: /Nujaba/ })).toBeNull();
    fireEvent.click(option);
    await waitFor(async () => expect((await desk.call(analyst, 'statements.get', { id: s.id })).speakerId).toBe(kaabi.id));
    expect(desk.sent('statements.update')[0]).toMatchObject({ speakerId: kaabi.id, rev: 1 });
  });

  it('reorders cited sources with Alt+arrow keys', async () => {
    const { desk, analyst } = await analystDesk();
    const s = await desk.call(analyst, 'statements.create', { summary: 'x' });
    const a = await desk.call(analyst, 'sources.create', { title: 'First source', kind: 'web_page' });
    const b = await desk.call(analyst, 'sources.create', { title: 'Second source', kind: 'video' });
    await desk.call(analyst, 'citations.add', { citingType: 'statement', citingId: s.id, sourceId: a.id });
    await desk.call(analyst, 'citations.add', { citingType: 'statement', citingId: s.id, sourceId: b.id });
    const cited = async () => (await desk.call(analyst, 'citations.list', { citingType: 'statement', citingId: s.id }))
      .sort((x, y) => x.position - y.position).map((c) => c.sourceId);
    expect(await cited()).toEqual([a.id, b.id]);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Cited sources, in order' });
    await within(list).findByText('Second source');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining('First source'), expect.stringContaining('Second source')]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(desk.sent('citations.reorder')).toHaveLength(1));
    expect(desk.sent('citations.reorder')[0]).toMatchObject({ citingType: 'statement', citingId: s.id });
    await waitFor(async () => expect(await cited()).toEqual([b.id, a.id]));
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]!.textContent).toContain('Second source'));
    expect(screen.getByText('Moved to position 2 of 2.')).toBeTruthy();
  });
});
