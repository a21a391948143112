import { render, screen, within } from '@testing-library/react';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

describe('search page', () => {
  it('says 10,000+ when the Core stopped counting, and exact counts below that', async () => {
    const desk = await openDesk({ profiles: [{ name: 'Amira Haddad', roles: ['analyst', 'case_manager'] }] });
    desk.install();
    const me = desk.profiles[0]!;
    const kase = await desk.call(me, 'cases.create', { title: 'Drone campaign' });
    await desk.call(me, 'statements.create', { originalText: 'drone strike near the base', language: 'en' });
    // Ten thousand notes straight into the table (through the Core it would take minutes); the index is rebuilt on first search.
    const at = '2024-01-01T00:00:00.000Z';
    const ins = desk.core.db.prepare(`INSERT INTO notes (id, target_type, target_id, body, pinned, rev, created_at, updated_at, created_by, updated_by)
      VALUES (?, 'case', ?, ?, 0, 1, ?, ?, ?, ?)`);
    desk.core.db.transaction(() => { for (let i = 0; i < 10_050; i++) ins.run(uuidv7(), kase.id, `drone sighting ${i}`, at, at, me.id, me.id); })();
    desk.core.db.prepare("UPDATE search_state SET value = '1' WHERE key = 'needs_rebuild'").run();

    workAs(me.id, '#/search?q=drone');
    render(<App />);
    expect((await screen.findByText(/results$/, { selector: '[role="status"]' }, { timeout: 20_000 })).textContent).toBe('10,000+ results');
    const types = screen.getByRole('region', { name: 'Type' });
    expect(within(types).getByRole('button', { name: /Note/ }).textContent).toMatch(/10,000\+$/);
    expect(within(types).getByRole('button', { name: /Statement/ }).textContent).toMatch(/ 1$/);
    // Case counts cover the first 10,000 hits only: at least that many.
    expect(within(screen.getByRole('region', { name: 'Case' })).getByRole('button', { name: /Drone campaign/ }).textContent).toMatch(/\+$/);
  }, 60_000);
});
