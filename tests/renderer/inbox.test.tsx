import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANA = { name: 'Ana Analyst', roles: ['analyst' as const, 'case_manager' as const] };
const RAMI = { name: 'Rami Reviewer', roles: ['reviewer' as const] };

async function submittedDesk() {
  const desk = await openDesk({ profiles: [ANA, RAMI] });
  desk.install();
  const [ana, rami] = desk.profiles as [typeof desk.profiles[0], typeof desk.profiles[0]];
  const st = await desk.call(ana, 'statements.create', { originalText: 'البيان الأول.', language: 'ar', summary: 'Kaabi threatens' });
  let v = await desk.call(ana, 'translations.start', { statementId: st.id, targetLang: 'en' });
  v = await desk.call(ana, 'translations.edit', { id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's1', target: 'The first statement.' }] });
  v = await desk.call(ana, 'translations.submit', { id: v.translation.id, rev: v.translation.rev });
  return { desk, ana, rami, st, translation: v.translation };
}

describe('inbox', () => {
  it('counts what waits on the reviewer in the sidebar, lists it, and drops it once it is dealt with', async () => {
    const { desk, rami, translation } = await submittedDesk();
    workAs(rami.id, '#/inbox');
    render(<App />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const link = await within(nav).findByRole('link', { name: /^Inbox ?\(1 waiting on you\)$/ });
    expect(link.getAttribute('aria-current')).toBe('page');
    const review = await screen.findByRole('region', { name: /Waiting for your review/ });
    const item = within(review).getByRole('link', { name: 'Kaabi threatens' });
    expect(item.getAttribute('href')).toBe(`#/review/${translation.id}`);
    expect(desk.sent('inbox.mine').at(-1)).toMatchObject({ as: rami.id });

    // Sent back from another window (or by another process): this one learns of it when it is
    // looked at again, without a reload.
    await desk.call(rami, 'translations.requestChanges', { id: translation.id, rev: translation.rev, comment: 'Check the name.' });
    await waitFor(() => {
      window.dispatchEvent(new Event('visibilitychange'));
      expect(within(nav).getByRole('link', { name: 'Inbox' })).toBeTruthy();
    }, { timeout: 10_000, interval: 500 });
    expect(await within(review).findByText('Nothing waits for your review.')).toBeTruthy();
  });

  it('shows the translator what came back with the reviewer\'s request', async () => {
    const { desk, ana, rami, st, translation } = await submittedDesk();
    await desk.call(rami, 'translations.requestChanges', { id: translation.id, rev: translation.rev, comment: 'Check the name.' });
    workAs(ana.id, '#/inbox');
    render(<App />);
    const back = await screen.findByRole('region', { name: /Sent back to you/ });
    expect(within(back).getByRole('link', { name: 'Kaabi threatens' }).getAttribute('href')).toBe(`#/statements/${st.id}`);
    expect(within(back).getByText('Check the name.').getAttribute('dir')).toBe('auto');
    expect(await within(await screen.findByRole('navigation', { name: 'Main' })).findByRole('link', { name: /^Inbox ?\(1 waiting on you\)$/ })).toBeTruthy();
  });
});
