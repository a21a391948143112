import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { fakeCore, profile } from './fakeCore';
import './setup';

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('first run', () => {
  it('creates the first profile, then offers and loads the sample case', async () => {
    const core = fakeCore();
    core.install();
    render(<App />);

    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    type('Name', 'Amira Haddad');
    expect((screen.getByLabelText('Initials') as HTMLInputElement).value).toBe('AH');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));

    await waitFor(() => expect(core.calls('profiles.create')).toHaveLength(1));
    expect(core.calls('profiles.create')[0]).toEqual({ as: null, name: 'Amira Haddad', initials: 'AH', roles: ['analyst', 'case_manager'] });

    const load = await screen.findByRole('button', { name: 'Load the sample case' });
    expect(screen.getByRole('button', { name: 'Start with an empty desk' })).toBeTruthy();
    fireEvent.click(load);

    const amira = core.all('profile')[0]!;
    await waitFor(() => expect(core.calls('sample.load')).toEqual([{ as: amira.id }]));
    const caseId = core.all('case')[0]!.id;
    await screen.findByRole('heading', { level: 1, name: /Al-Nujaba/ });
    expect(window.location.hash).toBe(`#/cases/${caseId}`);
    // The title bar names who is working.
    expect(screen.getByRole('button', { name: /Working as Amira Haddad/ })).toBeTruthy();
  });

  it('can start with an empty desk instead', async () => {
    const core = fakeCore();
    core.install();
    render(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    type('Name', 'Lea Park');
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Start with an empty desk' }));
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    expect(core.calls('sample.load')).toHaveLength(0);
  });

  it('shows a refused profile in words next to the field', async () => {
    const core = fakeCore();
    core.install();
    render(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Casefile' });
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    const error = await screen.findByText('Must not be empty');
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toContain(error.id);
  });

  it('asks who is working when there are profiles, and switches from the title bar', async () => {
    const a = profile('Jonas Berg', ['analyst'], 1);
    const b = profile('Mira Sol', ['reviewer'], 2);
    const core = fakeCore({ profiles: [a, b] });
    core.install();
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: /Jonas Berg/ }));
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    expect(window.localStorage.getItem('casefile.profileId')).toBe(a.id);
    fireEvent.click(screen.getByRole('button', { name: /Working as Jonas Berg/ }));
    fireEvent.click(await screen.findByRole('menuitem', { name: /Switch to Mira Sol/ }));
    await screen.findByRole('button', { name: /Working as Mira Sol/ });
  });

  it('explains when it is not running inside Casefile', async () => {
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/window\.casefile is missing/);
  });
});
