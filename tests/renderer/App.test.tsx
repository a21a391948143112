import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import type { Case, Profile, Role } from '../../shared/domain';
import type { CasefileBridge } from '../../shared/ipc/bridge';
import type { Result } from '../../shared/ipc/contract';

/** An in-memory stand-in for the preload: the renderer cannot tell the difference. */
function fakeBridge(initial: Profile[] = []) {
  const profiles = [...initial];
  const cases: Case[] = [];
  let seq = 0;
  const id = () => `0190a1b2-c3d4-7e5f-8a9b-${String(++seq).padStart(12, '0')}`;
  const now = '2025-01-01T00:00:00.000Z';
  const meta = () => ({ id: id(), rev: 1, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null, deletedAt: null });
  let menuHandler: ((payload: { command: 'case.new' }) => void) | null = null;

  const answer = (method: string, input: Record<string, unknown>): Result<unknown> => {
    switch (method) {
      case 'profiles.list':
        return { ok: true, value: profiles };
      case 'profiles.create': {
        const p: Profile = { ...meta(), name: String(input.name), initials: String(input.initials), roles: input.roles as Role[] };
        profiles.push(p);
        return { ok: true, value: p };
      }
      case 'cases.list':
        return { ok: true, value: { items: [...cases], total: cases.length, limit: 100, offset: 0 } };
      case 'cases.create': {
        const actor = profiles.find((p) => p.id === input.as);
        if (!actor?.roles.includes('case_manager')) {
          return {
            ok: false,
            error: { code: 'forbidden', message: 'Only a profile with the case manager role may create cases.', needsRole: 'case_manager' },
          };
        }
        const c: Case = {
          ...meta(), title: String(input.title), summary: String(input.summary ?? ''), status: 'open', priority: 'normal',
          tags: [], assignees: [], marking: (input.marking as Case['marking']) ?? 'internal', dueDate: null,
        };
        cases.unshift(c);
        return { ok: true, value: c };
      }
      default:
        return { ok: false, error: { code: 'unknown_method', message: method } };
    }
  };

  const bridge = {
    invoke: vi.fn(async (method: string, input: unknown) => answer(method, input as Record<string, unknown>)),
    on: vi.fn((_event: 'menu', handler: (payload: { command: 'case.new' }) => void) => {
      menuHandler = handler;
      return () => { menuHandler = null; };
    }),
  };
  return {
    bridge,
    profiles,
    cases,
    menu: (command: 'case.new') => menuHandler?.({ command }),
    calls: (method: string) => bridge.invoke.mock.calls.filter(([m]) => m === method).map(([, input]) => input),
  };
}

function install(fake: ReturnType<typeof fakeBridge>) {
  window.casefile = fake.bridge as unknown as CasefileBridge;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

const analyst: Profile = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0000000000aa', rev: 1, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
  createdBy: null, updatedBy: null, deletedAt: null, name: 'Jonas Berg', initials: 'JB', roles: ['analyst'],
};

describe('App', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => {
    cleanup();
    delete (window as Partial<Window>).casefile;
  });

  it('creates the first profile, then a case, through the contract methods', async () => {
    const fake = fakeBridge();
    install(fake);
    render(<App />);

    await screen.findByText(/no profiles yet/i);
    type('Name', 'Amira Haddad');
    type('Initials', 'AH');
    fireEvent.click(screen.getByLabelText('Case manager'));
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));

    await waitFor(() => expect(fake.calls('profiles.create')).toHaveLength(1));
    expect(fake.calls('profiles.create')[0]).toEqual({ as: null, name: 'Amira Haddad', initials: 'AH', roles: ['analyst', 'case_manager'] });

    // The first profile is selected for you once the list comes back.
    const radio = await screen.findByRole('radio', { name: /Amira Haddad/ });
    await waitFor(() => expect((radio as HTMLInputElement).checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Open cases' }));

    const amira = fake.profiles[0]!;
    await screen.findByRole('heading', { name: 'Cases' });
    await waitFor(() => expect(fake.calls('cases.list')).toEqual([{ as: amira.id }]));
    await screen.findByText('No cases yet.');

    type('Title', 'Telegram channel “Nordfront”');
    type('Summary', 'Weekly monitoring.');
    fireEvent.change(screen.getByLabelText('Marking'), { target: { value: 'restricted' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create case' }));

    await waitFor(() => expect(fake.calls('cases.create')).toHaveLength(1));
    expect(fake.calls('cases.create')[0]).toEqual({
      as: amira.id, title: 'Telegram channel “Nordfront”', summary: 'Weekly monitoring.', marking: 'restricted',
    });
    const list = await screen.findByRole('list', { name: 'Cases' });
    expect(within(list).getByRole('heading', { name: 'Telegram channel “Nordfront”' }).getAttribute('dir')).toBe('auto');
    expect(within(list).getByText('Restricted')).toBeTruthy();
    expect(field('Title').value).toBe('');
  });

  it("shows the Core's refusal next to the form", async () => {
    const fake = fakeBridge([analyst]);
    install(fake);
    render(<App />);

    fireEvent.click(await screen.findByRole('radio', { name: /Jonas Berg/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Open cases' }));
    await screen.findByText('No cases yet.');

    type('Title', 'Should not exist');
    fireEvent.click(screen.getByRole('button', { name: 'Create case' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Only a profile with the case manager role may create cases.');
    expect(fake.cases).toHaveLength(0);
    expect(field('Title').value).toBe('Should not exist');
  });

  it('creates further profiles as the selected profile', async () => {
    const fake = fakeBridge([analyst]);
    install(fake);
    render(<App />);

    await screen.findByRole('radio', { name: /Jonas Berg/ });
    expect((screen.getByRole('button', { name: 'Create profile' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Jonas Berg/ }));
    type('Name', 'Lea Park');
    type('Initials', 'LP');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    await waitFor(() => expect(fake.calls('profiles.create')).toEqual([{ as: analyst.id, name: 'Lea Park', initials: 'LP', roles: ['analyst'] }]));
  });

  it('renders record text as text, never as HTML', async () => {
    const hostile = { ...analyst, name: '<img src=x onerror="window.pwned=1">مسلم', roles: ['analyst', 'case_manager'] as Role[] };
    const fake = fakeBridge([hostile]);
    install(fake);
    const { container } = render(<App />);

    const radio = await screen.findByRole('radio', { name: /img src=x/ });
    expect(container.querySelector('img')).toBeNull();
    fireEvent.click(radio);
    fireEvent.click(screen.getByRole('button', { name: 'Open cases' }));
    await screen.findByText('No cases yet.');
    type('Title', '<b>bold</b>');
    fireEvent.click(screen.getByRole('button', { name: 'Create case' }));
    await screen.findByRole('heading', { name: '<b>bold</b>' });
    expect(container.querySelector('b, img')).toBeNull();
  });

  it('File > New Case moves focus to the case title', async () => {
    const fake = fakeBridge([{ ...analyst, roles: ['case_manager'] }]);
    install(fake);
    render(<App />);
    fireEvent.click(await screen.findByRole('radio', { name: /Jonas Berg/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Open cases' }));
    await screen.findByText('No cases yet.');
    act(() => fake.menu('case.new'));
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
  });

  it('explains when it is not running inside Casefile', async () => {
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/window\.casefile is missing/);
  });
});
