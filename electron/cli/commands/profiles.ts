import { Option, type Command } from 'commander';
import { Role, type Profile } from '../../../shared/domain';
import { defined, list } from '../input';
import { action, UsageError, type Session } from '../session';
import { out, table } from '../output';
import { revOption } from './common';

export const profileLine = (p: Profile) =>
  `${p.name} (${p.initials}) ${p.id}, roles ${p.roles.join(', ')}${p.deactivatedAt ? ', deactivated' : ''}`;

const ROLE_LIST = Role.options.join(', ');

// No commander default here: commander hands a default to the parser as the value to extend,
// so `--roles reviewer` would come out as analyst + reviewer. The roles given are the roles.
const rolesOption = (help: string) => new Option('--roles <roles>', `${help}, comma-separated: ${ROLE_LIST}`).argParser(list(Role.options));

function checkRoles(roles: string[] | undefined): void {
  if (roles && roles.length === 0) throw new UsageError(`--roles: name at least one role (${ROLE_LIST})`);
}

export function registerProfiles(program: Command): void {
  const profile = program.command('profile').description('the people who work on this desk');

  profile.command('add')
    .description('create a profile; the first profile of a desk bootstraps it and also gets the admin role, later ones need an admin (--as)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--initials <xx>', 'initials (up to 5 characters)')
    .addOption(rolesOption('exactly these roles (default: analyst)'))
    .action(action(async (s: Session, opts: { name: string; initials: string; roles?: string[] }) => {
      checkRoles(opts.roles);
      await s.openOrCreate();
      const first = (await s.profiles()).length === 0;
      const p = await s.invoke('profiles.create', {
        as: first ? null : await s.as(), name: opts.name, initials: opts.initials, roles: opts.roles ?? ['analyst'],
      });
      s.emit(p, (v) => out(`Created profile ${profileLine(v)}`));
    }));

  profile.command('list')
    .description('list the profiles, deactivated ones included')
    .option('--all', 'include profiles in the trash')
    .action(action(async (s: Session, opts: { all?: boolean }) => {
      const ps = await s.invoke('profiles.list', { includeTrashed: opts.all === true });
      s.emit(ps, (v) => {
        if (!v.length) { out('No profiles yet: create one with "casefile profile add".'); return; }
        const status = (p: Profile) => (p.deletedAt ? 'trashed' : p.deactivatedAt ? 'deactivated' : 'active');
        table(['ID', 'INITIALS', 'STATUS', 'NAME', 'ROLES'], v.map((p) => [p.id, p.initials, status(p), p.name, p.roles.join(',')]));
      });
    }));

  profile.command('update')
    .description('change a profile\'s name, initials or roles (roles and other people\'s profiles need the admin role; anyone may fix their own name and initials)')
    .argument('<profile>', 'the profile to change: id, name or initials')
    .option('--name <name>', 'new full name')
    .option('--initials <xx>', 'new initials (up to 5 characters)')
    .addOption(rolesOption('replaces the profile\'s roles'))
    .addOption(revOption())
    .action(action(async (s: Session, ref: string, o: { name?: string; initials?: string; roles?: string[]; rev?: number }) => {
      checkRoles(o.roles);
      const patch = defined({ name: o.name, initials: o.initials, roles: o.roles });
      if (Object.keys(patch).length === 0) throw new UsageError('say what to change: --name, --initials and/or --roles');
      const target = await s.findProfile(ref, 'profile');
      const p = await s.invoke('profiles.update', { as: await s.as(), id: target.id, rev: o.rev ?? target.rev, ...patch });
      s.emit(p, (v) => out(`Updated profile ${profileLine(v)}, now rev ${v.rev}`));
    }));

  profile.command('deactivate')
    .description('stop a profile from acting (admin); it is never deleted, so the audit trail keeps naming it. The last active admin cannot be deactivated')
    .argument('<profile>', 'id, name or initials')
    .addOption(revOption())
    .action(action(async (s: Session, ref: string, o: { rev?: number }) => {
      const target = await s.findProfile(ref, 'profile');
      const p = await s.invoke('profiles.deactivate', { as: await s.as(), id: target.id, rev: o.rev ?? target.rev });
      s.emit(p, (v) => out(`Deactivated profile ${profileLine(v)}: it can no longer act; "casefile profile reactivate" brings it back`));
    }));

  profile.command('reactivate')
    .description('let a deactivated profile act again (admin)')
    .argument('<profile>', 'id, name or initials')
    .addOption(revOption())
    .action(action(async (s: Session, ref: string, o: { rev?: number }) => {
      const target = await s.findProfile(ref, 'profile');
      const p = await s.invoke('profiles.reactivate', { as: await s.as(), id: target.id, rev: o.rev ?? target.rev });
      s.emit(p, (v) => out(`Reactivated profile ${profileLine(v)}`));
    }));
}
