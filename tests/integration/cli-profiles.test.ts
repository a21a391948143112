// `casefile profile ...`: roles are exactly what --roles says, profiles can be changed and
// deactivated (never deleted), and every refusal says what is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { cf, cfJson, tempDir } from './cliRunner';

interface P { id: string; name: string; initials: string; roles: string[]; rev: number; deactivatedAt: string | null }

describe('casefile profile', () => {
  let desk: string;
  let admin: P;
  beforeAll(async () => {
    desk = tempDir();
    admin = await cfJson<P>(['profile', 'add', '--unencrypted', '--data', desk, '--name', 'Dana Admin', '--initials', 'DA', '--roles', 'analyst']);
  });
  const add = async (name: string, initials: string, ...rest: string[]) =>
    await cfJson<P>(['profile', 'add', '--data', desk, '--as', 'DA', '--name', name, '--initials', initials, ...rest]);

  it('--roles replaces the default: reviewer-only and case-manager-only profiles; analyst when --roles is left out', async () => {
    // The first profile of a desk also gets admin, and only admin.
    expect(admin.roles).toEqual(['analyst', 'admin']);
    expect((await add('Rami Reviewer', 'RR', '--roles', 'reviewer')).roles).toEqual(['reviewer']);
    expect((await add('Cara Manager', 'CM', '--roles', 'case-manager')).roles).toEqual(['case_manager']);
    expect((await add('Ana Analyst', 'AA')).roles).toEqual(['analyst']);
    expect((await add('Two Hats', 'TH', '--roles', 'reviewer', '--roles', 'case_manager')).roles).toEqual(['reviewer', 'case_manager']);

    const human = await cf(['profile', 'add', '--data', desk, '--as', 'DA', '--name', 'Rev Two', '--initials', 'R2', '--roles', 'reviewer']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Created profile Rev Two \(R2\) [0-9a-f-]{36}, roles reviewer\n$/);
  });

  it('an unknown or missing role is a usage error that names it and lists the roles; nothing is created', async () => {
    const before = (await cfJson<P[]>(['profile', 'list', '--data', desk])).length;
    const typo = await cf(['profile', 'add', '--data', desk, '--as', 'DA', '--name', 'X', '--initials', 'X', '--roles', 'reviewr']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('reviewr: not one of analyst, case_manager, reviewer, admin.');
    const empty = await cf(['profile', 'add', '--data', desk, '--as', 'DA', '--name', 'X', '--initials', 'X', '--roles', ',']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--roles: name at least one role (analyst, case_manager, reviewer, admin)');
    expect((await cfJson<P[]>(['profile', 'list', '--data', desk])).length).toBe(before);
  });

  it('profile update changes name, initials and roles (admin); anyone may fix their own name; roles are replaced', async () => {
    const p = await add('Uma Update', 'UU', '--roles', 'analyst');
    const roles = await cfJson<P>(['profile', 'update', 'UU', '--data', desk, '--as', 'DA', '--roles', 'reviewer,case_manager']);
    expect(roles).toMatchObject({ id: p.id, roles: ['reviewer', 'case_manager'], rev: p.rev + 1 });
    const renamed = await cfJson<P>(['profile', 'update', 'Uma Update', '--data', desk, '--as', 'UU', '--name', 'Uma Ulrich', '--initials', 'UMU']);
    expect(renamed).toMatchObject({ name: 'Uma Ulrich', initials: 'UMU', roles: ['reviewer', 'case_manager'] });

    const promote = await cf(['profile', 'update', 'UMU', '--data', desk, '--as', 'UMU', '--roles', 'admin']);
    expect(promote.code).toBe(1);
    expect(promote.stderr).toBe('casefile: forbidden: Only a profile with the admin role may manage profiles.\n');
    const nothing = await cf(['profile', 'update', 'UMU', '--data', desk, '--as', 'DA']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('say what to change: --name, --initials and/or --roles');
    const unknown = await cf(['profile', 'update', 'Nobody', '--data', desk, '--as', 'DA', '--name', 'X']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^casefile: profile: no profile with the id, name or initials "Nobody"/);
    const stale = await cf(['profile', 'update', 'UMU', '--data', desk, '--as', 'DA', '--name', 'Old', '--rev', String(p.rev)]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^casefile: conflict: /);
  });

  it('profile deactivate stops a profile from acting, keeps it listed and named; reactivate brings it back', async () => {
    const d = tempDir();
    await cfJson(['profile', 'add', '--unencrypted', '--data', d, '--name', 'Dana Admin', '--initials', 'DA', '--roles', 'analyst,case_manager']);
    const ana = await cfJson<P>(['profile', 'add', '--data', d, '--as', 'DA', '--name', 'Ana Analyst', '--initials', 'AA', '--roles', 'analyst']);
    await cfJson(['statement', 'add', '--data', d, '--as', 'AA', '--original-file', '-', '--language', 'ar'], { input: 'نص البيان' });

    const off = await cf(['profile', 'deactivate', 'AA', '--data', d, '--as', 'DA']);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('Deactivated profile Ana Analyst (AA)');
    const list = await cf(['profile', 'list', '--data', d]);
    expect(list.stdout).toMatch(/AA\s+deactivated\s+Ana Analyst/);
    expect(list.stdout).toMatch(/DA\s+active\s+Dana Admin/);

    const acting = await cf(['statement', 'list', '--data', d, '--as', 'AA']);
    expect(acting.code).toBe(1);
    expect(acting.stderr).toBe('casefile: forbidden: Ana Analyst (AA) is deactivated and can no longer act on this desk: work as another profile, or ask an administrator to reactivate it.\n');
    // With one active profile left, --as may be left out again.
    expect((await cf(['statement', 'list', '--data', d])).code).toBe(0);
    // The audit trail still names who did what.
    const audit = await cfJson<{ actorId: string; action: string }[]>(['audit', 'list', '--data', d]);
    expect(audit.some((e) => e.actorId === ana.id && e.action === 'statement.create')).toBe(true);
    expect(audit.some((e) => e.action === 'profile.deactivate')).toBe(true);

    const selfOff = await cf(['profile', 'deactivate', 'DA', '--data', d, '--as', 'DA']);
    expect(selfOff.code).toBe(1);
    expect(selfOff.stderr).toBe('casefile: invalid_input: id: Dana Admin is the last admin profile still active; give another profile the admin role first, then deactivate this one\n');

    const notAdmin = await cf(['profile', 'reactivate', 'AA', '--data', d, '--as', 'AA']);
    expect(notAdmin.code).toBe(1);
    const on = await cfJson<P>(['profile', 'reactivate', 'AA', '--data', d, '--as', 'DA']);
    expect(on.deactivatedAt).toBeNull();
    expect((await cf(['statement', 'list', '--data', d, '--as', 'AA'])).code).toBe(0);
  });
});
