import { Option, type Command } from 'commander';
import { RecordType } from '../../../shared/domain';
import { recordRef, type RecordRef } from '../input';
import { action, CliError, type Session } from '../session';
import { out, table, when } from '../output';
import { revFor, revOption } from './common';

/** Record kinds that go to the trash and come back, with the contract methods that do it. */
const TRASHABLE = {
  case: 'cases', actor: 'actors', statement: 'statements', source: 'sources', attachment: 'attachments',
  note: 'notes', event: 'events', report: 'reports',
} as const;
type Trashable = keyof typeof TRASHABLE;
const TYPES = Object.keys(TRASHABLE) as Trashable[];

/** The current rev: the trash lists it for trashed records; the others are read with <domain>.get. */
async function currentRev(s: Session, ref: RecordRef, verb: 'trash' | 'restore'): Promise<number> {
  const as = await s.as();
  const trashed = (await s.invoke('trash.list', { as, recordType: ref.type })).find((x) => x.id === ref.id);
  if (trashed) return trashed.rev;
  if (verb === 'restore') throw new CliError(`There is no ${ref.type} ${ref.id} in the trash (see "casefile trash list").`);
  const domain = TRASHABLE[ref.type as Trashable];
  return revFor(s, `${domain}.get`, ref.id, undefined);
}

async function move(s: Session, ref: RecordRef, rev: number | undefined, verb: 'trash' | 'restore') {
  const domain = TRASHABLE[ref.type as Trashable];
  const r = rev ?? await currentRev(s, ref, verb);
  return (await s.invoke(`${domain}.${verb}`, { as: await s.as(), id: ref.id, rev: r })) as { id: string; rev: number };
}

export function registerTrash(program: Command): void {
  const trash = program.command('trash').description('records moved to the trash (restorable)');

  trash.command('list')
    .description('list what is in the trash, most recently trashed first')
    .addOption(new Option('--type <type>', 'only this kind of record').choices(RecordType.options))
    .action(action(async (s: Session, o: { type?: string }) => {
      const items = await s.invoke('trash.list', { as: await s.as(), ...(o.type ? { recordType: o.type } : {}) });
      s.emit(items, (v) => {
        if (!v.length) { out('The trash is empty.'); return; }
        table(['TYPE', 'ID', 'TRASHED', 'REV', 'TITLE'], v.map((x) => [x.recordType, x.id, when(x.deletedAt), String(x.rev), x.title]));
      });
    }));

  trash.command('add')
    .description('move a record to the trash (it can be restored)')
    .argument('<type:id>', `the record, TYPE:ID with TYPE one of ${TYPES.join(', ')}`, recordRef(TYPES))
    .addOption(revOption())
    .action(action(async (s: Session, ref: RecordRef, o: { rev?: number }) => {
      const rec = await move(s, ref, o.rev, 'trash');
      s.emit(rec, () => out(`Moved ${ref.type} ${ref.id} to the trash. Restore it with: casefile trash restore ${ref.type}:${ref.id}${s.dataArg}`));
    }));

  trash.command('restore')
    .description('bring a record back from the trash')
    .argument('<type:id>', `the record, TYPE:ID with TYPE one of ${TYPES.join(', ')}`, recordRef(TYPES))
    .addOption(revOption())
    .action(action(async (s: Session, ref: RecordRef, o: { rev?: number }) => {
      const rec = await move(s, ref, o.rev, 'restore');
      s.emit(rec, (v) => out(`Restored ${ref.type} ${v.id} (now rev ${v.rev}).`));
    }));
}
