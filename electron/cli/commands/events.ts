import { Option, type Command } from 'commander';
import { DatePrecision, type Event } from '../../../shared/domain';
import { defined } from '../input';
import { action, UsageError, type Session } from '../session';
import { fields, out, table, when } from '../output';
import { revFor, revOption, whoFn } from './common';

interface EventOpts { at?: string; precision?: string; title?: string; description?: string; rev?: number }

function withEventOptions(cmd: Command): Command {
  return cmd
    .option('--at <date>', 'when it happened: 2023, 2023-11, 2023-11-01 or 2023-11-01T14:30Z')
    .addOption(new Option('--precision <precision>', 'how precise --at is (default day)').choices(DatePrecision.options))
    .option('--title <text>', 'what happened, in a line')
    .option('--description <text>', 'more about it');
}

function eventLine(e: Event): string {
  return `${e.id} (${e.occurredAt}${e.datePrecision !== 'day' ? `, ${e.datePrecision}` : ''}) ${e.title}`;
}

export function registerEvents(program: Command): void {
  const event = program.command('event').description('dated entries on a case timeline (a strike, an arrest), besides its statements and sources');

  event.command('list')
    .description('the events of a case, oldest first')
    .requiredOption('--case <case-id>', 'the case')
    .option('--trashed', 'list the events in the trash instead')
    .action(action(async (s: Session, o: { case: string; trashed?: boolean }) => {
      const events = await s.invoke('events.list', { as: await s.as(), caseId: o.case, trashed: o.trashed === true });
      s.emit(events, (v) => {
        if (!v.length) { out(o.trashed ? 'No events in the trash.' : 'No events.'); return; }
        table(['ID', 'WHEN', 'PRECISION', 'REV', 'TITLE'], v.map((e) => [e.id, e.occurredAt, e.datePrecision, e.rev, e.title]));
      });
    }));

  event.command('show')
    .description('show an event')
    .argument('<id>', 'event id')
    .action(action(async (s: Session, id: string) => {
      const e = await s.invoke('events.get', { as: await s.as(), id });
      if (s.json) { s.emit(e, () => undefined); return; }
      const who = await whoFn(s);
      fields([
        ['Event', e.id], ['Case', e.caseId], ['When', `${e.occurredAt} (${e.datePrecision})`], ['Title', e.title], ['Description', e.description],
        ['Created', `${when(e.createdAt)} by ${who(e.createdBy)}`], ['Updated', `${when(e.updatedAt)} by ${who(e.updatedBy)} (rev ${e.rev})`],
        ['In trash since', e.deletedAt ? when(e.deletedAt) : null],
      ]);
    }));

  withEventOptions(event.command('add').description('add an event to a case timeline (analyst role)'))
    .requiredOption('--case <case-id>', 'the case')
    .action(action(async (s: Session, o: EventOpts & { case: string }) => {
      if (o.at === undefined || o.title === undefined) throw new UsageError('an event needs --at DATE and --title TEXT');
      const e = await s.invoke('events.create', {
        as: await s.as(), caseId: o.case, occurredAt: o.at, title: o.title, ...defined({ datePrecision: o.precision, description: o.description }),
      });
      s.emit(e, (v) => out(`Added event ${eventLine(v)} to case ${v.caseId}`));
    }));

  withEventOptions(event.command('edit').description('change an event (analyst role); a stale --rev is refused as a conflict'))
    .argument('<id>', 'event id')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: EventOpts) => {
      const patch = defined({ occurredAt: o.at, datePrecision: o.precision, title: o.title, description: o.description });
      if (Object.keys(patch).length === 0) throw new UsageError('say what to change: --at, --precision, --title or --description');
      const e = await s.invoke('events.update', { as: await s.as(), id, rev: await revFor(s, 'events.get', id, o.rev), ...patch });
      s.emit(e, (v) => out(`Updated event ${eventLine(v)}, now rev ${v.rev}`));
    }));

  event.command('trash')
    .description('move an event to the trash (restore it with "casefile trash restore event:ID")')
    .argument('<id>', 'event id')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: { rev?: number }) => {
      const e = await s.invoke('events.trash', { as: await s.as(), id, rev: await revFor(s, 'events.get', id, o.rev) });
      s.emit(e, (v) => out(`Moved event ${v.id} to the trash. Restore it with: casefile trash restore event:${v.id}${s.dataArg}`));
    }));
}
