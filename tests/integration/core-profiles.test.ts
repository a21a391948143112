// Profiles leave a desk by deactivation, never deletion: the audit trail keeps naming them,
// and the Core (not only the UI) stops them from acting.
import { describe, expect, it } from 'vitest';
import { auditRows, makeDesk, newStatement, refused, tableCounts, useCleanup } from './helpers';

useCleanup();

describe('deactivating a profile', () => {
  it('an admin deactivates a profile: it stays listed and named, the Core refuses it as `as`, reactivation restores it', async () => {
    const d = await makeDesk();
    const st = await newStatement(d);
    const seq = d.core.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

    const off = await d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev });
    expect(off.deactivatedAt).toEqual(expect.any(String));
    expect(off.rev).toBe(d.analyst.rev + 1);
    const [entry] = auditRows(d.core.db, seq);
    expect(entry).toMatchObject({ action: 'profile.deactivate', actor_id: d.admin.id, record_id: d.analyst.id });
    expect(JSON.parse(entry!.changes)).toEqual({ deactivatedAt: [null, off.deactivatedAt] });

    // Still on the desk, by name, for every screen that says who did what.
    const listed = (await d.core.invoke('profiles.list', {})).find((p) => p.id === d.analyst.id);
    expect(listed).toMatchObject({ name: 'Ana Analyst', deactivatedAt: off.deactivatedAt });
    expect((await d.core.invoke('statements.get', { as: d.admin.id, id: st.id })).createdBy).toBe(d.analyst.id);
    const history = await d.core.invoke('audit.list', { as: d.admin.id, recordId: st.id });
    expect(history.map((e) => e.actorId)).toEqual([d.analyst.id]);

    // It can neither read nor write, and the refusal says why and what to do.
    const counts = tableCounts(d.core.db);
    for (const call of [
      () => d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'نص' }),
      () => d.core.invoke('statements.list', { as: d.analyst.id }),
      () => d.core.invoke('profiles.update', { as: d.analyst.id, id: d.analyst.id, rev: off.rev, name: 'Still me' }),
    ]) {
      const body = await refused(call(), 'forbidden');
      expect(body.field).toBe('as');
      expect(body.message).toBe('Ana Analyst (AA) is deactivated and can no longer act on this desk: work as another profile, or ask an administrator to reactivate it.');
    }
    expect(tableCounts(d.core.db)).toEqual(counts);

    const on = await d.core.invoke('profiles.reactivate', { as: d.admin.id, id: d.analyst.id, rev: off.rev });
    expect(on.deactivatedAt).toBeNull();
    expect(auditRows(d.core.db, seq).map((r) => r.action)).toEqual(['profile.deactivate', 'profile.reactivate']);
    expect((await d.core.invoke('statements.create', { as: d.analyst.id, originalText: 'نص' })).createdBy).toBe(d.analyst.id);
  });

  it('only an admin deactivates or reactivates; nothing is written on a refusal', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    for (const as of [d.analyst.id, d.reviewer.id]) {
      const body = await refused(d.core.invoke('profiles.deactivate', { as, id: d.reviewer.id, rev: d.reviewer.rev }), 'forbidden');
      expect(body.needsRole).toBe('admin');
      expect(body.message).toBe('Only a profile with the admin role may deactivate profiles.');
    }
    const off = await d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.reviewer.id, rev: d.reviewer.rev });
    const after = tableCounts(d.core.db);
    expect((await refused(d.core.invoke('profiles.reactivate', { as: d.analyst.id, id: d.reviewer.id, rev: off.rev }), 'forbidden')).needsRole).toBe('admin');
    expect(tableCounts(d.core.db)).toEqual(after);
    expect(after.audit_log).toBe(counts.audit_log! + 1);
  });

  it('the last active admin can be neither deactivated nor demoted; a deactivated admin does not count', async () => {
    const d = await makeDesk();
    const body = await refused(d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.admin.id, rev: d.admin.rev }), 'invalid_input');
    expect(body.field).toBe('id');
    expect(body.message).toBe('id: Dana Admin is the last admin profile still active; give another profile the admin role first, then deactivate this one');

    // A second admin makes it possible; the admin may even step away themselves.
    const second = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.reviewer.id, rev: d.reviewer.rev, roles: ['reviewer', 'admin'] });
    const away = await d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.admin.id, rev: d.admin.rev });
    expect(away.deactivatedAt).not.toBeNull();

    // Now the second one is the last admin who can act: neither deactivation nor losing the role.
    await refused(d.core.invoke('profiles.deactivate', { as: d.reviewer.id, id: d.reviewer.id, rev: second.rev }), 'invalid_input');
    const demote = await refused(d.core.invoke('profiles.update', { as: d.reviewer.id, id: d.reviewer.id, rev: second.rev, roles: ['reviewer'] }), 'invalid_input');
    expect(demote.message).toMatch(/last admin profile still active/);

    // Bringing the first back lets the second step down.
    const back = await d.core.invoke('profiles.reactivate', { as: d.reviewer.id, id: d.admin.id, rev: away.rev });
    expect(back.deactivatedAt).toBeNull();
    expect((await d.core.invoke('profiles.update', { as: d.reviewer.id, id: d.reviewer.id, rev: second.rev, roles: ['reviewer'] })).roles).toEqual(['reviewer']);
  });

  it('works on the revision the admin saw: a stale one is refused; deactivating twice changes nothing', async () => {
    const d = await makeDesk();
    const renamed = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev, name: 'Ana B.' });
    const stale = await refused(d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev }), 'conflict');
    expect(stale.message).toMatch(/changed by someone else/);

    const off = await d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.analyst.id, rev: renamed.rev });
    const audit = tableCounts(d.core.db).audit_log;
    const again = await d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.analyst.id, rev: off.rev });
    expect(again).toEqual(off);
    expect(tableCounts(d.core.db).audit_log).toBe(audit);

    // An admin can still fix a deactivated profile's name: it is how the trail names them.
    const fixed = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.analyst.id, rev: off.rev, name: 'Ana Bakr' });
    expect(fixed).toMatchObject({ name: 'Ana Bakr', deactivatedAt: off.deactivatedAt });
  });

  it('one person, one profile: a second profile with the same name is refused, whatever the case, also when renaming', async () => {
    const d = await makeDesk();
    const counts = tableCounts(d.core.db);
    const twice = await refused(d.core.invoke('profiles.create', { as: d.admin.id, name: ' ana analyst ', initials: 'AN', roles: ['analyst'] }), 'invalid_input');
    expect(twice.field).toBe('name');
    expect(twice.message).toBe('name: there is already a profile named Ana Analyst (AA); use or edit that one');
    const rename = await refused(d.core.invoke('profiles.update', { as: d.admin.id, id: d.reviewer.id, rev: d.reviewer.rev, name: 'Ana Analyst' }), 'invalid_input');
    expect(rename.field).toBe('name');
    expect(tableCounts(d.core.db)).toEqual(counts);

    const off = await d.core.invoke('profiles.deactivate', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev });
    const again = await refused(d.core.invoke('profiles.create', { as: d.admin.id, name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] }), 'invalid_input');
    expect(again.message).toBe('name: there is already a profile named Ana Analyst (AA); it is deactivated: reactivate it instead');
    // Saving a profile under its own name is no clash.
    expect((await d.core.invoke('profiles.update', { as: d.admin.id, id: d.analyst.id, rev: off.rev, name: 'Ana Analyst', initials: 'AN' })).initials).toBe('AN');
  });

  it('profiles are created with exactly the roles given: reviewer-only and case-manager-only are possible', async () => {
    const d = await makeDesk();
    const cm = await d.core.invoke('profiles.create', { as: d.admin.id, name: 'Cara Manager', initials: 'CM', roles: ['case_manager'] });
    expect(cm).toMatchObject({ roles: ['case_manager'], deactivatedAt: null });
    expect(d.reviewer.roles).toEqual(['reviewer']);
  });
});
