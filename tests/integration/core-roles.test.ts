import { describe, expect, it } from 'vitest';
import {
  auditRows, makeDesk, newCase, newStatement, NO_SUCH_ID, openCore, refused, tableCounts, useCleanup,
} from './helpers';

useCleanup();

describe('case manager powers', () => {
  it('only a case manager opens a case file', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    for (const as of [d.analyst.id, d.reviewer.id]) {
      const body = await refused(d.core.invoke('cases.create', { as, title: 'Mine' }), 'forbidden');
      expect(body.needsRole).toBe('case_manager');
      expect(body.message).toContain('case manager');
    }
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect((await newCase(d)).createdBy).toBe(d.admin.id);
  });

  it('an analyst may edit title and summary but not assign, close, archive, re-mark, prioritise or schedule', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const edited = await d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: c.rev, title: 'Better title', summary: 'Better summary' });
    expect(edited).toMatchObject({ title: 'Better title', summary: 'Better summary', rev: 2 });

    const counts = tableCounts(d.core.db);
    const attempts: [Record<string, unknown>, RegExp][] = [
      [{ assignees: [d.analyst.id] }, /assign/],
      [{ status: 'closed' }, /close/],
      [{ status: 'archived' }, /archive/],
      [{ status: 'active' }, /status/],
      [{ marking: 'public' }, /marking/],
      [{ priority: 'urgent' }, /priority/],
      [{ dueDate: '2024-01-31' }, /due date/],
      // A manager-only field smuggled in with an allowed one still refuses the whole save.
      [{ title: 'Sneaky', marking: 'restricted' }, /marking/],
    ];
    for (const [patch, what] of attempts) {
      const body = await refused(d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: edited.rev, ...patch }), 'forbidden');
      expect(body.needsRole).toBe('case_manager');
      expect(body.message).toContain('case manager');
      expect(body.message).toMatch(what);
    }
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(await d.core.invoke('cases.get', { as: d.analyst.id, id: c.id })).toEqual(edited);
    // Sending the current value of a manager field is not a change.
    expect((await d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: edited.rev, marking: 'internal', summary: 'x' })).summary).toBe('x');
  });

  it('a case manager assigns, closes and archives; each is audited by name', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const seq = d.core.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const a = await d.core.invoke('cases.update', { as: d.admin.id, id: c.id, rev: c.rev, assignees: [d.analyst.id], marking: 'subscribers' });
    const closed = await d.core.invoke('cases.update', { as: d.admin.id, id: c.id, rev: a.rev, status: 'closed' });
    const archived = await d.core.invoke('cases.update', { as: d.admin.id, id: c.id, rev: closed.rev, status: 'archived' });
    expect(archived).toMatchObject({ status: 'archived', assignees: [d.analyst.id], marking: 'subscribers' });
    expect(auditRows(d.core.db, seq).map((r) => r.action)).toEqual(['case.update', 'case.close', 'case.archive']);
    // Assignees must be real profiles.
    const body = await refused(d.core.invoke('cases.update', { as: d.admin.id, id: c.id, rev: archived.rev, assignees: [NO_SUCH_ID] }), 'invalid_input');
    expect(body.field).toBe('assignees');
  });

  it('a reviewer cannot edit a case, or trash one', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    await refused(d.core.invoke('cases.update', { as: d.reviewer.id, id: c.id, rev: c.rev, summary: 'x' }), 'forbidden');
    expect((await refused(d.core.invoke('cases.trash', { as: d.analyst.id, id: c.id, rev: c.rev }), 'forbidden')).needsRole).toBe('case_manager');
  });
});

