import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

describe('notes on a translation', () => {
  it('are written from the translation pane and kept on the translation, not the statement', async () => {
    const desk = await openDesk({ profiles: [{ name: 'Ana Analyst', roles: ['analyst'] }] });
    desk.install();
    const ana = desk.profiles[0]!;
    const st = await desk.call(ana, 'statements.create', { originalText: 'البيان الأول.', language: 'ar', summary: 'First claim' });
    const v = await desk.call(ana, 'translations.start', { statementId: st.id, targetLang: 'en' });
    workAs(ana.id, `#/statements/${st.id}`);
    render(<App />);
    const pane = await screen.findByRole('region', { name: 'Translation' });
    const notes = await within(pane).findByRole('region', { name: /^Translation notes/ });
    const form = within(notes).getByRole('form', { name: 'New translation note' });
    fireEvent.change(within(form).getByLabelText('Note text'), { target: { value: 'Render مجاهدين as mujahideen.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(desk.sent('notes.create')).toHaveLength(1));
    expect(await within(notes).findByText('Render مجاهدين as mujahideen.')).toBeTruthy();
    expect(await desk.call(ana, 'notes.list', { targetType: 'translation', targetId: v.translation.id })).toEqual([
      expect.objectContaining({ body: 'Render مجاهدين as mujahideen.', targetType: 'translation' }),
    ]);
    expect(await desk.call(ana, 'notes.list', { targetType: 'statement', targetId: st.id })).toEqual([]);
  });
});
