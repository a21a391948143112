import { Option, type Command } from 'commander';
import { Role, type Profile } from '../../../shared/domain';
import { list } from '../input';
import { action, type Session } from '../session';
import { out, table } from '../output';

export const profileLine = (p: Profile) => `${p.name} (${p.initials}) ${p.id}, roles ${p.roles.join(', ')}`;

export function registerProfiles(program: Command): void {
  const profile = program.command('profile').description('the people who work on this desk');

  profile.command('add')
    .description('create a profile; the first profile of a desk bootstraps it and also gets the admin role, later ones need an admin (--as)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--initials <xx>', 'initials (up to 5 characters)')
    .addOption(new Option('--roles <roles>', `comma-separated roles: ${Role.options.join(', ')}`).argParser(list(Role.options)).default(['analyst'], 'analyst'))
    .action(action(async (s: Session, opts: { name: string; initials: string; roles: string[] }) => {
      s.core({ create: true });
      const first = (await s.profiles()).length === 0;
      const p = await s.invoke('profiles.create', { as: first ? null : await s.as(), name: opts.name, initials: opts.initials, roles: opts.roles });
      s.emit(p, (v) => out(`Created profile ${profileLine(v)}`));
    }));

  profile.command('list')
    .description('list the profiles')
    .option('--all', 'include profiles in the trash')
    .action(action(async (s: Session, opts: { all?: boolean }) => {
      const ps = await s.invoke('profiles.list', { includeTrashed: opts.all === true });
      s.emit(ps, (v) => {
        if (!v.length) { out('No profiles yet: create one with "casefile profile add".'); return; }
        table(['ID', 'INITIALS', 'NAME', 'ROLES'], v.map((p) => [p.id, p.initials, p.deletedAt ? `${p.name} (trashed)` : p.name, p.roles.join(',')]));
      });
    }));
}