describe('analyst and reviewer', () => {
  it('a reviewer-only profile cannot capture statements, sources, actors or reports', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    const r = d.reviewer.id;
    for (const call of [
      () => d.core.invoke('statements.create', { as: r, originalText: 'نص' }),
      () => d.core.invoke('sources.create', { as: r, kind: 'video', title: 't' }),
      () => d.core.invoke('actors.create', { as: r, kind: 'person', name: 'n' }),
      () => d.core.invoke('reports.create', { as: r, headline: 'h' }),
    ]) {
      const body = await refused(call(), 'forbidden');
      expect(body.needsRole).toBe('analyst');
      expect(body.message).toContain('analyst');
    }
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('a reviewer may still read and write notes', async () => {
    const d = await makeDesk();
    const st = await newStatement(d);
    expect((await d.core.invoke('statements.get', { as: d.reviewer.id, id: st.id })).id).toBe(st.id);
    const n = await d.core.invoke('notes.create', { as: d.reviewer.id, targetType: 'statement', targetId: st.id, body: 'Check line 2' });
    expect(n.createdBy).toBe(d.reviewer.id);
    await refused(d.core.invoke('statements.update', { as: d.reviewer.id, id: st.id, rev: st.rev, summary: 'x' }), 'forbidden');
  });
});

describe('admin powers', () => {
  it('only an admin creates profiles or changes roles; anyone may fix their own name', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    const b1 = await refused(d.core.invoke('profiles.create', { as: d.analyst.id, name: 'New', initials: 'N', roles: ['analyst'] }), 'forbidden');
    expect(b1.needsRole).toBe('admin');
    const b2 = await refused(d.core.invoke('profiles.update', { as: d.analyst.id, id: d.analyst.id, rev: d.analyst.rev, roles: ['analyst', 'admin'] }), 'forbidden');
    expect(b2.needsRole).toBe('admin');
    const b3 = await refused(d.core.invoke('profiles.update', { as: d.analyst.id, id: d.reviewer.id, rev: d.reviewer.rev, name: 'Renamed' }), 'forbidden');
    expect(b3.needsRole).toBe('admin');
    expect(tableCounts(d.core.db)).toEqual(counts);

    const self = await d.core.invoke('profiles.update', { as: d.analyst.id, id: d.analyst.id, rev: d.analyst.rev, name: 'Ana B. Analyst', initials: 'AB' });
    expect(self).toMatchObject({ name: 'Ana B. Analyst', initials: 'AB', roles: ['analyst'] });
    const promoted = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.reviewer.id, rev: d.reviewer.rev, roles: ['reviewer', 'analyst'] });
    expect(promoted.roles).toEqual(['reviewer', 'analyst']);
    expect((await d.core.invoke('statements.create', { as: d.reviewer.id, originalText: 'نص' })).createdBy).toBe(d.reviewer.id);
  });

  it('only an admin purges', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const t = await d.core.invoke('cases.trash', { as: d.admin.id, id: c.id, rev: c.rev });
    for (const as of [d.analyst.id, d.reviewer.id]) {
      const body = await refused(d.core.invoke('trash.purge', { as, recordType: 'case', id: c.id, rev: t.rev }), 'forbidden');
      expect(body.needsRole).toBe('admin');
    }
    expect((await d.core.invoke('trash.list', { as: d.analyst.id })).map((x) => x.id)).toEqual([c.id]);
  });

  it('the last admin cannot lose the admin role', async () => {
    const d = await makeDesk();
    const body = await refused(d.core.invoke('profiles.update', { as: d.admin.id, id: d.admin.id, rev: d.admin.rev, roles: ['analyst', 'case_manager'] }), 'invalid_input');
    expect(body.field).toBe('roles');
    expect(body.message).toMatch(/last admin/);
    expect((await d.core.invoke('profiles.list', {})).find((p) => p.id === d.admin.id)?.roles).toContain('admin');

    // Once someone else is an admin, the first may step down.
    const other = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev, roles: ['analyst', 'admin'] });
    const down = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.admin.id, rev: d.admin.rev, roles: ['analyst', 'case_manager'] });
    expect(down.roles).toEqual(['analyst', 'case_manager']);
    // And now the other is the last one.
    await refused(d.core.invoke('profiles.update', { as: d.analyst.id, id: d.analyst.id, rev: other.rev, roles: ['analyst'] }), 'invalid_input');
    await refused(d.core.invoke('profiles.create', { as: d.admin.id, name: 'X', initials: 'X', roles: ['analyst'] }), 'forbidden');
  });
});

describe('who is acting', () => {
  it('the first profile may be created with as: null and becomes admin', async () => {
    const core = openCore();
    const p = await core.invoke('profiles.create', { as: null, name: 'First', initials: 'F', roles: ['analyst'] });
    expect(p.roles).toEqual(['analyst', 'admin']);
    expect(p.createdBy).toBeNull();
  });

  it('as: null is refused once a profile exists', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    const body = await refused(d.core.invoke('profiles.create', { as: null, name: 'Intruder', initials: 'I', roles: ['admin'] }), 'invalid_input');
    expect(body.field).toBe('as');
    const b2 = await refused(d.core.invoke('cases.create', { as: null, title: 'x' }), 'invalid_input');
    expect(b2.field).toBe('as');
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('an unknown acting profile is refused, for reads and writes', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    for (const call of [
      () => d.core.invoke('cases.list', { as: NO_SUCH_ID }),
      () => d.core.invoke('statements.create', { as: NO_SUCH_ID, originalText: 'x' }),
      () => d.core.invoke('profiles.create', { as: NO_SUCH_ID, name: 'X', initials: 'X', roles: ['admin'] }),
    ]) {
      const body = await refused(call(), 'forbidden');
      expect(body.field).toBe('as');
    }
    expect(tableCounts(d.core.db)).toEqual(counts);
    const noAs = await refused(d.core.invoke('cases.list', {}), 'invalid_input');
    expect(noAs.field).toBe('as');
  });
});
