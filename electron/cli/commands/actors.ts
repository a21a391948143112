import { InvalidArgumentError, Option, type Command } from 'commander';
import { ActorKind, AliasKind, RelationKind, type Actor, type Alias } from '../../../shared/domain';
import { defined, orNull } from '../input';
import { action, type Session } from '../session';
import { fields, out, pageFooter, plural, table, when } from '../output';
import { limitOption, offsetOption, revFor, revOption, whoFn } from './common';

/** "kunya:Abu Ali" or "transliteration/ar-Latn:Akram al-Ka'bi" (the text may itself hold colons). */
export function parseAlias(value: string, previous?: Alias[]): Alias[] {
  const m = /^([a-z_]+)(?:\/([A-Za-z0-9-]+))?:(.+)$/s.exec(value);
  const kind = m?.[1];
  if (!m || !kind || !(AliasKind.options as readonly string[]).includes(kind)) {
    throw new InvalidArgumentError(`Must be KIND:TEXT or KIND/LANG:TEXT, KIND one of ${AliasKind.options.join(', ')} (e.g. "transliteration/ar-Latn:Akram al-Ka'bi").`);
  }
  return [...(previous ?? []), { kind: kind as Alias['kind'], lang: m[2] ?? null, alias: m[3] as string }];
}

const aliasText = (a: Alias) => `${a.alias} (${a.kind}${a.lang ? `, ${a.lang}` : ''})`;
const actorLine = (a: Actor) => `${a.id} ${a.name}${a.nameOriginal ? ` / ${a.nameOriginal}` : ''} (${a.kind})`;

interface ActorOpts { kind?: string; name?: string; nameOriginal?: string; alias?: Alias[]; description?: string; country?: string; rev?: number }

function withActorOptions(cmd: Command, creating: boolean): Command {
  const kind = new Option('--kind <kind>', 'what the actor is').choices(ActorKind.options);
  if (creating) kind.default('person');
  cmd.addOption(kind);
  if (creating) cmd.requiredOption('--name <name>', 'name in English');
  else cmd.option('--name <name>', 'name in English');
  return cmd
    .option('--name-original <name>', 'name in the original script')
    .option('--alias <kind:text>', `an alias, KIND:TEXT or KIND/LANG:TEXT; KIND is ${AliasKind.options.join(', ')} (repeat for several${creating ? '' : '; replaces the aliases'})`, parseAlias)
    .option('--description <text>', 'who they are')
    .option('--country <country>', 'country');
}

export function registerActors(program: Command): void {
  const actor = program.command('actor').description('people, organizations, media outlets and platform accounts');

  withActorOptions(actor.command('add').description('add an actor (analyst role)'), true)
    .action(action(async (s: Session, o: ActorOpts) => {
      const a = await s.invoke('actors.create', defined({
        as: await s.as(), kind: o.kind, name: o.name, nameOriginal: o.nameOriginal, aliases: o.alias, description: o.description, country: o.country,
      }));
      s.emit(a, (v) => out(`Added actor ${actorLine(v)}${v.aliases.length ? `, ${plural(v.aliases.length, 'alias', 'aliases')}` : ''}`));
    }));

  actor.command('list')
    .description('list actors by name; --text also finds them by original name or alias')
    .option('--text <text>', 'name, original name or alias contains this text')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(ActorKind.options))
    .addOption(limitOption()).addOption(offsetOption())
    .option('--trashed', 'list actors in the trash instead')
    .action(action(async (s: Session, o: { text?: string; kind?: string; limit: number; offset: number; trashed?: boolean }) => {
      const page = await s.invoke('actors.list', defined({ as: await s.as(), text: o.text, kind: o.kind, limit: o.limit, offset: o.offset, trashed: o.trashed === true }));
      s.emit(page, (p) => {
        if (p.items.length) table(['ID', 'KIND', 'NAME', 'ORIGINAL', 'ALIASES'], p.items.map((a) => [a.id, a.kind, a.name, a.nameOriginal, a.aliases.map((x) => x.alias).join('; ')]));
        pageFooter(p, o.trashed ? 'trashed actor' : 'actor');
      });
    }));

  actor.command('show')
    .description('show an actor with aliases and relations')
    .argument('<id>', 'actor id')
    .action(action(async (s: Session, id: string) => {
      const as = await s.as();
      const a = await s.invoke('actors.get', { as, id });
      if (s.json) { s.emit(a, () => undefined); return; }
      const who = await whoFn(s);
      fields([
        ['Actor', a.id], ['Kind', a.kind], ['Name', a.name], ['Original', a.nameOriginal], ['Country', a.country], ['Description', a.description],
        ['Created', `${when(a.createdAt)} by ${who(a.createdBy)}`], ['Updated', `${when(a.updatedAt)} by ${who(a.updatedBy)} (rev ${a.rev})`],
        ['In trash since', a.deletedAt ? when(a.deletedAt) : null],
      ]);
      if (a.aliases.length) { out(''); out('Aliases:'); for (const al of a.aliases) out(`  ${aliasText(al)}`); }
      const rels = await s.invoke('actors.relations', { as, actorId: id });
      if (rels.length) {
        out(''); out('Relations:');
        for (const r of rels) {
          const otherId = r.fromActorId === id ? r.toActorId : r.fromActorId;
          const other = await s.invoke('actors.get', { as, id: otherId });
          const text = r.fromActorId === id ? `${r.relation} ${other.name}` : `${other.name} is ${r.relation}`;
          out(`  ${text} (${other.id})${r.note ? ` - ${r.note}` : ''}  [relation ${r.id}]`);
        }
      }
    }));

  withActorOptions(actor.command('update').description('change an actor (analyst role); an empty --name-original or --country clears it'), false)
    .argument('<id>', 'actor id')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: ActorOpts) => {
      const a = await s.invoke('actors.update', {
        as: await s.as(), id, rev: await revFor(s, 'actors.get', id, o.rev),
        ...defined({ kind: o.kind, name: o.name, nameOriginal: orNull(o.nameOriginal), aliases: o.alias, description: o.description, country: orNull(o.country) }),
      });
      s.emit(a, (v) => out(`Updated actor ${actorLine(v)}, now rev ${v.rev}`));
    }));

  actor.command('link')
    .description('relate two actors, e.g. --from <kaabi> --relation leader_of --to <nujaba> (analyst role)')
    .requiredOption('--from <id>', 'actor id')
    .addOption(new Option('--relation <relation>', 'how --from relates to --to').choices(RelationKind.options).makeOptionMandatory())
    .requiredOption('--to <id>', 'actor id')
    .option('--note <text>', 'a short note, e.g. "Secretary-General"', '')
    .action(action(async (s: Session, o: { from: string; relation: string; to: string; note: string }) => {
      const r = await s.invoke('actors.link', { as: await s.as(), fromActorId: o.from, relation: o.relation, toActorId: o.to, note: o.note });
      s.emit(r, (v) => out(`Linked: ${v.fromActorId} ${v.relation} ${v.toActorId} (relation ${v.id})`));
    }));

  actor.command('unlink')
    .description('remove a relation between two actors (analyst role); "casefile actor show" lists each relation\'s id')
    .argument('<relation-id>', 'the relation')
    .action(action(async (s: Session, relationId: string) => {
      const r = await s.invoke('actors.unlink', { as: await s.as(), relationId });
      s.emit(r, () => out(`Removed relation ${relationId}`));
    }));
}
