// Markings in the UI follow the Core's one rule table: without `markings.lower` the less
// restricted choices are disabled with the Core's reason; a case manager may set a statement's
// marking where the rest of it is read-only; filing a record into a more restricted case warns.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };
const MANAGER = { name: 'Amira Haddad', roles: ['case_manager' as const] };

const optionsOf = (select: HTMLElement) =>
  Object.fromEntries([...(select as HTMLSelectElement).options].map((o) => [o.value, o.disabled ? 'disabled' : 'enabled']));

describe('markings', () => {
  it('an analyst may raise a statement\'s marking but sees the lower ones disabled, with the Core\'s reason', async () => {
    const desk = await openDesk({ profiles: [MANAGER, ANALYST] });
    desk.install();
    const analyst = desk.profiles[1]!;
    const st = await desk.call(analyst, 'statements.create', { originalText: 'نص البيان', summary: 'Internal statement', marking: 'internal' });
    workAs(analyst.id, `#/statements/${st.id}`);
    render(<App />);
    const select = await screen.findByLabelText('Marking');
    expect((select as HTMLSelectElement).disabled).toBe(false);
    expect(optionsOf(select)).toEqual({ public: 'disabled', subscribers: 'disabled', internal: 'enabled', restricted: 'enabled' });
    const reason = "Only a profile with the case manager role may lower a statement's or a source's marking.";
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toBe(reason);

    fireEvent.change(select, { target: { value: 'restricted' } });
    await waitFor(async () => expect((await desk.call(analyst, 'statements.get', { id: st.id })).marking).toBe('restricted'));
    // Now internal is lower than what is saved, and no longer offered.
    await waitFor(() => expect(optionsOf(screen.getByLabelText('Marking')).internal).toBe('disabled'));
  });

  it('a case manager lowers a statement\'s marking while its text stays read-only to them', async () => {
    const desk = await openDesk({ profiles: [MANAGER, ANALYST] });
    desk.install();
    const [manager, analyst] = desk.profiles as [typeof desk.profiles[0], typeof desk.profiles[0]];
    const st = await desk.call(analyst, 'statements.create', { originalText: 'نص البيان', summary: 'Restricted statement', marking: 'restricted' });
    workAs(manager.id, `#/statements/${st.id}`);
    render(<App />);
    const select = await screen.findByLabelText('Marking');
    expect((select as HTMLSelectElement).disabled).toBe(false);
    expect(optionsOf(select)).toEqual({ public: 'enabled', subscribers: 'enabled', internal: 'enabled', restricted: 'enabled' });
    expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).readOnly).toBe(true);
    fireEvent.change(select, { target: { value: 'public' } });
    await waitFor(async () => expect((await desk.call(analyst, 'statements.get', { id: st.id })).marking).toBe('public'));
  });

  it('filing a public statement into a restricted case says to check its marking', async () => {
    const desk = await openDesk({ profiles: [{ name: 'Dana Desk', roles: ['analyst', 'case_manager'] }] });
    desk.install();
    const me = desk.profiles[0]!;
    const c = await desk.call(me, 'cases.create', { title: 'Named people only', marking: 'restricted' });
    await desk.call(me, 'statements.create', { originalText: 'نص', summary: 'Public statement', marking: 'public' });
    workAs(me.id, `#/cases/${c.id}/statements`);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add existing…' }));
    fireEvent.click(await screen.findByRole('button', { name: /Public statement/ }));
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    expect(await within(toasts).findByText(
      'This statement is marked public, less restricted than the case it is filed into (restricted): check that its marking is right before it is exported or published.',
    )).toBeTruthy();
    expect((await desk.call(me, 'cases.items', { caseId: c.id })).map((i) => i.itemType)).toEqual(['statement']);
  });
});
