import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import { workAs } from './setup';

const analyst = profile('Jonas Berg', ['analyst'], 1);

describe('statement editor pickers', () => {
  it('finds the speaker by an alias in Arabic script and saves the choice', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const kaabi = core.seed('actor', {
      kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
      aliases: [{ alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }, { alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
    });
    core.seed('actor', { kind: 'organization', name: 'Al-Nujaba Movement' });
    const s = core.seed('statement', { summary: 'x' });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);

    const speaker = await screen.findByRole('combobox', { name: 'Speaker' });
    act(() => speaker.focus());
    fireEvent.change(speaker, { target: { value: "ka'bi" } });
    const option = await screen.findByRole('option', { name: /Akram Al-Kaabi/ });
    expect(option.textContent).toContain("also Akram al-Ka'bi");
    expect(screen.queryByRole('option', { name: /Nujaba/ })).toBeNull();
    fireEvent.click(option);
    await waitFor(() => expect(core.get('statement', s.id)!.speakerId).toBe(kaabi.id));
    expect(core.calls('statements.update')[0]).toMatchObject({ speakerId: kaabi.id, rev: 1 });
  });

  it('reorders cited sources with Alt+arrow keys', async () => {
    const core = fakeCore({ profiles: [analyst] });
    core.install();
    const s = core.seed('statement', { summary: 'x' });
    const a = core.seed('source', { title: 'First source', kind: 'web_page' });
    const b = core.seed('source', { title: 'Second source', kind: 'video' });
    core.cite(s.id, a.id);
    core.cite(s.id, b.id);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Cited sources, in order' });
    await within(list).findByText('Second source');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining('First source'), expect.stringContaining('Second source')]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(core.calls('citations.reorder')).toHaveLength(1));
    expect(core.calls('citations.reorder')[0]).toMatchObject({ citingType: 'statement', citingId: s.id });
    expect((core.calls('citations.reorder')[0]!.order as string[])).toHaveLength(2);
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]!.textContent).toContain('Second source'));
    expect(screen.getByText('Moved to position 2 of 2.')).toBeTruthy();
  });
});
