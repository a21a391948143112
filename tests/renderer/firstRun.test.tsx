import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('first run', () => {
  it('creates the first profile, then offers and loads the sample case', async () => {
    const desk = await openDesk();
    desk.install();
    render(<App />);

    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    type('Name', 'Amira Haddad');
    expect((screen.getByLabelText('Initials') as HTMLInputElement).value).toBe('AH');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));

    await waitFor(() => expect(desk.sent('profiles.create')).toHaveLength(1));
    expect(desk.sent('profiles.create')[0]).toEqual({ as: null, name: 'Amira Haddad', initials: 'AH', roles: ['analyst', 'case_manager'] });

    const load = await screen.findByRole('button', { name: 'Load the sample case' });
    expect(screen.getByRole('button', { name: 'Start with an empty desk' })).toBeTruthy();
    // The first profile bootstraps the desk, so the Core makes it an admin too.
    const [amira, ...others] = await desk.call(null, 'profiles.list', {});
    expect(others).toEqual([]);
    expect(amira).toMatchObject({ name: 'Amira Haddad', initials: 'AH' });
    expect([...amira!.roles].sort()).toEqual(['admin', 'analyst', 'case_manager']);
    fireEvent.click(load);

    await waitFor(() => expect(desk.sent('sample.load')).toEqual([{ as: amira!.id }]));
    const heading = await screen.findByRole('heading', { level: 1, name: /Al-Nujaba/ });
    const { items } = await desk.call(amira!, 'cases.list', {});
    expect(items).toHaveLength(1);
    expect(heading.textContent).toBe(items[0]!.title);
    expect(window.location.hash).toBe(`#/cases/${items[0]!.id}`);
    // The title bar names who is working.
    expect(screen.getByRole('button', { name: /Working as Amira Haddad/ })).toBeTruthy();
  });

  it('can start with an empty desk instead', async () => {
    const desk = await openDesk();
    desk.install();
    render(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    type('Name', 'Lea Park');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Start with an empty desk' }));
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    expect(desk.sent('sample.load')).toHaveLength(0);
    const [lea] = await desk.call(null, 'profiles.list', {});
    expect((await desk.call(lea!, 'cases.list', {})).total).toBe(0);
  });

  it('shows a refused profile in words next to the field', async () => {
    const desk = await openDesk();
    desk.install();
    render(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    const error = await screen.findByText('Must not be empty');
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toContain(error.id);
    expect(await desk.call(null, 'profiles.list', {})).toEqual([]);
  });

  it('asks who is working when there are profiles, and switches from the title bar', async () => {
    const desk = await openDesk({ profiles: [{ name: 'Jonas Berg', roles: ['analyst'] }, { name: 'Mira Sol', roles: ['reviewer'] }] });
    desk.install();
    const [jonas] = desk.profiles;
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: /Jonas Berg/ }));
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    expect(window.localStorage.getItem('casefile.profileId')).toBe(jonas!.id);
    fireEvent.click(screen.getByRole('button', { name: /Working as Jonas Berg/ }));
    fireEvent.click(await screen.findByRole('menuitem', { name: /Switch to Mira Sol/ }));
    await screen.findByRole('button', { name: /Working as Mira Sol/ });
  });

  it('explains when it is not running inside Casefile', async () => {
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/window\.casefile is missing/);
  });
});
